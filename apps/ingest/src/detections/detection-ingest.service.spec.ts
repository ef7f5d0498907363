import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type { CameraSummary, DetectionEventV1, IngestDetectionDto } from '@gt-vision/shared-types';
import type { CameraDirectory } from '../cameras/camera-directory';
import type { IngestRateLimiter } from '../rate-limit/ingest-rate-limiter';
import { DetectionIngestService } from './detection-ingest.service';
import type { DetectionPublisher } from './detection.publisher';
import { IngestConfig } from './ingest.config';

const KEY: Principal = { kind: 'api-key', id: 'k1', name: 'Gate 3 Camera', role: 'integrator' };

function camera(id: number, lpr: boolean): CameraSummary {
  return { id, lpr: { enabled: lpr, fps: 1 } } as CameraSummary;
}

function item(overrides: Partial<IngestDetectionDto> = {}): IngestDetectionDto {
  return {
    cameraId: 1,
    plate: 'abc-1d23',
    confidence: 0.9,
    capturedAt: new Date().toISOString(),
    ...overrides,
  } as IngestDetectionDto;
}

function setup(cameras: CameraSummary[] = [camera(1, true)]) {
  const published: DetectionEventV1[][] = [];
  const directory = {
    getMany: jest.fn(async (ids: number[]) => {
      const byId = new Map(cameras.map((c) => [c.id, c]));
      return new Map(ids.map((id) => [id, byId.get(id) ?? null]));
    }),
  };
  const limits = { admitCaller: jest.fn(), admitCameras: jest.fn() };
  const publisher = {
    publish: jest.fn(async (events: DetectionEventV1[]) => void published.push(events)),
  };
  const config = Object.assign(new IngestConfig(), { INGEST_BATCH_MAX: 3 });
  const service = new DetectionIngestService(
    directory as unknown as CameraDirectory,
    limits as unknown as IngestRateLimiter,
    publisher as unknown as DetectionPublisher,
    config,
  );
  return { service, published, limits, publisher };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as BadRequestException;
  }
  throw new Error('expected a rejection');
}

describe('DetectionIngestService', () => {
  it('publishes normalised events with an assigned id, the key as source, and answers their ids', async () => {
    const { service, published } = setup();
    const id = '0b9f8a3e-2f1c-4d6b-9a7e-5c4d3b2a1f00';
    const answer = await service.ingestBatch(
      { items: [item({ id, alternatives: [{ plate: 'abc 1o23', confidence: 0.4 }] }), item()] },
      KEY,
    );
    expect(answer.accepted).toBe(2);
    expect(answer.ids[0]).toBe(id);
    expect(answer.ids[1]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const [event] = published[0];
    expect(event).toMatchObject({
      version: 1,
      id,
      plate: 'ABC1D23',
      plateRaw: 'abc-1d23',
      source: 'gate-3-camera',
      bbox: null,
      vehicle: null,
      snapshotRef: null,
      alternatives: [{ plate: 'ABC1O23', confidence: 0.4 }],
    });
    expect(Date.parse(event.receivedAt)).not.toBeNaN();
  });

  it('keeps a source the client sent', async () => {
    const { service, published } = setup();
    await service.ingestOne(item({ source: 'frigate' }), KEY);
    expect(published[0][0].source).toBe('frigate');
  });

  it('refuses a capture time too far ahead or too old, naming the field of each item', async () => {
    const { service, publisher } = setup();
    const ahead = new Date(Date.now() + 6 * 60_000).toISOString();
    const old = new Date(Date.now() - 31 * 24 * 3600_000).toISOString();
    const error = await rejection(
      service.ingestBatch(
        { items: [item(), item({ capturedAt: ahead }), item({ capturedAt: old })] },
        KEY,
      ),
    );
    expect(error).toBeInstanceOf(BadRequestException);
    expect(
      (error.getResponse() as { details: { field: string }[] }).details.map((d) => d.field),
    ).toEqual(['items.1.capturedAt', 'items.2.capturedAt']);
    const single = await rejection(service.ingestOne(item({ capturedAt: ahead }), KEY));
    expect((single.getResponse() as { details: { field: string }[] }).details[0].field).toBe(
      'capturedAt',
    );
    expect(publisher.publish).not.toHaveBeenCalled();
  });

  it('accepts a capture time within the allowed clock skew', async () => {
    const { service } = setup();
    const skewed = new Date(Date.now() + 4 * 60_000).toISOString();
    await expect(service.ingestOne(item({ capturedAt: skewed }), KEY)).resolves.toMatchObject({
      accepted: 1,
    });
  });

  it('refuses a batch over the maximum or empty, naming items', async () => {
    const { service } = setup();
    for (const items of [[item(), item(), item(), item()], []]) {
      const error = await rejection(service.ingestBatch({ items }, KEY));
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error.getResponse() as { details: { field: string }[] }).details[0].field).toBe(
        'items',
      );
    }
  });

  it('answers 422 naming each item with an unknown or LPR-off camera, and publishes nothing', async () => {
    const { service, publisher } = setup([camera(1, true), camera(2, false)]);
    const error = await rejection(
      service.ingestBatch({ items: [item(), item({ cameraId: 2 }), item({ cameraId: 9 })] }, KEY),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect((error.getResponse() as { details: unknown[] }).details).toEqual([
      { field: 'items.1.cameraId', problem: 'camera 2 does not have LPR enabled' },
      { field: 'items.2.cameraId', problem: 'camera 9 does not exist' },
    ]);
    expect(publisher.publish).not.toHaveBeenCalled();
  });

  it('counts a batch against the caller and each of its cameras', async () => {
    const { service, limits } = setup([camera(1, true), camera(2, true)]);
    await service.ingestBatch({ items: [item(), item({ cameraId: 2 }), item()] }, KEY);
    expect(limits.admitCaller).toHaveBeenCalledWith(KEY, 3);
    expect(limits.admitCameras).toHaveBeenCalledWith(
      new Map([
        [1, 2],
        [2, 1],
      ]),
    );
  });

  it('publishes nothing when a rate limit refuses', async () => {
    const { service, limits, publisher } = setup();
    limits.admitCameras.mockRejectedValueOnce(new Error('429'));
    await expect(service.ingestOne(item(), KEY)).rejects.toThrow('429');
    expect(publisher.publish).not.toHaveBeenCalled();
  });
});
