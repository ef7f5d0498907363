import type { QueryRunner } from 'typeorm';

/**
 * The audit trail, `audit.records`, for the registry's migration (it owns the trail) and the database
 * tests. Append-only twice over: a trigger refuses UPDATE, TRUNCATE and any DELETE but the retention
 * pruner's, and each record's hash covers the previous record's, so an edit or a deletion made past
 * the trigger (by a superuser) breaks the chain where it happened.
 */
export async function createAuditTable(runner: QueryRunner): Promise<void> {
  await runner.query('CREATE SCHEMA audit');
  await runner.query(`
    CREATE TABLE audit.records (
      -- Chain order: ids are taken under the chain's lock, so they grow in the order records chain.
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz(3) NOT NULL,
      actor_kind text NOT NULL,
      actor_id text,
      actor_name text,
      action text NOT NULL,
      target text,
      -- json, not jsonb: kept byte for byte as hashed.
      details json NOT NULL,
      source_ip text,
      request_id text,
      reason text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`);
  await runner.query('CREATE INDEX records_at_idx ON audit.records (at)');
  await runner.query('CREATE INDEX records_action_id_idx ON audit.records (action, id)');
  await runner.query('CREATE INDEX records_actor_id_id_idx ON audit.records (actor_id, id)');
  await runner.query(`
    CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('gtv.audit_retention', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await runner.query(`
    CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON audit.records
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
  await runner.query(`
    CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON audit.records
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`);
}

export async function dropAuditTable(runner: QueryRunner): Promise<void> {
  await runner.query('DROP SCHEMA audit CASCADE');
}
