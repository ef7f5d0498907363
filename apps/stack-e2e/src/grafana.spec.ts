import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROMETHEUS } from './support/stack';

interface Panel {
  title: string;
  targets?: { expr?: string }[];
}

const DASHBOARDS = join(__dirname, '../../../observability/grafana/dashboards');
const overview = JSON.parse(readFileSync(join(DASHBOARDS, 'gt-vision-overview.json'), 'utf8')) as {
  panels: Panel[];
};

/** Grafana is not on this machine; its dashboards are checked against the real Prometheus instead. */
async function query(expr: string): Promise<{ status: string; data: { result: unknown[] } }> {
  const url = `${PROMETHEUS}/api/v1/query?query=${encodeURIComponent(expr.replaceAll('$__rate_interval', '1m'))}`;
  return (await fetch(url)).json();
}

const queries = overview.panels.flatMap((panel) =>
  (panel.targets ?? []).flatMap((t) => (t.expr ? [[panel.title, t.expr] as const] : [])),
);

/**
 * Instant queries whose series every running stack has. Rate panels need two scrapes in the window
 * (a just-started stack may have one) and some series (5xx, Kafka traffic) may rightly be empty.
 */
const ALWAYS_DATA = ['Targets up', 'Camera paths by state', 'Memory available'];

describe('the Grafana overview dashboard', () => {
  it('has panels with queries', () => {
    expect(queries.length).toBeGreaterThan(5);
  });

  it.each(queries)('%s: %s is a valid query against the stack', async (title, expr) => {
    const answer = await query(expr);
    expect(answer.status).toBe('success');
    if (ALWAYS_DATA.includes(title)) expect(answer.data.result.length).toBeGreaterThan(0);
  });
});
