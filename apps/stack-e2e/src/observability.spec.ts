import { deployment } from './support/deployment';
import { eventually, PROMETHEUS } from './support/stack';

interface Target {
  labels: { job: string; instance: string };
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

const EXPECTED_JOBS = [
  'camera-registry',
  'ingest',
  'frame-extraction',
  'analytics',
  'lpr-engine',
  'mediamtx',
  'haproxy',
  'node',
  'postgres',
  'redis',
  'kafka',
  'nats',
  'pgbouncer',
  'jaeger',
  'alertmanager',
  'prometheus',
  ...(deployment.logStore ? ['victorialogs', 'vlagent'] : []),
];

describe('Prometheus', () => {
  it('scrapes every component and reports every target up', async () => {
    const targets = await eventually(async () => {
      const res = await fetch(`${PROMETHEUS}/api/v1/targets?state=active`);
      const active = ((await res.json()).data.activeTargets as Target[]).map((t) => ({
        job: t.labels.job,
        health: t.health,
        lastError: t.lastError,
      }));
      expect(active.filter((t) => t.health !== 'up')).toEqual([]);
      return active;
    }, 60_000);
    expect(targets.map((t) => t.job)).toEqual(expect.arrayContaining(EXPECTED_JOBS));
  });

  it('sends what its rules fire to Alertmanager', async () => {
    const res = await fetch(`${PROMETHEUS}/api/v1/alertmanagers`);
    const { activeAlertmanagers } = (await res.json()).data as {
      activeAlertmanagers: { url: string }[];
    };
    expect(activeAlertmanagers.map((am) => new URL(am.url).port)).toEqual(['9095']);
  });
});
