import {
  KafkaTopics,
  type CreatedApiKeyResponseDto,
  type DashboardResponseDto,
  type DetectionEventV1,
  type DetectionResponseDto,
  type Page,
} from '@gt-vision/shared-types';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectProducer, kafkaClient } from './support/kafka';
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
 * Detections end to end on the analytics side: produced into Kafka as ingest does, consumed into
 * PostgreSQL, then searched, read and counted through the edge.
 */
// Letters and digits an OCR engine does not confuse, so that only the tests about look-alikes meet them.
const PLAIN = 'ACEFHJKLMNPRTUVWXY34679';
const plain = (n: number) =>
  Array.from({ length: n }, () => PLAIN[randomInt(PLAIN.length)]).join('');
// A camera id of its own: searches filtered by it see only this run's detections.
const CAMERA = randomInt(100_000, 1_000_000);
const SNAPSHOT_DIR = `e2e-${randomUUID().slice(0, 8)}`;

let kafka: Kafka;
let producer: Producer;
let viewer: { id: string; token: string };
let apiKey: CreatedApiKeyResponseDto;
let admin: string;

function detection(overrides: Partial<DetectionEventV1> = {}): DetectionEventV1 {
  const now = new Date().toISOString();
  return {
    version: 1,
    id: randomUUID(),
    cameraId: CAMERA,
    plate: plain(7),
    plateRaw: 'e2e',
    confidence: 0.9,
    capturedAt: now,
    receivedAt: now,
    bbox: { x: 0.1, y: 0.2, width: 0.2, height: 0.08 },
    vehicle: { type: 'car', colour: 'white', make: null },
    snapshotRef: null,
    source: 'e2e',
    alternatives: [],
    ...overrides,
  };
}

async function produce(...values: (DetectionEventV1 | string)[]): Promise<void> {
  await producer.send({
    topic: KafkaTopics.detections,
    acks: -1,
    messages: values.map((value) => ({
      key: String(CAMERA),
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  });
}

function search(query: Record<string, string>, token = viewer.token) {
  const params = new URLSearchParams({ cameraId: String(CAMERA), ...query });
  return edgeApi<Page<DetectionResponseDto>>('GET', `/api/detections?${params}`, { token });
}

/** Waits until the search answers exactly `ids` (newest first). */
async function expectFound(query: Record<string, string>, ids: string[]): Promise<void> {
  await eventually(async () => {
    const res = await search(query);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d) => d.id)).toEqual(ids);
  }, 30_000);
}

beforeAll(async () => {
  admin = await adminToken();
  kafka = kafkaClient('stack-e2e-detections');
  producer = await connectProducer(kafka);
  const user = await createUser('viewer', 'detections');
  viewer = { id: user.id, token: (await sessionOf(user.username, user.password)).accessToken };
  const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
    token: admin,
    body: { name: `e2e detections ${randomUUID().slice(0, 8)}` },
  });
  expect(created.status).toBe(201);
  apiKey = created.body;
});

afterAll(async () => {
  await producer?.disconnect();
  if (viewer) await deleteUser(viewer.id);
  if (apiKey) await edgeApi('DELETE', `/api/auth/api-keys/${apiKey.id}`, { token: admin });
  rmSync(join(STATE, 'snapshots', SNAPSHOT_DIR), { recursive: true, force: true });
});

describe('a detection produced into Kafka', () => {
  const t0 = Date.now() - 60_000;
  const first = detection({
    plate: `${plain(3)}B${plain(3)}`,
    capturedAt: new Date(t0).toISOString(),
    alternatives: [{ plate: plain(7), confidence: 0.3 }],
  });

  it('is found by exact plate, and again by its alternative reading', async () => {
    await produce(first);
    await expectFound({ plate: first.plate, match: 'exact' }, [first.id]);
    await expectFound({ plate: first.alternatives[0].plate, match: 'exact' }, [first.id]);
  });

  it('is stored once when the same id comes twice', async () => {
    const marker = detection({ capturedAt: new Date(t0 + 1000).toISOString() });
    // Same key, same partition: once the marker is stored, the duplicate before it was consumed.
    await produce(first, marker);
    await expectFound({ plate: marker.plate, match: 'exact' }, [marker.id]);
    await expectFound({ plate: first.plate, match: 'exact' }, [first.id]);
  });

  it('is found by prefix, substring, wildcard and OCR look-alike', async () => {
    const plate = first.plate;
    await expectFound({ plate: plate.slice(0, 3), match: 'prefix' }, [first.id]);
    await expectFound({ plate: plate.slice(2, 6), match: 'contains' }, [first.id]);
    await expectFound({ plate: `${plate.slice(0, 2)}?${plate.slice(3, 5)}*`, match: 'wildcard' }, [
      first.id,
    ]);
    const lookAlike = plate.replace('B', '8');
    await expectFound({ plate: lookAlike, match: 'ocr' }, [first.id]);
    expect((await search({ plate: lookAlike, match: 'exact' })).body.items).toEqual([]);
    // A wildcard matches whole readings only.
    expect(
      (await search({ plate: `${plate.slice(1, 3)}*`, match: 'wildcard' })).body.items,
    ).toEqual([]);
  });

  it('answers its detail with the recording reference and 404 for an unknown id', async () => {
    const res = await edgeApi<DetectionResponseDto>('GET', `/api/detections/${first.id}`, {
      token: viewer.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: first.id,
      cameraId: CAMERA,
      plate: first.plate,
      capturedAt: first.capturedAt,
      snapshotUrl: null,
      alternatives: first.alternatives,
      recording: { path: `cam_${CAMERA}`, at: first.capturedAt },
    });
    const playback = new URL(res.body.recording.playbackUrl, 'http://edge');
    expect(playback.pathname).toBe('/playback/get');
    expect(playback.searchParams.get('path')).toBe(`cam_${CAMERA}`);
    expect(Date.parse(playback.searchParams.get('start') ?? '')).toBeLessThan(t0);
    const missing = await edgeApi('GET', `/api/detections/${randomUUID()}`, {
      token: viewer.token,
    });
    expect(missing.status).toBe(404);
  });
});

describe('pages', () => {
  it('walk newest first with a cursor that stays put under inserts', async () => {
    const base = Date.now() - 30_000;
    const trio = [0, 1, 2].map((i) =>
      detection({ source: 'e2e-pages', capturedAt: new Date(base + i * 1000).toISOString() }),
    );
    await produce(...trio);
    await expectFound({ source: 'e2e-pages' }, [trio[2].id, trio[1].id, trio[0].id]);
    const page1 = await search({ source: 'e2e-pages', limit: '2' });
    expect(page1.body.items.map((d) => d.id)).toEqual([trio[2].id, trio[1].id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const newer = detection({
      source: 'e2e-pages',
      capturedAt: new Date(base + 5000).toISOString(),
    });
    await produce(newer);
    await expectFound({ source: 'e2e-pages', limit: '1' }, [newer.id]);
    const page2 = await search({
      source: 'e2e-pages',
      limit: '2',
      cursor: page1.body.nextCursor ?? '',
    });
    expect(page2.body.items.map((d) => d.id)).toEqual([trio[0].id]);
    expect(page2.body.nextCursor).toBeNull();
  });
});

describe('snapshots', () => {
  it('streams the TEST_JPEG from the snapshot store and refuses paths leaving it', async () => {
    const dir = join(STATE, 'snapshots', SNAPSHOT_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.jpg'), TEST_JPEG);
    const withSnapshot = detection({ snapshotRef: `${SNAPSHOT_DIR}/a.jpg` });
    const escaping = detection({ snapshotRef: '../secrets.env' });
    await produce(withSnapshot, escaping);
    await expectFound({ plate: escaping.plate, match: 'exact' }, [escaping.id]);
    const detail = await edgeApi<DetectionResponseDto>(
      'GET',
      `/api/detections/${withSnapshot.id}`,
      {
        token: viewer.token,
      },
    );
    expect(detail.body.snapshotUrl).toBe(`/api/detections/${withSnapshot.id}/snapshot`);
    const res = await edge(detail.body.snapshotUrl ?? '', {
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(TEST_JPEG);
    const refused = await edgeApi('GET', `/api/detections/${escaping.id}/snapshot`, {
      token: viewer.token,
    });
    expect(refused.status).toBe(404);
  });

  it('does not redirect to a host that is not an allowed snapshot host', async () => {
    const elsewhere = detection({ snapshotRef: 'https://attacker.example/x.jpg' });
    await produce(elsewhere);
    await expectFound({ plate: elsewhere.plate, match: 'exact' }, [elsewhere.id]);
    const res = await edge(`/api/detections/${elsewhere.id}/snapshot`, {
      headers: { authorization: `Bearer ${viewer.token}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    expect(((await res.json()) as { message: string }).message).toContain(
      'not an allowed snapshot host',
    );
  });
});

describe('poison messages', () => {
  let consumer: Consumer;
  const reasons = new Map<string, string>();

  beforeAll(async () => {
    consumer = kafka.consumer({ groupId: `stack-e2e-dlq-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: KafkaTopics.detectionsDeadLetter, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = /"id":"([0-9a-f-]{36})"/.exec(message.value?.toString() ?? '')?.[1];
        if (id) reasons.set(id, String(message.headers?.['gtv-dlq-reason']));
      },
    });
  });
  afterAll(() => consumer?.disconnect());

  /** The reason the dead letter of detection `id` carries, once it is on the dead-letter topic. */
  const deadLetterReason = (id: string) =>
    eventually(async () => {
      expect(reasons.has(id)).toBe(true);
      return reasons.get(id) as string;
    }, 20_000);

  it('go to the dead-letter topic with the reason, and do not stop the consumer', async () => {
    const marker = randomUUID();
    const bad = JSON.stringify({ ...detection(), version: 99, id: marker });
    const after = detection();
    await produce(bad, after);
    await expectFound({ plate: after.plate, match: 'exact' }, [after.id]);
    expect(await deadLetterReason(marker)).toBe('unknown-version: 99');
  });

  it('a detection PostgreSQL refuses goes to the dead-letter topic alone; its batch is stored', async () => {
    const plate = plain(7);
    const at = (agoMs: number) => new Date(Date.now() - agoMs).toISOString();
    const before = detection({ plate, capturedAt: at(2000), receivedAt: at(2000) });
    // Valid JSON and valid to the contract, but PostgreSQL's jsonb refuses a NUL character.
    const refused = detection({ plate, plateRaw: 'nul\u0000byte' });
    const after = detection({ plate, capturedAt: at(1000), receivedAt: at(1000) });
    await produce(before, refused, after);
    await expectFound({ plate, match: 'exact' }, [after.id, before.id]);
    expect(await deadLetterReason(refused.id)).toMatch(/^rejected-by-database: 22P05 /);
  });
});

describe('dashboard', () => {
  it('counts the last 24 hours and the cameras by status', async () => {
    const res = await edgeApi<DashboardResponseDto>('GET', '/api/analytics/dashboard', {
      token: viewer.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.windowHours).toBe(24);
    expect(res.body.detectionsPerHour).toHaveLength(24);
    expect(res.body.cameras).toEqual({ total: expect.any(Number), byStatus: expect.any(Object) });
    await eventually(async () => {
      const fresh = await edgeApi<DashboardResponseDto>('GET', '/api/analytics/dashboard', {
        token: viewer.token,
      });
      expect(fresh.body.detectionsPerCamera).toContainEqual({
        cameraId: CAMERA,
        count: expect.any(Number),
      });
    }, 15_000);
  });
});

describe('access and validation', () => {
  const ROUTES = [
    '/api/detections',
    `/api/detections/${randomUUID()}`,
    `/api/detections/${randomUUID()}/snapshot`,
    '/api/analytics/dashboard',
  ];

  it.each(ROUTES)('%s is 401 anonymous', async (path) => {
    expect((await edgeApi('GET', path)).status).toBe(401);
  });

  it.each(ROUTES)('%s is 403 for an integrator API key', async (path) => {
    const res = await edgeApi('GET', path, { headers: { 'x-api-key': apiKey.key } });
    expect(res.status).toBe(403);
  });

  it.each([
    ['match', { match: 'fuzzy' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '501' }],
    ['cameraId', { cameraId: 'abc' }],
    ['minConfidence', { minConfidence: '2' }],
    ['from', { from: 'yesterday' }],
    ['to', { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }],
    ['plate', { plate: 'AB?1', match: 'exact' }],
    ['plate', { plate: '%%' }],
    ['cursor', { cursor: 'not-a-cursor' }],
  ])('a bad %s is a 400 naming it', async (field, query) => {
    const res = await edgeApi('GET', `/api/detections?${new URLSearchParams(query)}`, {
      token: viewer.token,
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toContain(field);
  });

  it('a detail id that is not a UUID is a 400 naming id', async () => {
    const res = await edgeApi('GET', '/api/detections/not-a-uuid', { token: viewer.token });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toEqual(['id']);
  });
});
