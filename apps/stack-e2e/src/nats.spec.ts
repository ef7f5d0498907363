import {
  NatsSubjects,
  type ErrorResponse,
  type CameraGetReply,
  type CameraListReply,
  type CameraLprEnabledReply,
} from '@gt-vision/shared-types';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { NATS_URL, simulator, StatusEvents } from './support/camera-status';
import { eventually } from './support/stack';

/** The demo camera whose publisher the simulator can stop; it pulls `sim_2`. */
const STOPPABLE_CAMERA = 2;

const codec = JSONCodec();
let nc: NatsConnection;
/** Every raw reply of this file; none may carry a source URL or its credentials. */
const replies: string[] = [];

/**
 * A request as Nest's ClientNats sends it (`{pattern, data, id}`), so the registry's handler runs;
 * its reply is `{id, response, isDisposed}` or, on failure, `{id, err, isDisposed}`.
 */
async function request<T>(subject: string, data: unknown): Promise<T> {
  const id = randomUUID();
  const msg = await nc.request(subject, codec.encode({ pattern: subject, data, id }), {
    timeout: 5000,
  });
  replies.push(msg.string());
  const reply = msg.json<{ id: string; response?: T; err?: unknown }>();
  expect(reply.id).toBe(id);
  if (reply.err !== undefined)
    throw new Error(`${subject} error reply: ${JSON.stringify(reply.err)}`);
  return reply.response as T;
}

/** An error reply, for the requests that must be refused. */
async function refusal(subject: string, data: unknown): Promise<unknown> {
  const msg = await nc.request(
    subject,
    codec.encode({ pattern: subject, data, id: randomUUID() }),
    {
      timeout: 5000,
    },
  );
  return msg.json<{ err?: unknown }>().err;
}

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL, name: 'stack-e2e' });
});

afterAll(async () => {
  // Leave the simulator as found even when a test failed halfway.
  await simulator('start', STOPPABLE_CAMERA).catch(() => undefined);
  await nc?.drain();
});

describe('camera registry over NATS request/reply', () => {
  it('camera.get answers demo camera 1 by its path, without its source', async () => {
    const reply = await request<CameraGetReply>(NatsSubjects.cameraGet, { id: 1 });
    expect(reply).toMatchObject({
      version: 1,
      camera: { id: 1, name: 'Demo camera 1', path: 'cam_1', enabled: true },
    });
    expect(reply.camera).not.toHaveProperty('sourceUrl');
  });

  it('camera.get answers null for a camera that does not exist', async () => {
    await expect(
      request<CameraGetReply>(NatsSubjects.cameraGet, { id: 2_000_000_000 }),
    ).resolves.toEqual({ version: 1, camera: null });
  });

  it('camera.list answers the demo cameras, filtered', async () => {
    const all = await request<CameraListReply>(NatsSubjects.cameraList, {});
    expect(all.cameras.map((c) => c.id)).toEqual(expect.arrayContaining([1, 2]));
    const some = await request<CameraListReply>(NatsSubjects.cameraList, {
      ids: [2],
      enabled: true,
    });
    expect(some.cameras.map((c) => c.id)).toEqual([2]);
  });

  it('camera.lpr-enabled lists the demo cameras at 1 fps for frame extraction', async () => {
    const reply = await request<CameraLprEnabledReply>(NatsSubjects.cameraLprEnabled, {});
    expect(reply.cameras).toEqual(
      expect.arrayContaining([
        { id: 1, path: 'cam_1', lpr: { fps: 1 } },
        { id: 2, path: 'cam_2', lpr: { fps: 1 } },
      ]),
    );
  });

  it('refuses a bad payload with a 400 error reply, and keeps serving', async () => {
    const bad = (await refusal(NatsSubjects.cameraGet, { id: 'one' })) as ErrorResponse;
    expect(bad).toMatchObject({ statusCode: 400 });
    // One entry per broken rule, every one naming the field.
    expect(new Set(bad.details.map((d) => d.field))).toEqual(new Set(['id']));
    await expect(refusal(NatsSubjects.cameraList, { ids: 'all' })).resolves.toMatchObject({
      statusCode: 400,
    });
    const raw = await nc.request(NatsSubjects.cameraGet, new TextEncoder().encode('{not json'), {
      timeout: 5000,
    });
    expect(raw.json<{ err: unknown }>().err).toMatchObject({ statusCode: 400 });
    await expect(request(NatsSubjects.cameraGet, { id: 1 })).resolves.toBeTruthy();
  });

  it('never answers a source URL or credentials', () => {
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply).not.toMatch(/rtsps?:\/\//i);
      expect(reply).not.toMatch(/sourceUrl|credential|password/i);
    }
  });
});

describe('camera.status.changed', () => {
  it('reports a camera offline when its publisher stops, and online when it is back', async () => {
    await eventually(async () => {
      const { camera } = await request<CameraGetReply>(NatsSubjects.cameraGet, {
        id: STOPPABLE_CAMERA,
      });
      if (camera?.status.state !== 'online') throw new Error(`camera is ${camera?.status.state}`);
    }, 20_000);
    const events = new StatusEvents(nc);
    try {
      await nc.flush();
      await simulator('stop', STOPPABLE_CAMERA);
      const offline = await events.next(STOPPABLE_CAMERA, 'offline', 0, 5000);
      expect(offline).toMatchObject({ version: 1, path: `cam_${STOPPABLE_CAMERA}` });

      const mark = events.seen.length;
      await simulator('start', STOPPABLE_CAMERA);
      await events.next(STOPPABLE_CAMERA, 'online', mark, 10_000);
    } finally {
      events.close();
    }
  }, 60_000);
});
