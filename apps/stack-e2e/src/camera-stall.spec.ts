import type { CameraResponseDto } from '@gt-vision/shared-types';
import { connect, type NatsConnection } from 'nats';
import { NATS_URL, simulator, StatusEvents } from './support/camera-status';
import { adminToken, edge, eventually } from './support/stack';

/** A demo camera no other spec stops, so the files may run in any order. */
const CAMERA = 3;

let nc: NatsConnection;

async function state(): Promise<string> {
  const res = await edge(`/api/cameras/${CAMERA}`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  return ((await res.json()) as CameraResponseDto).status.state;
}

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL, name: 'stack-e2e-stall' });
});

afterAll(async () => {
  // Leave the simulator as found even when a test failed halfway.
  await simulator('resume', CAMERA).catch(() => undefined);
  await nc?.drain();
});

describe('a camera whose source hangs (connection open, no data)', () => {
  it('is reported offline "stalled" within 5 s, long before MediaMTX times it out, and online again', async () => {
    await eventually(async () => expect(await state()).toBe('online'), 30_000);
    const events = new StatusEvents(nc);
    try {
      await nc.flush();
      await simulator('pause', CAMERA);
      const offline = await events.next(CAMERA, 'offline', 0, 5000);
      expect(offline).toMatchObject({ previous: 'online', reason: 'stalled' });

      const mark = events.seen.length;
      await simulator('resume', CAMERA);
      await events.next(CAMERA, 'online', mark, 20_000);
    } finally {
      events.close();
    }
  }, 60_000);
});
