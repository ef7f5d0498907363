import type { QueryRunner } from 'typeorm';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function names(schema: string, table: string) {
  for (const name of [schema, table]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  }
  return {
    table: `${schema}.${table}`,
    version: `${schema}.${table}_version`,
    bump: `${schema}.bump_${table}_version`,
    trigger: (event: string) => `${table}_version_${event.toLowerCase()}`,
  };
}

const EVENTS = [
  ['INSERT', 'NEW'],
  ['UPDATE', 'NEW'],
  ['DELETE', 'OLD'],
] as const;

/**
 * For a migration: `<schema>.<table>_version`, one row whose `version` moves with every committed
 * change to the table, so a cache of what is read from it (a camera list, a watchlist matcher) is
 * checked with one tiny read instead of rebuilt. A trigger bumps it, not the application, so no write
 * path can forget it; statement-level with a transition table, so a bulk update bumps once and a
 * statement that changed no row does not bump at all. The epoch tells one database's counter from
 * another's (a rebuilt database starts again at 0).
 */
export async function createTableVersion(
  runner: QueryRunner,
  schema: string,
  table: string,
): Promise<void> {
  const n = names(schema, table);
  await runner.query(`
    CREATE TABLE ${n.version} (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      epoch uuid NOT NULL DEFAULT gen_random_uuid(),
      version bigint NOT NULL DEFAULT 0
    )`);
  await runner.query(`INSERT INTO ${n.version} DEFAULT VALUES`);
  await runner.query(`
    CREATE FUNCTION ${n.bump}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM changed) THEN
        UPDATE ${n.version} SET version = version + 1;
      END IF;
      RETURN NULL;
    END $$`);
  // A trigger with a transition table may have one event only: one trigger per event.
  for (const [event, rows] of EVENTS) {
    await runner.query(`
      CREATE TRIGGER ${n.trigger(event)}
        AFTER ${event} ON ${n.table}
        REFERENCING ${rows} TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION ${n.bump}()`);
  }
}

/** Undoes `createTableVersion`, before the table itself is dropped. */
export async function dropTableVersion(
  runner: QueryRunner,
  schema: string,
  table: string,
): Promise<void> {
  const n = names(schema, table);
  for (const [event] of EVENTS) {
    await runner.query(`DROP TRIGGER ${n.trigger(event)} ON ${n.table}`);
  }
  await runner.query(`DROP FUNCTION ${n.bump}()`);
  await runner.query(`DROP TABLE ${n.version}`);
}
