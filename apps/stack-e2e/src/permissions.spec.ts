import {
  NatsSubjects,
  type AlertResponseDto,
  type AuditRecordDto,
  type CameraAccessChangedEvent,
  type CameraGrantResponseDto,
  type CameraGroupResponseDto,
  type CameraResponseDto,
  type DashboardResponseDto,
  type DetectionResponseDto,
  type LiveServerMessage,
  type LiveTokenResponseDto,
  type Page,
  type WatchlistResponseDto,
} from '@gt-vision/shared-types';
import type { Producer } from 'kafkajs';
import type { NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectionEvent, detectionProducer, produceDetections, uniquePlate } from './support/kafka';
import { isType, LiveTestClient } from './support/live';
import { connectAsAdmin } from './support/nats';
import {
  adminToken,
  createUser,
  deleteUser,
  edge,
  edgeApi,
  eventually,
  sessionOf,
  STATE,
  TEST_JPEG,
} from './support/stack';

/**
 * Per-camera permissions on every surface camera data leaves by: a viewer granted one group (one
 * demo camera) gets that camera's data and a 401/403/404 for the other camera everywhere.
 */
const SNAPSHOT_DIR = `e2e-perms-${randomUUID().slice(0, 8)}`;
const suffix = randomUUID().slice(0, 8);

let admin: string;
let own: number;
let other: number;
let group: CameraGroupResponseDto;
let grant: CameraGrantResponseDto;
let viewer: { id: string; username: string; password: string };
let token: string;
let producer: Producer;
let watchlistId: string;
const clients: LiveTestClient[] = [];
const plate = uniquePlate();
const ownDetection = detectionEvent({ plate, snapshotRef: `${SNAPSHOT_DIR}/own.jpg` });
const otherDetection = detectionEvent({ plate, snapshotRef: `${SNAPSHOT_DIR}/other.jpg` });

const asViewer = <T>(method: string, path: string) => edgeApi<T>(method, path, { token });
const asAdmin = <T>(method: string, path: string, body?: unknown) =>
  edgeApi<T>(method, path, { token: admin, body });

/** A live client of `bearer`, following both cameras. */
async function liveClient(bearer: string): Promise<LiveTestClient> {
  const issued = await edgeApi<LiveTokenResponseDto>('POST', '/api/analytics/live-token', {
    token: bearer,
  });
  expect(issued.status).toBe(201);
  const client = new LiveTestClient(`?token=${issued.body.token}`);
  clients.push(client);
  await client.next(isType('ready'));
  client.send({ type: 'subscribe', cameraIds: [own, other] });
  return client;
}

const isDetectionOf =
  (id: string) =>
  (m: LiveServerMessage): m is Extract<LiveServerMessage, { type: 'detection' }> =>
    m.type === 'detection' && m.detection.id === id;
const isAlertOf =
  (id: string) =>
  (m: LiveServerMessage): m is Extract<LiveServerMessage, { type: 'alert' }> =>
    m.type === 'alert' && m.alert.detectionId === id;

beforeAll(async () => {
  admin = await adminToken();
  // Two demo cameras (GTV_DEMO_CAMERAS=2 or more); the own one must be streaming for live video.
  const cameras = await eventually(async () => {
    const res = await asAdmin<Page<CameraResponseDto>>('GET', '/api/cameras?limit=100');
    const online = res.body.items.filter((c) => c.status.state === 'online');
    expect(online.length).toBeGreaterThanOrEqual(2);
    return online.sort((a, b) => a.id - b.id);
  }, 60_000);
  [own, other] = [cameras[0].id, cameras[1].id];
  ownDetection.cameraId = own;
  otherDetection.cameraId = other;

  const created = await asAdmin<CameraGroupResponseDto>('POST', '/api/camera-groups', {
    name: `e2e site ${suffix}`,
    cameraIds: [own],
  });
  expect(created.status).toBe(201);
  group = created.body;
  viewer = await createUser('viewer', 'perms');
  const granted = await asAdmin<CameraGrantResponseDto>('POST', '/api/camera-grants', {
    groupId: group.id,
    userId: viewer.id,
  });
  expect(granted.status).toBe(201);
  grant = granted.body;
  token = (await sessionOf(viewer.username, viewer.password)).accessToken;

  const dir = join(STATE, 'snapshots', SNAPSHOT_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'own.jpg'), TEST_JPEG);
  writeFileSync(join(dir, 'other.jpg'), TEST_JPEG);
  const watchlist = await asAdmin<WatchlistResponseDto>('POST', '/api/watchlists', {
    name: `e2e perms ${suffix}`,
  });
  expect(watchlist.status).toBe(201);
  watchlistId = watchlist.body.id;
  const entry = await asAdmin('POST', `/api/watchlists/${watchlistId}/entries`, {
    plate,
    match: 'exact',
    reason: 'e2e permissions',
    severity: 'critical',
  });
  expect(entry.status).toBe(201);
  producer = await detectionProducer();
}, 90_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await producer?.disconnect();
  if (watchlistId) await asAdmin('DELETE', `/api/watchlists/${watchlistId}`);
  if (viewer) await deleteUser(viewer.id);
  if (group) await asAdmin('DELETE', `/api/camera-groups/${group.id}`);
  rmSync(join(STATE, 'snapshots', SNAPSHOT_DIR), { recursive: true, force: true });
});

describe('the camera groups and grants API', () => {
  it('is for admins only: 401 anonymous, 403 for other roles', async () => {
    expect((await edgeApi('GET', '/api/camera-groups')).status).toBe(401);
    expect((await edgeApi('GET', '/api/camera-grants')).status).toBe(401);
    expect((await asViewer('GET', '/api/camera-groups')).status).toBe(403);
    expect((await asViewer('GET', '/api/camera-grants')).status).toBe(403);
    const post = await edgeApi('POST', '/api/camera-grants', {
      token,
      body: { groupId: group.id, userId: viewer.id },
    });
    expect(post.status).toBe(403);
  });

  it('refuses bad input with 400 naming the field, and a second equal grant with 409', async () => {
    const noName = await asAdmin('POST', '/api/camera-groups', { cameraIds: [own] });
    expect(noName.status).toBe(400);
    expect(noName.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'name' })]),
    );
    const unknownCamera = await asAdmin('POST', '/api/camera-groups', {
      name: `e2e bad ${suffix}`,
      // An id no camera has; not 2^31-1, which the WAF rightly refuses as an integer-overflow probe.
      cameraIds: [987_654_321],
    });
    expect(unknownCamera.status).toBe(400);
    expect(unknownCamera.body.details).toEqual([expect.objectContaining({ field: 'cameraIds' })]);
    const both = await asAdmin('POST', '/api/camera-grants', {
      groupId: group.id,
      userId: viewer.id,
      role: 'viewer',
    });
    expect(both.status).toBe(400);
    const adminRole = await asAdmin('POST', '/api/camera-grants', {
      groupId: group.id,
      role: 'admin',
    });
    expect(adminRole.status).toBe(400);
    expect((await asAdmin('GET', '/api/camera-groups/not-a-uuid')).status).toBe(400);
    expect((await asAdmin('GET', `/api/camera-groups/${randomUUID()}`)).status).toBe(404);
    const again = await asAdmin('POST', '/api/camera-grants', {
      groupId: group.id,
      userId: viewer.id,
    });
    expect(again.status).toBe(409);
  });

  it('keeps the installation default: the operator and viewer roles hold "All cameras"', async () => {
    const groups = await asAdmin<CameraGroupResponseDto[]>('GET', '/api/camera-groups');
    const everything = groups.body.find((g) => g.allCameras && g.name === 'All cameras');
    expect(everything).toBeDefined();
    const grants = await asAdmin<CameraGrantResponseDto[]>(
      'GET',
      `/api/camera-grants?groupId=${everything?.id}`,
    );
    expect(grants.body.map((g) => g.role).sort()).toEqual(['operator', 'viewer']);
  });

  it('records group and grant changes in the audit trail', async () => {
    const records = await asAdmin<Page<AuditRecordDto>>(
      'GET',
      `/api/audit?target=${encodeURIComponent(`camera-grant:${grant.id}`)}`,
    );
    expect(records.body.items).toEqual([
      expect.objectContaining({
        action: 'camera-grant.created',
        details: expect.objectContaining({ body: { groupId: group.id, userId: viewer.id } }),
      }),
    ]);
    const groupRecords = await asAdmin<Page<AuditRecordDto>>(
      'GET',
      `/api/audit?target=${encodeURIComponent(`camera-group:${group.id}`)}`,
    );
    expect(groupRecords.body.items.map((r) => r.action)).toContain('camera-group.created');
  });
});

describe('a viewer granted one camera', () => {
  it('lists and gets only that camera (404 for the other)', async () => {
    const list = await asViewer<Page<CameraResponseDto>>('GET', '/api/cameras?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id)).toEqual([own]);
    expect((await asViewer('GET', `/api/cameras/${own}`)).status).toBe(200);
    expect((await asViewer('GET', `/api/cameras/${other}`)).status).toBe(404);
  });

  it('watches live (HLS, WHEP) and plays back only that camera', async () => {
    const hls = (id: number) => `/hls/cam_${id}/index.m3u8?token=${encodeURIComponent(token)}`;
    await eventually(async () => {
      const res = await edge(hls(own));
      if (res.status !== 200) throw new Error(`own playlist answered ${res.status}`);
    }, 30_000);
    expect([401, 403, 404]).toContain((await edge(hls(other))).status);

    const whep = (id: number) =>
      edge(`/webrtc/cam_${id}/whep`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/sdp' },
        body: 'v=0\r\n',
      });
    // The own camera's offer is read (and found malformed); the other's is refused before that.
    expect([401, 403, 404]).not.toContain((await whep(own)).status);
    expect([401, 403, 404]).toContain((await whep(other)).status);

    const playback = (id: number) =>
      edge(`/playback/list?path=cam_${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect([200, 404]).toContain((await playback(own)).status);
    const refused = await playback(other);
    expect([401, 403]).toContain(refused.status);
  }, 60_000);

  it('searches, reads and sees evidence, alerts, the dashboard and the live feed of that camera only', async () => {
    const watcher = await liveClient(token);
    const adminWatcher = await liveClient(admin);
    await produceDetections(producer, [ownDetection, otherDetection]);

    // The admin sees both: once it has the other camera's messages, the viewer would have them too.
    await adminWatcher.next(isDetectionOf(otherDetection.id), 30_000);
    await adminWatcher.next(isAlertOf(otherDetection.id), 30_000);
    await watcher.next(isDetectionOf(ownDetection.id), 30_000);
    await watcher.next(isAlertOf(ownDetection.id), 30_000);
    expect(watcher.messages.some(isDetectionOf(otherDetection.id))).toBe(false);
    expect(watcher.messages.some(isAlertOf(otherDetection.id))).toBe(false);
    expect(
      watcher.messages.some((m) => m.type === 'camera-status' && m.event.cameraId === other),
    ).toBe(false);

    const found = await eventually(async () => {
      const res = await asViewer<Page<DetectionResponseDto>>(
        'GET',
        `/api/detections?plate=${plate}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.map((d) => d.id)).toEqual([ownDetection.id]);
      return res;
    }, 30_000);
    expect(found.body.items[0].cameraId).toBe(own);
    const adminFound = await asAdmin<Page<DetectionResponseDto>>(
      'GET',
      `/api/detections?plate=${plate}`,
    );
    expect(adminFound.body.items).toHaveLength(2);

    expect((await asViewer('GET', `/api/detections?cameraId=${other}`)).status).toBe(403);
    expect((await asViewer('GET', `/api/detections/${ownDetection.id}`)).status).toBe(200);
    expect((await asViewer('GET', `/api/detections/${otherDetection.id}`)).status).toBe(404);
    expect((await edge(`/api/detections/${ownDetection.id}/snapshot`, bearer())).status).toBe(200);
    expect((await edge(`/api/detections/${otherDetection.id}/snapshot`, bearer())).status).toBe(
      404,
    );

    const adminAlerts = await asAdmin<Page<AlertResponseDto>>(
      'GET',
      `/api/alerts?cameraId=${other}`,
    );
    const otherAlert = adminAlerts.body.items.find((a) => a.detectionId === otherDetection.id);
    expect(otherAlert).toBeDefined();
    const alerts = await asViewer<Page<AlertResponseDto>>('GET', '/api/alerts?limit=100');
    expect(alerts.status).toBe(200);
    expect(alerts.body.items.every((a) => a.cameraId === own)).toBe(true);
    expect(alerts.body.items.some((a) => a.detectionId === ownDetection.id)).toBe(true);
    expect((await asViewer('GET', `/api/alerts?cameraId=${other}`)).status).toBe(403);
    expect((await asViewer('GET', `/api/alerts/${otherAlert?.id}`)).status).toBe(404);

    const dashboard = await eventually(async () => {
      const res = await asViewer<DashboardResponseDto>('GET', '/api/analytics/dashboard');
      expect(res.status).toBe(200);
      expect(res.body.detectionsPerCamera.map((c) => c.cameraId)).toContain(own);
      return res.body;
    }, 30_000);
    expect(dashboard.detectionsPerCamera.every((c) => c.cameraId === own)).toBe(true);
    expect(dashboard.cameras?.total).toBe(1);
  }, 120_000);

  it('sees every camera again within seconds once the grant is revoked (the role’s grant applies)', async () => {
    expect((await asAdmin('DELETE', `/api/camera-grants/${grant.id}`)).status).toBe(204);
    const audit = await asAdmin<Page<AuditRecordDto>>(
      'GET',
      `/api/audit?target=${encodeURIComponent(`camera-grant:${grant.id}`)}`,
    );
    expect(audit.body.items.map((r) => r.action)).toEqual([
      'camera-grant.deleted',
      'camera-grant.created',
    ]);
    expect((await asViewer('GET', `/api/cameras/${other}`)).status).toBe(200);
    await eventually(async () => {
      expect((await asViewer('GET', `/api/detections/${otherDetection.id}`)).status).toBe(200);
    }, 15_000);
  });
});

// A camera or user delete takes its group memberships or grants with it (foreign keys ON DELETE CASCADE):
// the access revision moves in the delete's transaction and camera-access.changed goes out at once, so no
// service keeps the old snapshot until its periodic reload (10 s).
describe('deletes that take grants or group members with them', () => {
  let nc: NatsConnection;
  const seen: { revision: number; at: number }[] = [];

  beforeAll(async () => {
    nc = await connectAsAdmin('stack-e2e-permissions');
    nc.subscribe(NatsSubjects.cameraAccessChanged, {
      callback: (error, msg) => {
        if (!error) {
          const { revision } = msg.json<{ data: CameraAccessChangedEvent }>().data;
          seen.push({ revision, at: Date.now() });
        }
      },
    });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.drain();
  });

  /** Runs the delete; a newer revision is announced within 2 s of its answer. */
  async function expectAnnounced(remove: () => Promise<number>): Promise<void> {
    const before = Math.max(0, ...seen.map((e) => e.revision));
    expect(await remove()).toBe(204);
    const answered = Date.now();
    const event = await eventually(async () => {
      const newer = seen.find((e) => e.revision > before);
      expect(newer).toBeDefined();
      return newer as { revision: number; at: number };
    }, 5000);
    expect(event.at - answered).toBeLessThan(2000);
  }

  it('announces the change when a deleted camera was a group member or a deleted user held a grant', async () => {
    const camera = await asAdmin<CameraResponseDto>('POST', '/api/cameras', {
      name: `e2e perms cascade ${suffix}`,
      sourceUrl: 'rtsp://127.0.0.1:8554/e2e_perms_cascade',
      enabled: false,
    });
    expect(camera.status).toBe(201);
    const cascadeGroup = await asAdmin<CameraGroupResponseDto>('POST', '/api/camera-groups', {
      name: `e2e cascade ${suffix}`,
      cameraIds: [camera.body.id],
    });
    expect(cascadeGroup.status).toBe(201);
    const user = await createUser('viewer', 'cascade');
    const granted = await asAdmin('POST', '/api/camera-grants', {
      groupId: cascadeGroup.body.id,
      userId: user.id,
    });
    expect(granted.status).toBe(201);
    try {
      await expectAnnounced(async () => (await asAdmin('DELETE', `/api/users/${user.id}`)).status);
      await expectAnnounced(
        async () => (await asAdmin('DELETE', `/api/cameras/${camera.body.id}`)).status,
      );
    } finally {
      await asAdmin('DELETE', `/api/camera-groups/${cascadeGroup.body.id}`);
    }
  });
});

function bearer(): RequestInit {
  return { headers: { authorization: `Bearer ${token}` } };
}
