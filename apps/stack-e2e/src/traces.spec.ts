import {
  KafkaTopics,
  NatsSubjects,
  type CameraResponseDto,
  type CreatedApiKeyResponseDto,
  type IngestAcceptedResponse,
  type TraceDetailDto,
  type TraceSearchResponseDto,
  type WatchlistResponseDto,
} from '@gt-vision/shared-types';
import { randomBytes, randomUUID } from 'node:crypto';
import { uniquePlate } from './support/kafka';
import { responseSchema, schemaProblems, type OpenApiDocument } from './support/openapi-schema';
import { ensureStarted, startComponent, stopComponent } from './support/component-control';
import {
  adminToken,
  createUser,
  deleteUser,
  edge,
  edgeApi,
  eventually,
  sessionOf,
} from './support/stack';
import { componentLog } from './support/component-logs';

/** Jaeger's query API (tools/stack/ports.env: GTV_JAEGER_UI_PORT), on loopback like every component. */
const JAEGER = process.env['GTV_JAEGER_URL'] ?? 'http://127.0.0.1:16686';

interface JaegerSpan {
  spanID: string;
  operationName: string;
  processID: string;
  references: { refType: string; spanID: string }[];
  tags: { key: string; value: unknown }[];
}
interface JaegerTrace {
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

async function jaegerTrace(traceId: string): Promise<JaegerTrace> {
  const res = await fetch(`${JAEGER}/api/traces/${traceId}`, { signal: AbortSignal.timeout(5000) });
  expect(res.status).toBe(200);
  const [found] = ((await res.json()) as { data: JaegerTrace[] }).data;
  return found;
}

const serviceOf = (trace: JaegerTrace, span: JaegerSpan) =>
  trace.processes[span.processID].serviceName;
const tag = (span: JaegerSpan, key: string) => span.tags.find((t) => t.key === key)?.value;

let admin: string;
let key: CreatedApiKeyResponseDto;
const cameras: CameraResponseDto[] = [];
let watchlist: WatchlistResponseDto;
const plate = uniquePlate();

beforeAll(async () => {
  admin = await adminToken();
  // A new key: its first use is a cache miss, verified by the registry over NATS (a span there too).
  const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
    token: admin,
    body: { name: `E2E traces ${randomUUID().slice(0, 8)}`, role: 'integrator' },
  });
  expect(created.status).toBe(201);
  key = created.body;
  // A watchlist hit: the detection raises an alert, published through analytics' outbox over NATS.
  const list = await edgeApi<WatchlistResponseDto>('POST', '/api/watchlists', {
    token: admin,
    body: { name: `e2e traces ${randomUUID().slice(0, 8)}` },
  });
  expect(list.status).toBe(201);
  watchlist = list.body;
  const entry = await edgeApi('POST', `/api/watchlists/${watchlist.id}/entries`, {
    token: admin,
    body: { plate, match: 'exact', reason: 'e2e traces', severity: 'info' },
  });
  expect(entry.status).toBe(201);
});

/**
 * A camera new to ingest: its first detection is a cache miss, looked up in the registry over NATS, so
 * the trace has a registry span whatever the tests before it warmed (the key's cache is shared by them).
 */
async function newCamera(): Promise<CameraResponseDto> {
  const cam = await edgeApi<CameraResponseDto>('POST', '/api/cameras', {
    token: admin,
    body: {
      name: `e2e traces ${randomUUID().slice(0, 8)}`,
      sourceUrl: 'rtsp://127.0.0.1:8554/e2e_traces',
      enabled: false,
      lpr: { enabled: true, fps: 1 },
    },
  });
  expect(cam.status).toBe(201);
  cameras.push(cam.body);
  return cam.body;
}

/** One detection through ingest, its trace started by the client; the trace id and the edge's request id. */
async function sendDetection(requestId?: string): Promise<string> {
  const camera = await newCamera();
  const traceId = randomBytes(16).toString('hex');
  const res = await edgeApi<IngestAcceptedResponse>('POST', '/api/ingest/lpr', {
    body: { cameraId: camera.id, plate, confidence: 0.95, capturedAt: new Date().toISOString() },
    headers: {
      'x-api-key': key.key,
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      ...(requestId && { 'x-request-id': requestId }),
    },
  });
  expect(res.status).toBe(202);
  return traceId;
}

afterAll(async () => {
  if (watchlist) await edgeApi('DELETE', `/api/watchlists/${watchlist.id}`, { token: admin });
  for (const camera of cameras)
    await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
  if (key) await edgeApi('DELETE', `/api/auth/api-keys/${key.id}`, { token: admin });
});

describe('traces across services', () => {
  it('follows one detection from the edge through ingest, Kafka, analytics, PostgreSQL to the alert', async () => {
    // The client starts the trace (a sampled W3C traceparent), so the test knows which trace to ask for.
    const traceId = await sendDetection();

    // Spans arrive in batches from each service (a few seconds apart): wait for the whole chain.
    const trace = await eventually(async () => {
      const found = await jaegerTrace(traceId);
      const names = found.spans.map((span) => `${serviceOf(found, span)}: ${span.operationName}`);
      expect(names).toEqual(
        expect.arrayContaining([
          `ingest: publish ${KafkaTopics.detections}`,
          `analytics: process ${KafkaTopics.detections}`,
          `analytics: publish ${NatsSubjects.alertRaised}`,
          `analytics: process ${NatsSubjects.alertRaised}`,
        ]),
      );
      // Each service exports its spans on its own schedule: the registry's may come last.
      const services = new Set(found.spans.map((span) => serviceOf(found, span)));
      expect([...services]).toEqual(
        expect.arrayContaining(['ingest', 'camera-registry', 'analytics']),
      );
      return found;
    }, 30_000);

    // The detection's row was written inside the trace: PostgreSQL spans under analytics' batch.
    const sql = trace.spans.filter(
      (span) =>
        serviceOf(trace, span) === 'analytics' &&
        (tag(span, 'db.system') ?? tag(span, 'db.system.name')) === 'postgresql',
    );
    expect(sql.length).toBeGreaterThan(0);
    // Logs and traces join: the JSON lines written in the trace (here ingest's request line) carry its id.
    await eventually(async () => {
      expect(componentLog('ingest')).toContain(`"traceId":"${traceId}"`);
    }, 10_000);
    // The consumer's span is the child of ingest's produce span: one trace, not two linked ones.
    const produce = trace.spans.find(
      (s) => s.operationName === `publish ${KafkaTopics.detections}`,
    );
    const consume = trace.spans.find(
      (s) => s.operationName === `process ${KafkaTopics.detections}`,
    );
    expect(consume?.references).toContainEqual(
      expect.objectContaining({ refType: 'CHILD_OF', spanID: produce?.spanID }),
    );
  }, 60_000);
});

describe('the traces endpoint (admins, through the edge)', () => {
  const TRACES = '/api/analytics/traces';
  let operator: { id: string; username: string; password: string };
  let operatorToken: string;

  beforeAll(async () => {
    operator = await createUser('operator', 'traces');
    operatorToken = (await sessionOf(operator.username, operator.password)).accessToken;
  });
  afterAll(() => deleteUser(operator.id));

  it("finds a detection's trace by the edge's request id, and opens it with spans from 3 services", async () => {
    const requestId = `e2e-traces-${randomUUID()}`;
    const traceId = await sendDetection(requestId);
    const query = `${TRACES}?requestId=${requestId}&lookback=15m`;

    // The request id is on ingest's server span (set where the id is) and, through the baggage, on the
    // consumers' spans: searching all services finds the trace once, with its services complete.
    const summary = await eventually(async () => {
      const res = await edgeApi<TraceSearchResponseDto>('GET', query, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      const [found] = res.body.items;
      expect(found.services).toEqual(
        expect.arrayContaining(['ingest', 'camera-registry', 'analytics']),
      );
      return found;
    }, 30_000);
    expect(summary).toMatchObject({ traceId, requestId, rootService: 'ingest' });
    // The answers are what analytics' served OpenAPI document says.
    const document = (await (await edge('/api/docs/analytics.json')).json()) as OpenApiDocument;
    const drift = (path: string, body: unknown) =>
      schemaProblems(document, responseSchema(document, 'GET', path, 200), body);
    expect(drift(TRACES, { items: [summary] })).toEqual([]);
    expect(summary.spanCount).toBeGreaterThanOrEqual(5);

    // By service and minimum duration too: the same trace, and not with an impossible minimum.
    const byService = await edgeApi<TraceSearchResponseDto>(
      'GET',
      `${query}&service=analytics&minDurationMs=1`,
      { token: admin },
    );
    expect(byService.body.items.map((t) => t.traceId)).toEqual([traceId]);
    const tooSlow = await edgeApi<TraceSearchResponseDto>('GET', `${query}&minDurationMs=600000`, {
      token: admin,
    });
    expect(tooSlow.body.items).toEqual([]);

    const detail = await edgeApi<TraceDetailDto>('GET', `${TRACES}/${traceId}`, { token: admin });
    expect(detail.status).toBe(200);
    expect(detail.body.traceId).toBe(traceId);
    expect(drift(`${TRACES}/{traceId}`, detail.body)).toEqual([]);
    expect(new Set(detail.body.spans.map((s) => s.service)).size).toBeGreaterThanOrEqual(3);
    const [root] = detail.body.spans;
    expect(root).toMatchObject({ parentSpanId: null, depth: 0, service: 'ingest', offsetMs: 0 });
    expect(root.attributes['gtv.request_id']).toBe(requestId);
    const consume = detail.body.spans.find((s) => s.name === `process ${KafkaTopics.detections}`);
    expect(consume?.attributes['gtv.request_id']).toBe(requestId);
  }, 60_000);

  it('answers 404 for a trace the store does not hold', async () => {
    const res = await edgeApi('GET', `${TRACES}/${randomBytes(16).toString('hex')}`, {
      token: admin,
    });
    expect(res.status).toBe(404);
  });

  it('refuses anonymous callers (401) and non-admins (403) on both endpoints', async () => {
    for (const path of [TRACES, `${TRACES}/${randomBytes(16).toString('hex')}`]) {
      expect((await edgeApi('GET', path)).status).toBe(401);
      expect((await edgeApi('GET', path, { token: operatorToken })).status).toBe(403);
    }
  });

  it.each([
    ['service=jaeger', 'service'],
    ['requestId=a%20b', 'requestId'],
    ['minDurationMs=0', 'minDurationMs'],
    ['limit=1000', 'limit'],
    ['lookback=7d', 'lookback'],
    ['tags=%7B%7D', 'tags'],
  ])('names a bad search (%s) with 400', async (params, field) => {
    const res = await edgeApi('GET', `${TRACES}?${params}`, { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toContain(field);
  });

  it('refuses a trace id that is not hex (400), never passing it to the store', async () => {
    const res = await edgeApi('GET', `${TRACES}/not-a-trace-id`, { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toContain('traceId');
  });
});

describe('Jaeger outage', () => {
  const TRACES = '/api/analytics/traces';

  afterAll(() => {
    // Whatever happened below, the stack is left with Jaeger running.
    ensureStarted('jaeger');
  });

  it('answers 503 in the one error shape while Jaeger is stopped, and answers again once it is back', async () => {
    stopComponent('jaeger');
    for (const path of [TRACES, `${TRACES}/${randomBytes(16).toString('hex')}`]) {
      // The stop above blocks this process for seconds, long enough for the edge to close the idle
      // keep-alive connection under it unnoticed: the first call may meet that closed socket.
      const res = await eventually(() => edgeApi('GET', path, { token: admin }), 10_000);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the trace store (Jaeger) does not answer',
      });
    }
    startComponent('jaeger');
    await eventually(async () => {
      expect((await edgeApi('GET', TRACES, { token: admin })).status).toBe(200);
    }, 60_000);
  }, 90_000);
});
