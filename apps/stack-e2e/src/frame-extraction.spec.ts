import { plateSchedule } from '@gt-vision/demo-scene';
import {
  normalisePlate,
  type CameraResponseDto,
  type DetectionResponseDto,
  type Page,
} from '@gt-vision/shared-types';
import type { NatsConnection } from 'nats';
import { frameMetric, leaseHolders, readerPaths } from './support/frame-extraction';
import { connectAsAdmin } from './support/nats';
import { adminToken, edge, edgeApi, eventually, secret } from './support/stack';
import { ensureStarted, stopComponent } from './support/component-control';
import { deployment, type AddedFrameReplica } from './support/deployment';

/** What frame extraction writes as a detection's source (apps/frame-extraction detection.mapper.ts). */
const DETECTION_SOURCE = 'gtv-frame-extraction';

/** gtv_lpr_engine_breaker_state: 0 closed, 1 half-open, 2 open (its help text). */
const BREAKER_CLOSED = 0;
const BREAKER_HALF_OPEN = 1;
const BREAKER_OPEN = 2;
/** How soon after LPR is turned off a camera's frames must stop becoming detections. */
const LPR_OFF_WITHIN_MS = 5000;
const JPEG_MAGIC = Buffer.from([0xff, 0xd8]);

let nc: NatsConnection;

async function lprCameras(): Promise<CameraResponseDto[]> {
  const res = await edge('/api/cameras?tag=demo&limit=500', {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  const cameras = ((await res.json()) as { items: CameraResponseDto[] }).items;
  return cameras.filter((c) => c.enabled && c.lpr.enabled);
}

/** Newest first, the detections frame extraction produced, matching `query`. */
async function frameDetections(
  query: Record<string, string>,
  token: string,
): Promise<DetectionResponseDto[]> {
  const q = new URLSearchParams({ source: DETECTION_SOURCE, limit: '100', ...query });
  const res = await edgeApi<Page<DetectionResponseDto>>('GET', `/api/detections?${q}`, { token });
  expect(res.status).toBe(200);
  return res.body.items;
}

async function setLpr(cameraId: number, enabled: boolean): Promise<void> {
  const res = await edge(`/api/cameras/${cameraId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ lpr: { enabled } }),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  nc = await connectAsAdmin('stack-e2e-frames');
});

afterAll(async () => {
  await nc?.drain();
});

describe('frame extraction', () => {
  it('reads every LPR camera from MediaMTX, keyframes only, with long-lived readers', async () => {
    const cameras = await lprCameras();
    expect(cameras.length).toBeGreaterThan(0);
    const paths = cameras.map((c) => c.path).sort();
    await eventually(async () => expect(readerPaths()).toEqual(paths), 30_000);
    const before = await frameMetric('gtv_frames_taken_total');
    const readersBefore = await frameMetric('gtv_frame_reader_processes');
    // Readers may have restarted while the demo cameras were still coming up; from here on, none may.
    const restartsBefore = await frameMetric('gtv_frame_reader_restarts_total');
    await eventually(async () => {
      expect(await frameMetric('gtv_frames_taken_total')).toBeGreaterThanOrEqual(
        before + 2 * cameras.length,
      );
    }, 20_000);
    // Frames came from the same processes: nothing is spawned per frame.
    expect(await frameMetric('gtv_frame_reader_restarts_total')).toBe(restartsBefore);
    expect(await frameMetric('gtv_frame_reader_processes')).toBe(readersBefore);
  }, 60_000);

  it("keeps the internal token out of the readers' command lines (/proc/<pid>/cmdline)", async () => {
    await eventually(async () => expect(readerPaths().length).toBeGreaterThan(0), 30_000);
    const token = secret('GTV_INTERNAL_SERVICE_TOKEN');
    for (const argv of deployment.frameReplica().readerArgvs()) {
      expect(argv.join(' ')).not.toContain(token);
      expect(argv.join(' ')).not.toMatch(/rtsps?:\/\//);
    }
  }, 40_000);

  it('turning LPR off on a camera stops its reader within seconds; on again, it is read again', async () => {
    const [camera] = await lprCameras();
    try {
      await setLpr(camera.id, false);
      const started = Date.now();
      await eventually(async () => expect(readerPaths()).not.toContain(camera.path), 10_000);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await setLpr(camera.id, true);
    }
    await eventually(async () => expect(readerPaths()).toContain(camera.path), 15_000);
  }, 40_000);

  it('stopping the LPR engine opens the breaker: frames counted as skipped, no crash, not ready and why; all recovers when it is back', async () => {
    const pid = deployment.frameReplica().processId();
    const skippedBefore = await frameMetric('gtv_frames_skipped_total', 'reason="breaker-open"');
    try {
      stopComponent('lpr-engine');
      // While the engine is away the breaker is open, then half-open for a trial frame (seconds: it runs
      // through its retries), then open again; it is never closed, and the service is never ready.
      await eventually(async () => {
        expect([BREAKER_OPEN, BREAKER_HALF_OPEN]).toContain(
          await frameMetric('gtv_lpr_engine_breaker_state'),
        );
        expect(
          await frameMetric('gtv_frames_skipped_total', 'reason="breaker-open"'),
        ).toBeGreaterThan(skippedBefore);
        const ready = await edge('/health/frame-extraction/ready');
        expect(ready.status).toBe(503);
        expect(await ready.text()).toContain('circuit breaker open');
      }, 30_000);
      expect(deployment.frameReplica().processId()).toBe(pid);
    } finally {
      ensureStarted('lpr-engine');
    }
    const sentBefore = await frameMetric('gtv_frames_sent_total');
    // The engine loads its models before it listens; then the next trial request closes the breaker.
    await eventually(async () => {
      expect(await frameMetric('gtv_lpr_engine_breaker_state')).toBe(BREAKER_CLOSED);
      expect(await frameMetric('gtv_frames_sent_total')).toBeGreaterThan(sentBefore);
      expect((await edge('/health/frame-extraction/ready')).status).toBe(200);
    }, 90_000);
    expect(deployment.frameReplica().processId()).toBe(pid);
  }, 150_000);
});

describe('detections read from the demo cameras', () => {
  it('a plate the camera showed is in /api/detections, with its snapshot for signed-in users only', async () => {
    const cameras = new Map((await lprCameras()).map((c) => [c.id, c]));
    const token = await adminToken();
    const found = await eventually(async () => {
      const page = await frameDetections({}, token);
      const detection = page.find((d) => cameras.has(d.cameraId));
      expect(detection).toBeDefined();
      return detection as DetectionResponseDto;
    }, 60_000);
    // The simulator's schedule is the ground truth: "Demo camera N" shows plateSchedule(N)'s plates.
    const n = Number(/^Demo camera (\d+)$/.exec(cameras.get(found.cameraId)?.name ?? '')?.[1]);
    const shown = plateSchedule(n).slots.map((slot) => normalisePlate(slot.plate));
    expect(shown).toContain(found.plate);
    expect(found.snapshotUrl).toBe(`/api/detections/${found.id}/snapshot`);
    const snapshot = await edge(found.snapshotUrl as string, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await snapshot.arrayBuffer()).subarray(0, 2)).toEqual(JPEG_MAGIC);
    expect((await edge(found.snapshotUrl as string)).status).toBe(401);
  }, 90_000);

  it('turning LPR off on a camera: none of its frames become detections seconds later, while the others go on', async () => {
    const [camera, ...others] = await lprCameras();
    expect(others.length).toBeGreaterThan(0);
    const token = await adminToken();
    const offAt = Date.now();
    try {
      await setLpr(camera.id, false);
      // Frames already on their way may still land; none captured later than this.
      const quietFrom = new Date(offAt + LPR_OFF_WITHIN_MS).toISOString();
      // Time is measured by the other cameras' detections, not a sleep: once one captured after
      // quietFrom is stored, the switched-off camera had as long to produce one.
      await eventually(async () => {
        const later = await frameDetections({ from: quietFrom }, token);
        expect(later.some((d) => d.cameraId !== camera.id)).toBe(true);
      }, 60_000);
      expect(
        await frameDetections({ from: quietFrom, cameraId: String(camera.id) }, token),
      ).toEqual([]);
    } finally {
      await setLpr(camera.id, true);
    }
  }, 90_000);
});

describe('two frame-extraction replicas', () => {
  let second: AddedFrameReplica | undefined;

  afterEach(() => {
    second?.kill();
    second = undefined;
  });

  /** Runs `check`; a failure carries the second replica's own output, which says why it took nothing. */
  async function withSecondLog(check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (error) {
      (error as Error).message += `\n--- second replica's output ---\n${second?.log() ?? ''}`;
      throw error;
    }
  }

  // Needs at least two LPR cameras (GTV_DEMO_CAMERAS=2 or more): with one, a fair share leaves the
  // second replica nothing to read.
  it('share the cameras without overlap, and a stopped one hands its cameras over within seconds', async () => {
    const cameras = await lprCameras();
    const paths = cameras.map((c) => c.path).sort();
    expect(paths.length).toBeGreaterThanOrEqual(2);
    const replica = (second = deployment.addFrameReplica('e2e-second'));
    // No camera may be read by both at any moment, not only once they settle.
    const readTwice = new Set<string>();
    await withSecondLog(() =>
      eventually(async () => {
        const first = readerPaths();
        const other = readerPaths(replica);
        first.filter((path) => other.includes(path)).forEach((path) => readTwice.add(path));
        expect(first.length).toBeGreaterThan(0);
        expect(other.length).toBeGreaterThan(0);
        expect([...first, ...other].sort()).toEqual(paths);
      }, 60_000),
    );
    expect([...readTwice]).toEqual([]);
    const holders = await leaseHolders(
      nc,
      cameras.map((c) => c.id),
    );
    expect(new Set(holders.values()).size).toBe(2);
    expect(holders.size).toBe(paths.length);

    // The harshest stop: no release, so the leases must expire and move.
    const stoppedAt = Date.now();
    replica.kill();
    await eventually(async () => {
      expect(readerPaths()).toEqual(paths);
    }, 20_000);
    // Debian's NATS 2.9 does not expire the keys: they are taken over TTL + 2 renewals (9 s) after the
    // last write, then read from the next tick (1.5 s) once a reader has opened them.
    expect(Date.now() - stoppedAt).toBeLessThan(14_000);
  }, 100_000);
});
