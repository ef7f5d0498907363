import type {
  CameraResponseDto,
  CreatedApiKeyResponseDto,
  WatchlistResponseDto,
} from '@gt-vision/shared-types';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { adminToken, edge, edgeApi, eventually, PROMETHEUS } from './support/stack';

interface Panel {
  type: string;
  title: string;
  targets?: { expr?: string }[];
}

const DASHBOARDS = join(__dirname, '../../../observability/grafana/dashboards');
const dashboards = readdirSync(DASHBOARDS)
  .filter((file) => file.endsWith('.json'))
  .map(
    (file) =>
      JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as {
        uid: string;
        title: string;
        panels: Panel[];
      },
  );

/** What the issue asks a dashboard for; each title must exist. */
const REQUIRED = [
  'GT-Vision host',
  'GT-Vision edge (HAProxy)',
  'GT-Vision video (MediaMTX)',
  'GT-Vision detection pipeline',
  'GT-Vision database (PgBouncer, PostgreSQL)',
  'GT-Vision services',
];

const panels = dashboards.flatMap((dashboard) =>
  dashboard.panels
    .filter((panel) => panel.type !== 'row')
    .map((panel) => ({
      name: `${dashboard.title} / ${panel.title}`,
      exprs: (panel.targets ?? []).flatMap((t) => (t.expr ? [t.expr] : [])),
    })),
);

interface RangeAnswer {
  status: string;
  error?: string;
  data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
}

/**
 * Grafana is not on this machine: each panel's queries run against the stack's Prometheus as Grafana
 * would run them over the last 10 minutes ($__rate_interval is 4 scrape intervals, 1m).
 */
async function queryRange(expr: string): Promise<RangeAnswer> {
  const end = Math.floor(Date.now() / 1000);
  const params = new URLSearchParams({
    query: expr.replaceAll('$__rate_interval', '1m'),
    start: String(end - 600),
    end: String(end),
    step: '15',
  });
  return (await fetch(`${PROMETHEUS}/api/v1/query_range`, { method: 'POST', body: params })).json();
}

/** A panel has data when one of its queries has a point that is a number (NaN draws nothing). */
const hasData = (answers: RangeAnswer[]) =>
  answers.some((a) =>
    a.data.result.some((series) => series.values.some(([, v]) => !Number.isNaN(Number(v)))),
  );

let admin: string;
let key: CreatedApiKeyResponseDto;
let camera: CameraResponseDto;
let watchlist: WatchlistResponseDto;

/**
 * Traffic every panel needs on a quiet stack: detections through ingest (one on a watchlist, so an alert is
 * raised), refused requests (4xx), and reads through the edge.
 */
beforeAll(async () => {
  admin = await adminToken();
  key = (
    await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: `E2E dashboards ${randomUUID().slice(0, 8)}`, role: 'integrator' },
    })
  ).body;
  camera = (
    await edgeApi<CameraResponseDto>('POST', '/api/cameras', {
      token: admin,
      body: {
        name: `e2e dashboards ${randomUUID().slice(0, 8)}`,
        sourceUrl: 'rtsp://127.0.0.1:8554/e2e_dashboards',
        enabled: false,
        lpr: { enabled: true, fps: 1 },
      },
    })
  ).body;
  watchlist = (
    await edgeApi<WatchlistResponseDto>('POST', '/api/watchlists', {
      token: admin,
      body: { name: `e2e dashboards ${randomUUID().slice(0, 8)}` },
    })
  ).body;
  const plate = `DSH${randomUUID().slice(0, 4).toUpperCase()}`;
  const entry = await edgeApi('POST', `/api/watchlists/${watchlist.id}/entries`, {
    token: admin,
    body: { plate, match: 'exact', reason: 'e2e dashboards', severity: 'critical' },
  });
  expect(entry.status).toBe(201);
  const detection = (p: string) => ({
    cameraId: camera.id,
    plate: p,
    confidence: 0.9,
    capturedAt: new Date().toISOString(),
  });
  // Rates need an earlier sample: the traffic must come after Prometheus scraped ingest's latency
  // series (published at zero from ingest's start), or on a fresh stack the increase is invisible
  // and "Ingest latency" (a quantile of rates) draws nothing.
  await eventually(async () => {
    const scraped = await queryRange(
      'http_server_request_duration_seconds_count{job="ingest", route=~"/api/ingest/.*", status_code="202"}',
    );
    const routes = scraped.data.result.map((series) => series.metric['route']);
    expect(new Set(routes)).toEqual(new Set(['/api/ingest/lpr', '/api/ingest/lpr/batch']));
  }, 60_000);
  const items = [detection(plate), ...Array.from({ length: 20 }, (_, i) => detection(`DSH${i}Z`))];
  const batch = await edgeApi('POST', '/api/ingest/lpr/batch', {
    body: { items },
    headers: { 'x-api-key': key.key },
  });
  expect(batch.status).toBe(202);
  const single = await edgeApi('POST', '/api/ingest/lpr', {
    body: detection(plate),
    headers: { 'x-api-key': key.key },
  });
  expect(single.status).toBe(202);
  expect((await edge('/api/cameras')).status).toBe(401);
}, 60_000);

afterAll(async () => {
  if (watchlist) await edgeApi('DELETE', `/api/watchlists/${watchlist.id}`, { token: admin });
  if (camera) await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
  if (key) await edgeApi('DELETE', `/api/auth/api-keys/${key.id}`, { token: admin });
});

describe('the Grafana dashboards', () => {
  it('cover host, edge, video, pipeline, database and services', () => {
    expect(dashboards.map((d) => d.title)).toEqual(expect.arrayContaining(REQUIRED));
    expect(panels.every((panel) => panel.exprs.length > 0)).toBe(true);
  });

  it('have uids that are unique (Grafana keeps one dashboard per uid)', () => {
    const uids = dashboards.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  // Waits for the traffic above to be scraped (every 15 s) and to show in the rate windows.
  it.each(panels)(
    '$name: every query is valid and the panel has data',
    async ({ exprs }) => {
      await eventually(async () => {
        const answers = await Promise.all(exprs.map(queryRange));
        expect(answers.filter((a) => a.status !== 'success').map((a) => a.error)).toEqual([]);
        expect(hasData(answers)).toBe(true);
      }, 90_000);
    },
    100_000,
  );
});
