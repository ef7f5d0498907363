import type {
  LiveServerMessage,
  SystemAlertDto,
  SystemAlertListResponseDto,
  SystemMetricsResponseDto,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { serviceUrl } from './support/component-endpoints';
import { LiveTestClient } from './support/live';
import {
  adminToken,
  createUser,
  deleteUser,
  edgeApi,
  eventually,
  PROMETHEUS,
  secret,
  sessionOf,
} from './support/stack';

const ALERTMANAGER = process.env['GTV_ALERTMANAGER_URL'] ?? 'http://127.0.0.1:9095';
const LIST = '/api/analytics/system-alerts';

/** Prometheus' value of an instant query with one series (undefined when it has none). */
async function promValue(query: string): Promise<number | undefined> {
  const res = await fetch(`${PROMETHEUS}/api/v1/query?query=${encodeURIComponent(query)}`);
  const result = (await res.json()).data.result as { value: [number, string] }[];
  return result.length ? Number(result[0].value[1]) : undefined;
}

type SystemAlertMessage = Extract<LiveServerMessage, { type: 'system-alert' }>;

/** A `/ws/live/` client authenticated with `token`, once the server said ready. */
async function liveClient(token: string): Promise<LiveTestClient> {
  const client = new LiveTestClient();
  await client.opened;
  client.send({ type: 'auth', token });
  await client.next((m): m is LiveServerMessage => m.type === 'ready');
  return client;
}

async function systemAlerts(token: string): Promise<SystemAlertDto[]> {
  const res = await edgeApi<SystemAlertListResponseDto>('GET', `${LIST}?limit=500`, { token });
  expect(res.status).toBe(200);
  return res.body.items;
}

function receiver(body: unknown, token?: string): Promise<Response> {
  // Alertmanager's way in, on analytics' own listener (any replica): not routed by the edge.
  const analytics = process.env['GTV_ANALYTICS_URL'] ?? serviceUrl('analytics');
  return fetch(`${analytics}/internal/alertmanager`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('system alerts: Prometheus → Alertmanager → the product', () => {
  let admin: string;
  let operator: { id: string; username: string; password: string };
  let operatorToken: string;

  beforeAll(async () => {
    admin = await adminToken();
    operator = await createUser('operator', 'sysalerts');
    operatorToken = (await sessionOf(operator.username, operator.password)).accessToken;
  });
  afterAll(() => deleteUser(operator.id));

  describe('the list', () => {
    it('refuses anonymous callers (401) and non-admins (403)', async () => {
      expect((await edgeApi('GET', LIST)).status).toBe(401);
      expect((await edgeApi('GET', LIST, { token: operatorToken })).status).toBe(403);
    });

    it('names a bad filter (400)', async () => {
      const res = await edgeApi('GET', `${LIST}?status=burning&limit=0`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.details?.map((d) => d.field).sort()).toEqual(['limit', 'status']);
    });
  });

  describe('the system charts (fixed Prometheus queries)', () => {
    const CHARTS = '/api/analytics/system-metrics';

    it('refuses anonymous callers (401), non-admins (403) and a bad range (400)', async () => {
      expect((await edgeApi('GET', CHARTS)).status).toBe(401);
      expect((await edgeApi('GET', CHARTS, { token: operatorToken })).status).toBe(403);
      const bad = await edgeApi('GET', `${CHARTS}?range=1y`, { token: admin });
      expect(bad.status).toBe(400);
      expect(bad.body.details?.map((d) => d.field)).toEqual(['range']);
      // The browser cannot send PromQL: unknown parameters are refused, not run.
      const query = await edgeApi('GET', `${CHARTS}?query=up`, { token: admin });
      expect(query.status).toBe(400);
    });

    // A rate needs two scrapes (15 s apart) inside its window: on a stack started moments ago the CPU
    // chart is empty until Prometheus has scraped the host twice, so the test waits for that.
    it('answers the host and stack charts with data from the running stack', async () => {
      const byId = await eventually(async () => {
        const res = await edgeApi<SystemMetricsResponseDto>('GET', `${CHARTS}?range=1h`, {
          token: admin,
        });
        expect(res.status).toBe(200);
        expect(res.body.stepSeconds).toBe(30);
        const charts = new Map(res.body.charts.map((chart) => [chart.id, chart]));
        for (const id of ['cpu', 'memory', 'disk', 'cameraPaths']) {
          const points = charts.get(id)?.series.flatMap((series) => series.points) ?? [];
          expect({ id, points: points.length > 0 }).toEqual({ id, points: true });
        }
        return charts;
      }, 60_000);
      const memory = byId.get('memory')?.series[0].points.at(-1)?.[1] ?? -1;
      expect(memory).toBeGreaterThan(0);
      expect(memory).toBeLessThan(1);
    }, 90_000);
  });

  describe('the receiver', () => {
    it('is not reachable through the edge', async () => {
      const res = await edgeApi('POST', '/internal/alertmanager', { token: admin, body: {} });
      expect(res.status).toBe(404);
    });

    it('answers only the internal service identity', async () => {
      expect((await receiver({})).status).toBe(401);
      expect((await receiver({}, admin)).status).toBe(403);
    });

    it('names what is wrong in a bad notification (400)', async () => {
      const res = await receiver(
        { version: '4', status: 'firing', receiver: 'x', alerts: [{ status: 'on fire' }] },
        secret('GTV_INTERNAL_SERVICE_TOKEN'),
      );
      expect(res.status).toBe(400);
      const fields = ((await res.json()).details as { field: string }[]).map((d) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['alerts.0.status', 'alerts.0.fingerprint']));
    });
  });

  describe('Alertmanager with the project configuration', () => {
    const post = (alerts: object[]) =>
      fetch(`${ALERTMANAGER}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });

    it('silences a dead host’s service alerts behind HostDown (inhibition)', async () => {
      const host = `host-${randomUUID().slice(0, 8)}`;
      const endsAt = new Date(Date.now() + 5 * 60_000).toISOString();
      expect(
        (
          await post([
            { labels: { alertname: 'HostDown', host, severity: 'critical' }, endsAt },
            {
              labels: { alertname: 'TargetDown', host, job: 'ingest', severity: 'critical' },
              endsAt,
            },
          ])
        ).status,
      ).toBe(200);
      await eventually(async () => {
        const res = await fetch(`${ALERTMANAGER}/api/v2/alerts?filter=host%3D%22${host}%22`);
        const alerts = (await res.json()) as {
          labels: Record<string, string>;
          status: { state: string; inhibitedBy: string[] };
        }[];
        const byName = new Map(alerts.map((a) => [a.labels['alertname'], a.status]));
        expect(byName.get('HostDown')?.state).toBe('active');
        expect(byName.get('TargetDown')?.state).toBe('suppressed');
        expect(byName.get('TargetDown')?.inhibitedBy).toHaveLength(1);
      }, 30_000);
    });
  });

  it('a camera offline past the threshold reaches admins in the list and live, then resolves', async () => {
    // The registry exports its threshold; the test stack sets it low (tools/test/run.sh).
    const threshold = await eventually(async () => {
      const value = await promValue('max(gtv_camera_offline_alert_after_seconds)');
      expect(value).toBeDefined();
      return value as number;
    }, 60_000);
    const budgetMs = (threshold + 120) * 1000;

    const live = await liveClient(admin);
    const operatorLive = await liveClient(operatorToken);
    // Port 1 on loopback: nothing listens, the source never becomes ready.
    const created = await edgeApi<{ id: number }>('POST', '/api/cameras', {
      token: admin,
      body: {
        name: `e2e-offline-${randomUUID().slice(0, 8)}`,
        sourceUrl: 'rtsp://127.0.0.1:1/none',
      },
    });
    expect(created.status).toBe(201);
    const cameraId = String(created.body.id);
    const isOurs = (alert: SystemAlertDto) =>
      alert.name === 'CameraOffline' && alert.labels['camera_id'] === cameraId;
    try {
      const firing = await eventually(async () => {
        const ours = (await systemAlerts(admin)).find(isOurs);
        expect(ours?.status).toBe('firing');
        return ours as SystemAlertDto;
      }, budgetMs);
      expect(firing).toMatchObject({ severity: 'warning', endsAt: null });
      expect(firing.summary).toContain(`(${cameraId})`);
      const pushed = await live.next(
        (m): m is SystemAlertMessage => m.type === 'system-alert' && isOurs(m.alert),
        30_000,
      );
      expect(pushed.alert.status).toBe('firing');
      // System alerts name hosts and addresses: admins only.
      expect(operatorLive.messages.filter((m) => m.type === 'system-alert')).toEqual([]);
    } finally {
      await edgeApi('DELETE', `/api/cameras/${cameraId}`, { token: admin });
    }
    // Deleted: its series ends, the rule stops firing, Alertmanager sends the resolution.
    const resolved = await eventually(async () => {
      const ours = (await systemAlerts(admin)).find(isOurs);
      expect(ours?.status).toBe('resolved');
      return ours as SystemAlertDto;
    }, 150_000);
    expect(resolved.endsAt).not.toBeNull();
    live.close();
    operatorLive.close();
  }, 420_000);
});
