import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricNames } from './support/promql';
import { eventually, PROMETHEUS } from './support/stack';

/**
 * A rule or panel that names a metric no component exports never fires or stays empty, silently
 * (a renamed histogram did exactly that). Every name in the loaded rules and the Grafana dashboards
 * must be known to Prometheus: in a target's metadata, or as a series of the last hour.
 */
const DASHBOARDS = join(__dirname, '../../../observability/grafana/dashboards');
/** Series Prometheus makes itself, and how histograms and summaries are exposed. */
const SYNTHETIC = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
const SUFFIXES = /_(bucket|count|sum)$/;

async function prom<T>(path: string): Promise<T> {
  const res = await fetch(`${PROMETHEUS}${path}`);
  const body = (await res.json()) as { status: string; data: T };
  expect(body.status).toBe('success');
  return body.data;
}

function dashboardExprs(): string[] {
  return readdirSync(DASHBOARDS)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const dashboard = JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as {
        panels: { targets?: { expr?: string }[] }[];
      };
      return dashboard.panels.flatMap((panel) =>
        (panel.targets ?? []).flatMap((target) => (target.expr ? [target.expr] : [])),
      );
    });
}

describe('metric names in alert rules and dashboards', () => {
  it('the expression parser finds metric names only', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (job, le) (rate(http_server_request_duration_seconds_bucket{job=~"a|b"}[5m]))) > on () group_left () max(x_total) and absent(up{job="y"})',
      ).sort(),
    ).toEqual(['http_server_request_duration_seconds_bucket', 'up', 'x_total']);
  });

  it('every one is exported by some component of the running stack', async () => {
    const groups = await prom<{ groups: { rules: { query: string }[] }[] }>('/api/v1/rules');
    const exprs = [
      ...groups.groups.flatMap((group) => group.rules.map((rule) => rule.query)),
      ...dashboardExprs(),
    ];
    expect(exprs.length).toBeGreaterThan(30);
    const wanted = new Set(exprs.flatMap(metricNames).filter((name) => !SYNTHETIC.has(name)));

    // Every target scraped at least once, so its metadata is known.
    await eventually(async () => {
      const metadata = await prom<Record<string, unknown>>('/api/v1/metadata');
      const known = (name: string) => name in metadata || name.replace(SUFFIXES, '') in metadata;
      const missing: string[] = [];
      for (const name of [...wanted].filter((n) => !known(n))) {
        const series = await prom<unknown[]>(
          `/api/v1/series?match[]=${encodeURIComponent(`{__name__="${name}"}`)}&start=${Math.floor(Date.now() / 1000) - 3600}`,
        );
        if (!series.length) missing.push(name);
      }
      expect(missing).toEqual([]);
    }, 60_000);
  });
});
