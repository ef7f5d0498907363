import type { ArgumentMetadata, Type } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { natsValidationPipe } from '@gt-vision/backend-nats';
import {
  CameraGetRequest,
  CameraListRequest,
  CameraLprEnabledRequest,
  type CameraSummary,
} from '@gt-vision/shared-types';
import type { CameraService } from '../cameras/camera.service';
import { CameraHandler } from './camera.handler';

const SUMMARY: CameraSummary = {
  id: 1,
  name: 'Demo camera 1',
  path: 'cam_1',
  enabled: true,
  status: { state: 'online', since: '2026-01-01T00:00:00.000Z' },
  lpr: { enabled: true, fps: 1 },
  recording: { enabled: true, retentionDays: 7 },
  location: null,
  tags: [],
};

function setup() {
  const cameras = {
    summary: jest.fn().mockResolvedValue({ version: 1, camera: SUMMARY }),
    summaries: jest.fn().mockResolvedValue({ version: 1, cameras: [SUMMARY] }),
    lprCameras: jest.fn().mockResolvedValue({
      version: 1,
      cameras: [{ id: 1, path: 'cam_1', lpr: { fps: 1 } }],
    }),
  };
  return { handler: new CameraHandler(cameras as unknown as CameraService), cameras };
}

/** The pipe the handler class uses, applied as Nest applies it to `@Payload()`. */
async function validated<T>(metatype: Type<T>, payload: unknown): Promise<T> {
  const metadata: ArgumentMetadata = { type: 'body', metatype };
  return natsValidationPipe().transform(payload, metadata);
}

async function refusal(metatype: Type<unknown>, payload: unknown) {
  const error: unknown = await validated(metatype, payload).catch((e) => e);
  expect(error).toBeInstanceOf(RpcException);
  return (error as RpcException).getError();
}

describe('CameraHandler', () => {
  it('camera.get answers the summary of the camera asked for', async () => {
    const { handler, cameras } = setup();
    const request = await validated(CameraGetRequest, { id: 1 });
    await expect(handler.get(request)).resolves.toEqual({ version: 1, camera: SUMMARY });
    expect(cameras.summary).toHaveBeenCalledWith(1);
  });

  it('camera.list passes the filters through', async () => {
    const { handler, cameras } = setup();
    const request = await validated(CameraListRequest, { enabled: true, ids: [1, 2] });
    await expect(handler.list(request)).resolves.toEqual({ version: 1, cameras: [SUMMARY] });
    expect(cameras.summaries).toHaveBeenCalledWith({ enabled: true, ids: [1, 2] });
  });

  it('camera.lpr-enabled answers the cameras to read frames from', async () => {
    const { handler } = setup();
    const request = await validated(CameraLprEnabledRequest, {});
    await expect(handler.lprEnabled(request)).resolves.toEqual({
      version: 1,
      cameras: [{ id: 1, path: 'cam_1', lpr: { fps: 1 } }],
    });
  });

  it.each([
    ['camera.get without an id', CameraGetRequest, {}, 'id'],
    ['camera.get with a text id', CameraGetRequest, { id: '1' }, 'id'],
    ['camera.get with id 0', CameraGetRequest, { id: 0 }, 'id'],
    ['camera.list with a text flag', CameraListRequest, { enabled: 'yes' }, 'enabled'],
    ['camera.list with bad ids', CameraListRequest, { ids: [1, -2] }, 'ids'],
    ['camera.list with too many ids', CameraListRequest, { ids: Array(501).fill(1) }, 'ids'],
    ['camera.list with an unknown field', CameraListRequest, { status: 'online' }, 'status'],
    ['camera.lpr-enabled with a field', CameraLprEnabledRequest, { all: true }, 'all'],
  ])('refuses %s with a 400 naming the field', async (_case, metatype, payload, field) => {
    await expect(refusal(metatype as Type<unknown>, payload)).resolves.toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });
});
