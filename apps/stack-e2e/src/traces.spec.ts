import {
  KafkaTopics,
  NatsSubjects,
  type CameraResponseDto,
  type CreatedApiKeyResponseDto,
  type IngestAcceptedResponse,
  type WatchlistResponseDto,
} from '@gt-vision/shared-types';
import { randomBytes, randomUUID } from 'node:crypto';
import { uniquePlate } from './support/kafka';
import { adminToken, componentLog, edgeApi, eventually } from './support/stack';

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
let camera: CameraResponseDto;
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
  camera = cam.body;
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

afterAll(async () => {
  if (watchlist) await edgeApi('DELETE', `/api/watchlists/${watchlist.id}`, { token: admin });
  if (camera) await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
  if (key) await edgeApi('DELETE', `/api/auth/api-keys/${key.id}`, { token: admin });
});

describe('traces across services', () => {
  it('follows one detection from the edge through ingest, Kafka, analytics, PostgreSQL to the alert', async () => {
    // The client starts the trace (a sampled W3C traceparent), so the test knows which trace to ask for.
    const traceId = randomBytes(16).toString('hex');
    const res = await edgeApi<IngestAcceptedResponse>('POST', '/api/ingest/lpr', {
      body: { cameraId: camera.id, plate, confidence: 0.95, capturedAt: new Date().toISOString() },
      headers: {
        'x-api-key': key.key,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
    });
    expect(res.status).toBe(202);

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
      return found;
    }, 30_000);

    const services = new Set(trace.spans.map((span) => serviceOf(trace, span)));
    expect([...services]).toEqual(
      expect.arrayContaining(['ingest', 'camera-registry', 'analytics']),
    );
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
