import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminToken, edge, eventually, secret, VICTORIALOGS } from './support/stack';
import { componentLog } from './support/component-logs';

/** The stack's processes, as tools/stack/fingerprint.sh and vlagent.sh read them. */
const COMPONENTS = [
  ...readFileSync(
    join(__dirname, '../../../deploy/single-node/process-compose.yaml'),
    'utf8',
  ).matchAll(/^ {2}([a-z][a-z-]*):$/gm),
].map((match) => match[1]);

interface LogLine {
  component: string;
  _msg: string;
  'req.id'?: string;
  service?: string;
}

/** A LogsQL query against the log store; it answers one JSON object per line. */
async function logs(query: string, authorization?: string): Promise<Response> {
  return fetch(`${VICTORIALOGS}/select/logsql/query`, {
    method: 'POST',
    headers: authorization ? { authorization } : {},
    body: new URLSearchParams({ query, limit: '100' }),
    signal: AbortSignal.timeout(10_000),
  });
}

const BASIC = () =>
  `Basic ${Buffer.from(`gtv:${secret('GTV_VICTORIALOGS_PASSWORD')}`).toString('base64')}`;

describe('every component logs to one store (VictoriaLogs, fed by vlagent)', () => {
  it('answers queries only with its password', async () => {
    expect((await logs('*')).status).toBe(401);
    expect((await logs('*', 'Basic Z3R2Ondyb25n')).status).toBe(401);
    expect((await logs('* | limit 1', BASIC())).status).toBe(200);
  });

  it('holds the lines of every component that has logged anything, tagged with its name', async () => {
    const logged = COMPONENTS.filter((component) => {
      try {
        return componentLog(component).trim().length > 0;
      } catch {
        return false; // not written yet
      }
    });
    expect(logged).toEqual(expect.arrayContaining(['haproxy', 'postgres', 'kafka', 'ingest']));
    await eventually(async () => {
      const answer = await logs('* | stats by (component) count() lines', BASIC());
      const stored = (await answer.text())
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { component: string }).component);
      expect(logged.filter((component) => !stored.includes(component))).toEqual([]);
    }, 30_000);
  });

  it("finds one request's lines from the edge and from the owning service by its request id", async () => {
    const requestId = `e2e-logs-${randomUUID()}`;
    const res = await edge('/api/cameras?limit=1', {
      headers: { authorization: `Bearer ${await adminToken()}`, 'X-Request-Id': requestId },
    });
    expect(res.status).toBe(200);

    // The README's query: HAProxy writes the id into its line (rid=...), the services into req.id.
    const lines = await eventually(async () => {
      const answer = await logs(`"${requestId}" or req.id:="${requestId}"`, BASIC());
      expect(answer.status).toBe(200);
      const found = (await answer.text())
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine);
      expect(found.map((line) => line.component)).toEqual(
        expect.arrayContaining(['haproxy', 'camera-registry']),
      );
      return found;
    }, 30_000);

    const edgeLine = lines.find((line) => line.component === 'haproxy');
    expect(edgeLine?._msg).toContain(`rid=${requestId}`);
    expect(edgeLine?._msg).toContain('GET /api/cameras');
    const serviceLine = lines.find((line) => line.component === 'camera-registry');
    // Parsed from the service's JSON line, not a bare string: its fields are queryable.
    expect(serviceLine).toMatchObject({ 'req.id': requestId, service: 'camera-registry' });
    // No other service saw it.
    expect(
      lines.filter((line) => !['haproxy', 'camera-registry'].includes(line.component)),
    ).toEqual([]);
  });
});
