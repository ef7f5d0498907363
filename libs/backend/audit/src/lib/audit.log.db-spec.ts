import { useTestDatabase } from '@gt-vision/backend-testing';
import { Histogram } from 'prom-client';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit.chain';
import { AuditLog, type AuditActor, type AuditEntry } from './audit.log';
import { auditAppendMetric } from './audit.metrics';
import {
  createAuditAppend,
  createAuditTable,
  dropAuditAppend,
  dropAuditTable,
} from './audit.table';

/** The registry's migrations, as they create the trail and its append. */
class CreateAudit1700000000000 implements MigrationInterface {
  up = (runner: QueryRunner) => createAuditTable(runner);
  down = (runner: QueryRunner) => dropAuditTable(runner);
}

class AuditAppendFunction1700000000001 implements MigrationInterface {
  up = (runner: QueryRunner) => createAuditAppend(runner);
  down = (runner: QueryRunner) => dropAuditAppend(runner);
}

const testDb = useTestDatabase({
  schema: 'audit_test',
  migrations: [CreateAudit1700000000000, AuditAppendFunction1700000000001],
});
const db = () => testDb().database;
const appendSeconds = new Histogram({ ...auditAppendMetric, registers: [] });
const log = () => new AuditLog(db(), appendSeconds);

const entry = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  action: n % 2 ? 'plate.search' : 'auth.login',
  actor: { kind: 'user', id: `user-${n % 3}`, name: `user ${n % 3}` },
  target: `camera:${n}`,
  details: { n, plate: 'ABC1D23', nested: { b: 1, a: [2, 'x'] } },
  sourceIp: '10.0.0.1',
  requestId: `req-${n}`,
  reason: n % 2 ? 'case 2026/114' : null,
  ...extra,
});

/** Edits as only the table's owner (a superuser, an attacker with the database) could. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.execute('ALTER TABLE audit.records DISABLE TRIGGER records_append_only');
    await tx.execute(sql, params);
    await tx.execute('ALTER TABLE audit.records ENABLE TRIGGER records_append_only');
  });
}

async function ids(): Promise<string[]> {
  const rows = await db().query<{ id: string }>(
    'SELECT id::text AS id FROM audit.records ORDER BY id',
  );
  return rows.map((row) => row.id);
}

beforeEach(async () => {
  await log().prune(new Date(Date.now() + 86_400_000));
});

describe('AuditLog on PostgreSQL', () => {
  it('chains each record to the one before, from the genesis hash', async () => {
    for (let n = 1; n <= 3; n++) await log().append(entry(n));
    const rows = await db().query<{ prev_hash: string; hash: string }>(
      'SELECT prev_hash, hash FROM audit.records ORDER BY id',
    );
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);
    expect(await log().verify()).toEqual({ intact: true, checked: 3, lastId: (await ids())[2] });
  });

  it('keeps one chain when many writers (replicas) append at once (serialised by the advisory lock)', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, n) => log().append(entry(n))));
    const verification = await log().verify();
    expect(verification).toMatchObject({ intact: true, checked: 40 });
    const forks = await db().query(
      'SELECT prev_hash FROM audit.records GROUP BY prev_hash HAVING count(*) > 1',
    );
    expect(forks).toEqual([]);
  });

  it('keeps one chain when two processes group-commit at once: each batch whole, none forked', async () => {
    const [a, b] = [log(), log()];
    await Promise.all(Array.from({ length: 600 }, (_, n) => (n % 2 ? a : b).append(entry(n))));
    expect(await log().verify()).toMatchObject({ intact: true, checked: 600 });
    // Rows written by one statement share its xmin: each batch a run of consecutive ids.
    const batches = await db().query<{ records: number; span: number }>(
      `SELECT count(*)::int AS records, (max(id) - min(id) + 1)::int AS span
       FROM audit.records GROUP BY xmin::text`,
    );
    expect(batches.length).toBeGreaterThan(2);
    for (const batch of batches) expect(batch.span).toBe(batch.records);
  });

  it('group-commits the concurrent appends of one process: all kept, in one chain, ids in chain order', async () => {
    const shared = log();
    const count = 1200;
    await Promise.all(Array.from({ length: count }, (_, n) => shared.append(entry(n))));
    expect(await log().verify()).toMatchObject({ intact: true, checked: count });
    const rows = await db().query<{
      request_id: string;
      at: Date;
      prev_hash: string;
      hash: string;
    }>('SELECT request_id, at, prev_hash, hash FROM audit.records ORDER BY id');
    expect(new Set(rows.map((row) => row.request_id)).size).toBe(count);
    rows.slice(1).forEach((row, i) => {
      expect(row.prev_hash).toBe(rows[i].hash);
      expect(row.at.getTime()).toBeGreaterThanOrEqual(rows[i].at.getTime());
    });
    // Rows written by one transaction share its xmin: the first append alone, then batches of 500.
    const transactions = await db().query<{ records: number }>(
      'SELECT count(*)::int AS records FROM audit.records GROUP BY xmin::text ORDER BY min(id)',
    );
    expect(transactions.map((t) => t.records)).toEqual([1, 500, 500, 199]);
  });

  it('fails every caller of a batch the database refuses, and writes the next batch', async () => {
    const shared = log();
    await db().execute(
      `ALTER TABLE audit.records ADD CONSTRAINT no_poison CHECK (action <> 'test.poison')`,
    );
    try {
      // The first append is written alone, at once; the two after it queue into the next batch.
      const first = shared.append(entry(1));
      const batch = [shared.append(entry(2, { action: 'test.poison' })), shared.append(entry(3))];
      await first;
      await Promise.all(batch.map((append) => expect(append).rejects.toThrow(/no_poison/)));
      await shared.append(entry(4));
    } finally {
      await db().execute('ALTER TABLE audit.records DROP CONSTRAINT no_poison');
    }
    expect(await log().verify()).toMatchObject({ intact: true, checked: 2 });
    const kept = await db().query<{ request_id: string }>(
      'SELECT request_id FROM audit.records ORDER BY id',
    );
    expect(kept.map((row) => row.request_id)).toEqual(['req-1', 'req-4']);
  });

  it('refuses a record with a NUL or an unpaired surrogate for its caller alone', async () => {
    const shared = log();
    const appends = [
      shared.append(entry(1)),
      shared.append(entry(2, { target: 'camera:\0' })),
      shared.append(entry(3, { reason: 'half an emoji \uD83D' })),
      shared.append(entry(4)),
    ];
    await expect(appends[1]).rejects.toThrow(/NUL/);
    await expect(appends[2]).rejects.toThrow(/unpaired surrogate/);
    await Promise.all([appends[0], appends[3]]);
    expect(await log().verify()).toMatchObject({ intact: true, checked: 2 });
  });

  it('hashes awkward text in every field as chainHash does (JSON escaping, UTF-8)', async () => {
    const controls = Array.from({ length: 0x1f }, (_, i) => String.fromCharCode(i + 1)).join('');
    const awkward = `"quoted" \\ back\\slash ${controls}\x7f\u2028\u2029 😀🇧🇷 ação Ünïcödé e\u0301 </script>`;
    const entries = [
      entry(1, {
        action: `plate.search${awkward}`,
        actor: { kind: awkward as AuditActor['kind'], id: awkward, name: awkward },
        target: awkward,
        // NUL and an unpaired surrogate are stored here as JSON escapes: plain text.
        details: { [awkward]: awkward, nested: { list: [awkward, null, 1.5, '\0\uD800'] } },
        sourceIp: awkward,
        requestId: awkward,
        reason: awkward,
      }),
      entry(2, { actor: { kind: 'anonymous', id: null, name: null }, target: null, details: {} }),
      entry(3, { reason: awkward }),
    ];
    const shared = log();
    await Promise.all(entries.map((e) => shared.append(e)));
    expect(await log().verify()).toMatchObject({ intact: true, checked: 3 });
    // Kept as given: the hash covers what the caller wrote, not a mangled copy.
    const [first] = await log().list({ target: awkward }, 1);
    expect(first).toMatchObject({
      action: entries[0].action,
      actor_kind: awkward,
      actor_id: awkward,
      actor_name: awkward,
      source_ip: awkward,
      request_id: awkward,
      reason: awkward,
    });
    expect(first.details).toBe(JSON.stringify(entries[0].details));
  });

  it('continues a chain begun by records hashed in JS (before audit.append)', async () => {
    const fields: ChainedFields = {
      prev_hash: GENESIS_HASH,
      at: new Date(Date.now() - 1000),
      actor_kind: 'user',
      actor_id: 'user-1',
      actor_name: 'Zoë "the admin" \\ \n',
      action: 'auth.login',
      target: null,
      details: JSON.stringify({ how: 'password', note: '\u2028😀' }),
      source_ip: '10.0.0.1',
      request_id: null,
      reason: null,
    };
    const hash = chainHash(fields);
    const columns = Object.keys(fields) as (keyof ChainedFields)[];
    await db().execute(
      `INSERT INTO audit.records (${columns.join(', ')}, hash)
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, $${columns.length + 1})`,
      [...columns.map((column) => fields[column]), hash],
    );
    await log().append(entry(2));
    await log().append(entry(3));
    expect(await log().verify()).toMatchObject({ intact: true, checked: 3 });
    const [, second] = await db().query<{ prev_hash: string }>(
      'SELECT prev_hash FROM audit.records ORDER BY id',
    );
    expect(second.prev_hash).toBe(hash);
  });

  it('refuses to append under an isolation that would read the chain before its lock', async () => {
    await expect(
      db().transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await tx.query(`SELECT audit.append('[]'::json)`);
      }),
    ).rejects.toThrow(/needs READ COMMITTED/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await log().append(entry(1));
    for (const sql of [
      `UPDATE audit.records SET reason = 'none'`,
      'DELETE FROM audit.records',
      'TRUNCATE audit.records',
    ]) {
      await expect(db().execute(sql)).rejects.toThrow(/append-only/);
    }
  });

  it('reports the first record changed behind its back', async () => {
    for (let n = 1; n <= 5; n++) await log().append(entry(n));
    const [, , third, fourth] = await ids();
    await tamper(`UPDATE audit.records SET details = '{"n": 3}' WHERE id = $1`, [third]);
    await tamper(`UPDATE audit.records SET reason = 'later' WHERE id = $1`, [fourth]);
    expect(await log().verify()).toMatchObject({
      intact: false,
      checked: 2,
      brokenAt: third,
      problem: 'hash',
    });
  });

  it('reports a deleted record as a broken link at the record after it', async () => {
    for (let n = 1; n <= 4; n++) await log().append(entry(n));
    const [, second, third] = await ids();
    await tamper('DELETE FROM audit.records WHERE id = $1', [second]);
    expect(await log().verify()).toMatchObject({ intact: false, brokenAt: third, problem: 'link' });
  });

  it('prunes by age (retention), leaving a chain that still verifies from its oldest record', async () => {
    for (let n = 1; n <= 4; n++) await log().append(entry(n));
    const [first, second] = await ids();
    await tamper(`UPDATE audit.records SET at = now() - interval '400 days' WHERE id IN ($1, $2)`, [
      first,
      second,
    ]);
    // Re-hash is impossible for the two aged rows, so they are the ones retention removes.
    expect(await log().prune(new Date(Date.now() - 365 * 86_400_000))).toBe(2);
    expect(await log().verify()).toMatchObject({ intact: true, checked: 2 });
  });

  it('lists newest first, filtered, a page at a time', async () => {
    for (let n = 1; n <= 6; n++) await log().append(entry(n));
    const searches = await log().list({ action: 'plate.search' }, 2);
    expect(searches.map((r) => r.target)).toEqual(['camera:5', 'camera:3']);
    const next = await log().list({ action: 'plate.search', beforeId: searches[1].id }, 2);
    expect(next.map((r) => r.target)).toEqual(['camera:1']);
    expect((await log().list({ actorId: 'user-0' }, 10)).map((r) => r.target)).toEqual([
      'camera:6',
      'camera:3',
    ]);
    const [record] = await log().list({ target: 'camera:5' }, 1);
    expect(record).toMatchObject({
      action: 'plate.search',
      actor_kind: 'user',
      source_ip: '10.0.0.1',
      request_id: 'req-5',
      reason: 'case 2026/114',
    });
    expect(JSON.parse(record.details)).toEqual(entry(5).details);
    expect(await log().list({ from: new Date(Date.now() + 60_000) }, 10)).toEqual([]);
  });
});
