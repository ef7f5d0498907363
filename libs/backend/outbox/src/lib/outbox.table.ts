import type { QueryRunner } from 'typeorm';

/** `<schema>.outbox`: each service owns its outbox, in its own schema. */
export function outboxTable(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  return `${schema}.outbox`;
}

/**
 * The outbox table of `schema`, for a service's migration: `up = (r) => createOutboxTable(r, 'x')`.
 * A change and the event announcing it commit together; the relay publishes and deletes the rows.
 */
export async function createOutboxTable(runner: QueryRunner, schema: string): Promise<void> {
  const table = outboxTable(schema);
  await runner.query(`
    CREATE TABLE ${table} (
      -- Commit order is close to id order; per key it is exact when a key's writes serialise
      -- (e.g. on the row lock of the thing the key names).
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- Messages of one key are published in the order they were stored.
      ordering_key text NOT NULL,
      subject text NOT NULL,
      -- json, not jsonb: published byte for byte as written, keys in order.
      payload json NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    )`);
  // The relay publishes the oldest row of each key first.
  await runner.query(`CREATE INDEX outbox_ordering_key_id_idx ON ${table} (ordering_key, id)`);
}

/**
 * The trace context (W3C headers) of the transaction that stored each message, so that its publish
 * continues that trace: for a migration of its own, after createOutboxTable's.
 */
export async function addOutboxTraceHeaders(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`ALTER TABLE ${outboxTable(schema)} ADD COLUMN trace_headers json`);
}

export async function dropOutboxTraceHeaders(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`ALTER TABLE ${outboxTable(schema)} DROP COLUMN trace_headers`);
}

export async function dropOutboxTable(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`DROP TABLE ${outboxTable(schema)}`);
}
