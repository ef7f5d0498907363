// The measurement of `npm run bench:audit` (run.mjs starts it): AuditLog.append as a service calls it,
// on a throwaway PostgreSQL that keeps fsync and synchronous commits as the stack's does. `callers`
// concurrent callers (the requests of one replica) share `appends` appends over a pool of `pool`
// connections (DATABASE_POOL_SIZE); each append is timed from the call to its promise resolving.
// Prints one JSON object on stdout.
//   node -r ts-node/register/transpile-only -r tsconfig-paths/register appends.ts \
//     <appends> <callers> <pool>
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { Histogram } from 'prom-client';
import {
  AuditLog,
  auditAppendMetric,
  createAuditAppend,
  createAuditTable,
  type AuditEntry,
} from '@gt-vision/backend-audit';
import { Database } from '@gt-vision/backend-database';
import { startTestCluster } from '../../libs/backend/testing/src/lib/postgres-cluster';

const [appends, callers, pool] = process.argv.slice(2, 5).map(Number);

/** As a plate search records itself (the most frequent record). */
const entry = (n: number): AuditEntry => ({
  action: 'plate.search',
  actor: { kind: 'user', id: `user-${n % 50}`, name: `operator ${n % 50}` },
  target: null,
  details: { query: { plate: 'ABC1D23', from: '2026-12-01T00:00:00Z', limit: 50 } },
  sourceIp: '10.0.0.1',
  requestId: `req-${n}`,
  reason: 'case 2026/114',
});

/** `count` appends shared by `concurrency` callers, each calling again as soon as it is answered. */
async function load(log: AuditLog, count: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const caller = async () => {
    while (next < count) {
      const n = next++;
      const start = performance.now();
      await log.append(entry(n));
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, caller));
  return { seconds: (performance.now() - start) / 1000, latencies };
}

async function main() {
  const cluster = startTestCluster({ durable: true });
  const dataSource = new DataSource({
    type: 'postgres',
    host: cluster.socketDir,
    username: cluster.user,
    database: 'postgres',
    extra: { max: pool },
  });
  try {
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    await createAuditTable(runner);
    await createAuditAppend(runner);
    await runner.release();
    const log = new AuditLog(
      new Database(dataSource),
      new Histogram({ ...auditAppendMetric, registers: [] }),
    );
    // Connections opened and code warmed before the clock starts.
    await load(log, callers, callers);
    const { seconds, latencies } = await load(log, appends, callers);
    const verification = await log.verify();
    process.stdout.write(JSON.stringify({ seconds, latencies, verification }) + '\n');
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
