// Seeds bench:api's detections straight into PostgreSQL, fast. Each past daily partition is detached
// and stripped of its secondary indexes, filled by generate_series (no per-row GIN maintenance), given
// the table's indexes back in bulk (their definitions read from the parent, so they match), and
// attached again, which then only adopts those indexes. Today's partition stays attached (the consumer
// may be writing to it) and is filled in place. Two partitions are filled at a time: one per core.
// Plates: 2 000 000 distinct Brazilian-style plates with a skewed popularity (a few plates come back
// often, most rarely), 30 % of readings with an OCR alternative, uniform over 250 cameras.
import { psql, psqlAsync } from '../lib/stack.mjs';

export const SOURCE = 'bench-api';
const DAY_MS = 86_400_000;
const COLUMNS =
  'id, camera_id, plate, plate_raw, confidence, captured_at, received_at, bbox, vehicle, snapshot_ref, ' +
  'source, alternatives, plates, plate_keys, plates_text';

/** The SELECT that generates `rows` detections captured in [lo, hi). */
function generate(rows, lo, hi) {
  const at = `'${lo.toISOString()}'::timestamptz + r3 * (interval '1 millisecond' * ${hi.getTime() - lo.getTime()})`;
  return `
    WITH g AS (
      SELECT random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
        FROM generate_series(1, ${rows})
    ), h AS (
      SELECT *, (floor(power(r1, 3) * 2000000)::bigint * 2654435761) % 4294967291 AS h FROM g
    ), p AS (
      SELECT *, chr(65 + (h % 26)::int) || chr(65 + (h / 26 % 26)::int) || chr(65 + (h / 676 % 26)::int)
                || (h / 17576 % 10)::text || chr(65 + (h / 175760 % 26)::int)
                || (h / 4569760 % 10)::text || (h / 45697600 % 10)::text AS plate
        FROM h
    ), a AS (
      SELECT *, CASE WHEN r5 < 0.3 AND translate(plate, 'BSZGO', '85260') <> plate
                     THEN translate(plate, 'BSZGO', '85260') END AS alt
        FROM p
    )
    SELECT gen_random_uuid(), 1 + floor(r2 * 250)::int, plate, plate, (0.6 + r4 * 0.4)::real, ${at}, ${at},
           '{"x":0.4,"y":0.6,"width":0.12,"height":0.05}'::jsonb, '{"type":"car","colour":null,"make":null}'::jsonb,
           NULL, '${SOURCE}',
           CASE WHEN alt IS NULL THEN '[]'::jsonb
                ELSE jsonb_build_array(jsonb_build_object('plate', alt, 'confidence', 0.3)) END,
           CASE WHEN alt IS NULL THEN ARRAY[plate] ELSE ARRAY[plate, alt] END,
           ARRAY[translate(plate, 'ODQIZSBG', '00012586')],
           CASE WHEN alt IS NULL THEN plate ELSE plate || ' ' || alt END
      FROM a`;
}

const dayName = (day) => `detections_p${day.toISOString().slice(0, 10).replace(/-/g, '')}`;

/** The parent's secondary indexes, as statements creating the same index on one partition. */
function indexStatements(table) {
  const defs = psql(
    `SELECT indexdef FROM pg_indexes WHERE schemaname = 'analytics' AND tablename = 'detections'
        AND indexname <> 'detections_pkey'`,
  ).split('\n');
  return defs.map((def, i) =>
    def.replace(
      /^CREATE (UNIQUE )?INDEX \S+ ON ONLY analytics\.detections/,
      `CREATE $1INDEX ${table.split('.')[1]}_bench_${i} ON ${table}`,
    ),
  );
}

/** Tables a failed earlier run left detached: attached back (ATTACH builds what they miss). */
function reattachOrphans(log) {
  const orphans = psql(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'analytics' AND c.relkind = 'r' AND c.relname ~ '^detections_p[0-9]{8}$'
        AND NOT c.relispartition`,
  )
    .split('\n')
    .filter(Boolean);
  for (const name of orphans) {
    const day = new Date(
      `${name.slice(12, 16)}-${name.slice(16, 18)}-${name.slice(18, 20)}T00:00:00Z`,
    );
    const to = new Date(day.getTime() + DAY_MS).toISOString();
    psql(
      `ALTER TABLE analytics.detections ATTACH PARTITION analytics.${name} FOR VALUES FROM ('${day.toISOString()}') TO ('${to}')`,
    );
    log(`seed: re-attached ${name}, left detached by an earlier run`);
  }
}

/**
 * The dashboard's hourly counts of the seeded hours, recomputed from the detections: the seed writes
 * rows straight into partitions, past the consumer's insert that keeps them. Plate counts only for
 * the hours the analytics service keeps them (PLATE_COUNTS_KEPT_HOURS, two dashboard windows). The
 * tables are locked first: the consumer's upserts of live detections wait a moment instead of
 * deadlocking with the DELETE.
 */
function recount(since, log) {
  const from = `date_trunc('hour', '${since.toISOString()}'::timestamptz, 'UTC')`;
  const platesFrom = `date_trunc('hour', now() - interval '48 hours', 'UTC')`;
  psql(`
    BEGIN;
    LOCK TABLE analytics.camera_hour_counts, analytics.plate_hour_counts IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM analytics.camera_hour_counts WHERE hour >= ${from};
    INSERT INTO analytics.camera_hour_counts (hour, camera_id, count)
      SELECT date_trunc('hour', captured_at, 'UTC'), camera_id, count(*) FROM analytics.detections
       WHERE captured_at >= ${from} GROUP BY 1, 2;
    DELETE FROM analytics.plate_hour_counts WHERE hour >= ${platesFrom};
    INSERT INTO analytics.plate_hour_counts (hour, plate, count)
      SELECT date_trunc('hour', captured_at, 'UTC'), plate, count(*) FROM analytics.detections
       WHERE captured_at >= ${platesFrom} GROUP BY 1, 2;
    COMMIT;`);
  log('seed: dashboard counts recomputed for the seeded hours');
}

/**
 * Seeds `total` detections over the last `days` days (idempotent: does nothing when they are there).
 */
export async function seed(total, days, log) {
  reattachOrphans(log);
  const existing = Number(
    psql(`SELECT count(*) FROM analytics.detections WHERE source = '${SOURCE}'`),
  );
  if (existing >= total * 0.99) {
    log(`seed: ${existing.toLocaleString('en')} bench detections already stored; not seeding`);
    // An earlier run may have stopped before its recount.
    recount(new Date(Date.now() - days * DAY_MS), log);
    return { seededRows: 0, seconds: 0, existing };
  }
  const started = performance.now();
  if (existing > 0) psql(`DELETE FROM analytics.detections WHERE source = '${SOURCE}'`);
  const now = Date.now();
  const start = now - days * DAY_MS;
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const jobs = [];
  for (let d = Math.floor(start / DAY_MS) * DAY_MS; d <= today; d += DAY_MS) {
    const lo = new Date(Math.max(d, start));
    const hi = new Date(Math.min(d + DAY_MS, now));
    const rows = Math.round((total * (hi.getTime() - lo.getTime())) / (now - start));
    if (rows > 0)
      jobs.push({
        day: new Date(d),
        table: `analytics.${dayName(new Date(d))}`,
        lo,
        hi,
        rows,
        attached: d === today,
      });
  }
  // Detach (serially: each takes the parent's lock for a moment) and strip the secondary indexes.
  const detached = jobs.filter((j) => !j.attached);
  const indexes = indexStatements('analytics.x');
  for (const job of detached) {
    psql(`ALTER TABLE analytics.detections DETACH PARTITION ${job.table}`);
    const secondary = psql(
      `SELECT indexrelid::regclass FROM pg_index WHERE indrelid = '${job.table}'::regclass AND NOT indisprimary`,
    )
      .split('\n')
      .filter(Boolean);
    if (secondary.length) psql(`DROP INDEX ${secondary.join(', ')}`);
  }
  const queue = [...jobs];
  let done = 0;
  await Promise.all(
    [0, 1].map(async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const build = job.attached
          ? ''
          : indexes
              .map(
                (def) =>
                  def
                    .replace(/analytics\.x\b/, job.table)
                    .replace(/ x_bench_/, ` ${dayName(job.day)}_bench_`) + ';',
              )
              .join('\n');
        await psqlAsync(`
          SET maintenance_work_mem = '256MB';
          INSERT INTO ${job.table} (${COLUMNS}) ${generate(job.rows, job.lo, job.hi)};
          ${build}
          VACUUM (ANALYZE) ${job.table};`);
        done += 1;
        log(
          `seed: ${dayName(job.day)} ${job.rows.toLocaleString('en')} rows (${done}/${jobs.length}, ${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    }),
  );
  for (const job of detached) {
    const from = job.day.toISOString();
    const to = new Date(job.day.getTime() + DAY_MS).toISOString();
    // The CHECK proves the range, so ATTACH does not scan the rows again; the indexes match the
    // parent's, so ATTACH adopts them instead of building.
    psql(
      `ALTER TABLE ${job.table} ADD CONSTRAINT bench_range CHECK (captured_at >= '${from}' AND captured_at < '${to}')`,
    );
    psql(
      `ALTER TABLE analytics.detections ATTACH PARTITION ${job.table} FOR VALUES FROM ('${from}') TO ('${to}')`,
    );
    psql(`ALTER TABLE ${job.table} DROP CONSTRAINT bench_range`);
  }
  recount(new Date(start), log);
  const seconds = (performance.now() - started) / 1000;
  return { seededRows: jobs.reduce((n, j) => n + j.rows, 0), seconds, existing: 0 };
}
