import type { CameraResponseDto } from '@gt-vision/shared-types';
import type { NatsConnection } from 'nats';
import { demoCameraId, simulator, StatusEvents } from './support/camera-status';
import { connectAsAdmin } from './support/nats';
import { adminToken, edge, eventually } from './support/stack';

/** A demo camera no other spec stops, so the files may run in any order: the simulator's feed 3. */
const DEMO_CAMERA = 3;

let nc: NatsConnection;
let cameraId: number;

async function state(): Promise<string> {
  const res = await edge(`/api/cameras/${cameraId}`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  return ((await res.json()) as CameraResponseDto).status.state;
}

beforeAll(async () => {
  nc = await connectAsAdmin('stack-e2e-stall');
  cameraId = await demoCameraId(DEMO_CAMERA);
});

afterAll(async () => {
  // Leave the simulator as found even when a test failed halfway.
  await simulator('resume', DEMO_CAMERA).catch(() => undefined);
  await nc?.drain();
});

describe('a camera whose source hangs (connection open, no data)', () => {
  it('is reported offline "stalled" within 5 s, long before MediaMTX times it out, and online again', async () => {
    await eventually(async () => expect(await state()).toBe('online'), 30_000);
    const events = new StatusEvents(nc);
    try {
      await nc.flush();
      await simulator('pause', DEMO_CAMERA);
      const offline = await events.next(cameraId, 'offline', 0, 5000);
      expect(offline).toMatchObject({ previous: 'online', reason: 'stalled' });

      const mark = events.seen.length;
      await simulator('resume', DEMO_CAMERA);
      await events.next(cameraId, 'online', mark, 20_000);
    } finally {
      events.close();
    }
  }, 60_000);
});
