import {
  KafkaTopics,
  type CameraResponseDto,
  type CreatedApiKeyResponseDto,
  type DetectionEventV1,
  type IngestAcceptedResponse,
} from '@gt-vision/shared-types';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  adminToken,
  createUser,
  deleteUser,
  edge,
  edgeApi,
  eventually,
  sessionOf,
} from './support/stack';
import { kafkaClient } from './support/kafka';
import { responseSchema, schemaProblems, type OpenApiDocument } from './support/openapi-schema';
import { ensureStarted, startComponent, stopComponent } from './support/component-control';

let admin: string;
let key: CreatedApiKeyResponseDto;
let lprCamera: CameraResponseDto;
let lprOffCamera: CameraResponseDto;
let consumer: Consumer;
const consumed = new Map<string, { key: string | null; event: DetectionEventV1 }>();

function detection(overrides: Record<string, unknown> = {}) {
  return {
    cameraId: lprCamera.id,
    plate: 'abc-1d23',
    confidence: 0.93,
    capturedAt: new Date().toISOString(),
    ...overrides,
  };
}

function ingest(path: string, body: unknown, headers: Record<string, string> = {}) {
  return edgeApi<IngestAcceptedResponse>('POST', path, {
    body,
    headers: { 'x-api-key': key.key, ...headers },
  });
}

async function createCamera(name: string, lprEnabled: boolean): Promise<CameraResponseDto> {
  const res = await edgeApi<CameraResponseDto>('POST', '/api/cameras', {
    token: admin,
    body: {
      name: `${name} ${randomUUID().slice(0, 8)}`,
      sourceUrl: 'rtsp://127.0.0.1:8554/e2e_ingest',
      enabled: false,
      lpr: { enabled: lprEnabled, fps: 1 },
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  // This file often runs first, seconds after `up`: wait until ingest answers through the edge (an
  // anonymous POST is refused with 401) before the first request that must not be lost to a closing
  // keep-alive connection.
  await eventually(async () => {
    const res = await edge('/api/ingest/lpr', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  }, 30_000);
  admin = await adminToken();
  const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
    token: admin,
    body: { name: `E2E Ingest ${randomUUID().slice(0, 8)}`, role: 'integrator' },
  });
  expect(created.status).toBe(201);
  key = created.body;
  lprCamera = await createCamera('e2e ingest', true);
  lprOffCamera = await createCamera('e2e ingest lpr off', false);

  consumer = kafkaClient('stack-e2e').consumer({ groupId: `stack-e2e-ingest-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: KafkaTopics.detections, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(String(message.value)) as DetectionEventV1;
      consumed.set(event.id, { key: message.key?.toString() ?? null, event });
    },
  });
  // The group has its partitions (and so its starting offsets) once a fresh message arrives.
  await eventually(async () => {
    const res = await ingest('/api/ingest/lpr', detection());
    expect(res.status).toBe(202);
    expect(consumed.has(res.body.ids[0])).toBe(true);
  }, 30_000);
}, 60_000);

afterAll(async () => {
  await consumer?.disconnect();
  for (const camera of [lprCamera, lprOffCamera]) {
    if (camera) await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
  }
  if (key) await edgeApi('DELETE', `/api/auth/api-keys/${key.id}`, { token: admin });
});

describe('POST /api/ingest/lpr', () => {
  it('answers 202 with the id once durable, and the detection is on the stream keyed by camera', async () => {
    const id = randomUUID();
    const res = await ingest('/api/ingest/lpr', detection({ id, plate: 'bra 2e19' }));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 1, ids: [id] });
    const message = await eventually(async () => {
      const found = consumed.get(id);
      expect(found).toBeDefined();
      return found as { key: string; event: DetectionEventV1 };
    }, 10_000);
    expect(message.key).toBe(String(lprCamera.id));
    expect(message.event).toMatchObject({
      version: 1,
      id,
      cameraId: lprCamera.id,
      plate: 'BRA2E19',
      plateRaw: 'bra 2e19',
      source: key.name.toLowerCase().replace(/ /g, '-'),
      alternatives: [],
    });
    expect(Date.parse(message.event.receivedAt)).not.toBeNaN();
  });

  it('accepts the same id twice (deduplication is the consumer’s), and assigns ids when missing', async () => {
    const id = randomUUID();
    for (let i = 0; i < 2; i++) {
      const res = await ingest('/api/ingest/lpr', detection({ id }));
      expect(res.body.ids).toEqual([id]);
    }
    const assigned = await ingest('/api/ingest/lpr', detection());
    expect(assigned.status).toBe(202);
    expect(assigned.body.ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is served under the roadmap alias /fast-api/ingest/ too', async () => {
    const res = await ingest('/fast-api/ingest/lpr', detection());
    expect(res.status).toBe(202);
  });

  it.each([
    ['a missing plate', { plate: undefined }, ['plate']],
    ['an unreadable plate', { plate: '--' }, ['plate']],
    ['a confidence out of range', { confidence: 1.5 }, ['confidence']],
    ['a camera id that is not an integer', { cameraId: 'one' }, ['cameraId']],
    ['a capture time without a zone', { capturedAt: '2026-12-01T10:00:00' }, ['capturedAt']],
    [
      'a capture time 10 minutes ahead',
      { capturedAt: new Date(Date.now() + 600_000).toISOString() },
      ['capturedAt'],
    ],
    [
      'a capture time 40 days old',
      { capturedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() },
      ['capturedAt'],
    ],
    ['an id that is not a UUID', { id: '42' }, ['id']],
    [
      'a bounding box beyond the frame',
      { bbox: { x: 0, y: 0, width: 2, height: 0.1 } },
      ['bbox.width'],
    ],
    ['an unknown field', { speed: 80 }, ['speed']],
  ])('answers 400 naming the field for %s', async (_, overrides, fields) => {
    const res = await ingest('/api/ingest/lpr', detection(overrides));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect([...new Set(res.body.details.map((d) => d.field))]).toEqual(fields);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await edge('/api/ingest/lpr', {
      method: 'POST',
      headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
      body: '{"plate":',
    });
    expect(res.status).toBe(400);
  });

  it('answers 422 for an unknown camera and for a camera with LPR off', async () => {
    const unknown = await ingest('/api/ingest/lpr', detection({ cameraId: 999_999 }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.details).toEqual([
      { field: 'cameraId', problem: 'camera 999999 does not exist' },
    ]);
    const off = await ingest('/api/ingest/lpr', detection({ cameraId: lprOffCamera.id }));
    expect(off.status).toBe(422);
    expect(off.body.details[0].field).toBe('cameraId');
  });

  it('sees a camera’s LPR switched on at once (camera.changed drops the cached answer)', async () => {
    const camera = await createCamera('e2e ingest switch', false);
    try {
      expect((await ingest('/api/ingest/lpr', detection({ cameraId: camera.id }))).status).toBe(
        422,
      );
      const patched = await edgeApi('PATCH', `/api/cameras/${camera.id}`, {
        token: admin,
        body: { lpr: { enabled: true } },
      });
      expect(patched.status).toBe(200);
      await eventually(async () => {
        expect((await ingest('/api/ingest/lpr', detection({ cameraId: camera.id }))).status).toBe(
          202,
        );
      }, 5000);
    } finally {
      await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
    }
  });

  it('answers 401 to anonymous callers and to a wrong key', async () => {
    const anonymous = await edgeApi('POST', '/api/ingest/lpr', { body: detection() });
    expect(anonymous.status).toBe(401);
    const batch = await edgeApi('POST', '/api/ingest/lpr/batch', { body: { items: [] } });
    expect(batch.status).toBe(401);
    const wrong = await ingest('/api/ingest/lpr', detection(), {
      'x-api-key': `gtv_${key.prefix}_${'x'.repeat(43)}`,
    });
    expect(wrong.status).toBe(401);
  });

  it('answers 403 to an operator’s access token and to a viewer API key', async () => {
    const operator = await createUser('operator', 'ingest');
    try {
      const session = await sessionOf(operator.username, operator.password);
      for (const path of ['/api/ingest/lpr', '/api/ingest/lpr/batch']) {
        const res = await edgeApi('POST', path, {
          token: session.accessToken,
          body: path.endsWith('batch') ? { items: [detection()] } : detection(),
        });
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
    } finally {
      await deleteUser(operator.id);
    }
    const viewerKey = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: `e2e viewer ${randomUUID().slice(0, 8)}`, role: 'viewer' },
    });
    try {
      const res = await ingest('/api/ingest/lpr', detection(), { 'x-api-key': viewerKey.body.key });
      expect(res.status).toBe(403);
    } finally {
      await edgeApi('DELETE', `/api/auth/api-keys/${viewerKey.body.id}`, { token: admin });
    }
  });
});

describe('POST /api/ingest/lpr/batch', () => {
  it('answers 202 with every id once all are durable', async () => {
    const items = Array.from({ length: 50 }, (_, i) => detection({ plate: `BAT${i}X` }));
    const res = await ingest('/api/ingest/lpr/batch', { items });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(50);
    expect(res.body.ids).toHaveLength(50);
    await eventually(async () => {
      expect(res.body.ids.filter((id) => !consumed.has(id))).toEqual([]);
    }, 10_000);
    expect(consumed.get(res.body.ids[7])?.event.plate).toBe('BAT7X');
  });

  it('refuses the whole batch naming the index and field of each bad item', async () => {
    const marker = randomUUID();
    const items = [
      detection({ id: marker }),
      detection({ plate: '' }),
      detection(),
      detection({ confidence: -1, capturedAt: 'soon' }),
    ];
    const res = await ingest('/api/ingest/lpr/batch', { items });
    expect(res.status).toBe(400);
    expect([...new Set(res.body.details.map((d) => d.field))]).toEqual([
      'items.1.plate',
      'items.3.confidence',
      'items.3.capturedAt',
    ]);
    const late = await ingest('/api/ingest/lpr/batch', {
      items: [
        detection(),
        detection({ capturedAt: new Date(Date.now() + 3_600_000).toISOString() }),
      ],
    });
    expect(late.status).toBe(400);
    expect(late.body.details.map((d) => d.field)).toEqual(['items.1.capturedAt']);
    const unknown = await ingest('/api/ingest/lpr/batch', {
      items: [detection(), detection({ cameraId: 999_998 })],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.details.map((d) => d.field)).toEqual(['items.1.cameraId']);
    // Nothing of a refused batch reached the stream.
    const probe = await ingest('/api/ingest/lpr', detection());
    await eventually(async () => expect(consumed.has(probe.body.ids[0])).toBe(true), 10_000);
    expect(consumed.has(marker)).toBe(false);
  });

  it('refuses an empty batch and one over the maximum, naming items', async () => {
    const empty = await ingest('/api/ingest/lpr/batch', { items: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.details[0].field).toBe('items');
    const tooMany = await ingest('/api/ingest/lpr/batch', {
      items: Array.from({ length: 1001 }, () => detection()),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0].field).toBe('items');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past a camera’s detections per second', async () => {
    const camera = await createCamera('e2e ingest rate', true);
    try {
      // INGEST_RATE_PER_CAMERA defaults to 200 a second: 201 detections in one batch are over it.
      const res = await ingest('/api/ingest/lpr/batch', {
        items: Array.from({ length: 201 }, () => detection({ cameraId: camera.id })),
      });
      expect(res.status).toBe(429);
      expect(Number((await lastRetryAfter(camera.id)) ?? 0)).toBeGreaterThanOrEqual(1);
    } finally {
      await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
    }
  });
});

/** A request over the camera's limit again, for its Retry-After header. */
async function lastRetryAfter(cameraId: number): Promise<string | null> {
  const res = await edge('/api/ingest/lpr/batch', {
    method: 'POST',
    headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
    body: JSON.stringify({ items: Array.from({ length: 201 }, () => detection({ cameraId })) }),
  });
  expect(res.status).toBe(429);
  return res.headers.get('retry-after');
}

describe('the ingest OpenAPI document through the edge', () => {
  it('is served at /api/docs/ingest.json and /api/docs/ingest/, and the answers match it', async () => {
    const res = await edge('/api/docs/ingest.json');
    expect(res.status).toBe(200);
    const document = (await res.json()) as OpenApiDocument;
    // Health is documented by every service (libs/backend/health), beside ingest's own routes.
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/ingest/lpr',
      '/api/ingest/lpr/batch',
      '/health/live',
      '/health/ready',
    ]);
    const redirect = await edge('/api/docs/ingest', { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('/api/docs/ingest/');
    expect((await edge('/api/docs/ingest/')).status).toBe(200);

    const accepted = await ingest('/api/ingest/lpr/batch', { items: [detection(), detection()] });
    const schema = (status: number, path = '/api/ingest/lpr/batch') =>
      responseSchema(document, 'post', path, status);
    expect(schemaProblems(document, schema(202), accepted.body)).toEqual([]);
    const bad = await ingest('/api/ingest/lpr', detection({ plate: '' }));
    expect(schemaProblems(document, schema(400, '/api/ingest/lpr'), bad.body)).toEqual([]);
    const unknown = await ingest('/api/ingest/lpr', detection({ cameraId: 999_997 }));
    expect(schemaProblems(document, schema(422, '/api/ingest/lpr'), unknown.body)).toEqual([]);
    for (const path of ['/api/ingest/lpr', '/api/ingest/lpr/batch']) {
      const operation = document.paths[path]['post'];
      expect(Object.keys(operation.responses).sort()).toEqual(
        ['202', '400', '401', '403', '422', '429', '503'].sort(),
      );
    }
  });
});

describe('Kafka outage', () => {
  afterAll(() => {
    // Whatever happened above, the stack is left with Kafka running.
    ensureStarted('kafka');
  });

  it('answers 503 with Retry-After while Kafka is stopped, and accepts again once it is back', async () => {
    stopComponent('kafka');
    const refused = await eventually(async () => {
      const res = await edge('/api/ingest/lpr', {
        method: 'POST',
        headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
        body: JSON.stringify(detection()),
      });
      expect(res.status).toBe(503);
      return res;
    }, 30_000);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });

    startComponent('kafka');
    const id = randomUUID();
    await eventually(async () => {
      const res = await ingest('/api/ingest/lpr', detection({ id }));
      expect(res.status).toBe(202);
    }, 90_000);
    await eventually(async () => expect(consumed.has(id)).toBe(true), 60_000);
  }, 200_000);
});
