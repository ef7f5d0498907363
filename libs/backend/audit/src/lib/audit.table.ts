import type { QueryRunner } from 'typeorm';
import { GENESIS_HASH } from './audit.chain';

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

/**
 * `audit.append(records json)`: appends a batch (a JSON array of records without `at` and
 * `prev_hash`), chained in the array's order. Called as a statement of its own, an append is one
 * round trip, and the chain's lock is held for the server-side work and the commit's flush only, not
 * across the round trips of a transaction driven by the client. Its hash must stay byte-identical to
 * chainHash (audit.chain.ts): verify() recomputes it there, whichever wrote the record.
 */
export async function createAuditAppend(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE FUNCTION audit.append(records json) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      link text;
      stamp timestamptz;
      r record;
      chained text;
    BEGIN
      -- The last hash must be read in a snapshot taken after the lock: only READ COMMITTED takes one
      -- per statement. Under a stricter isolation two writers would chain to the same record.
      IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'audit.append needs READ COMMITTED (the session has %)',
          current_setting('transaction_isolation');
      END IF;
      PERFORM pg_advisory_xact_lock(hashtext('audit.records'));
      -- A statement of its own, so its snapshot is taken after the lock: the last record committed.
      SELECT hash INTO link FROM audit.records ORDER BY id DESC LIMIT 1;
      link := coalesce(link, '${GENESIS_HASH}');
      -- Under the lock, so at grows along the chain and retention (by age) cuts only its head.
      -- Whole milliseconds, as chainHash reads them back: the column would round finer ones.
      stamp := date_trunc('milliseconds', clock_timestamp());
      FOR r IN
        SELECT * FROM ROWS FROM (json_to_recordset(records) AS (actor_kind text, actor_id text,
          actor_name text, action text, target text, details text, source_ip text, request_id text,
          reason text)) WITH ORDINALITY ORDER BY ordinality
      LOOP
        -- JSON.stringify of the fields: a text[]'s JSON has no spaces and nulls as null, and escapes
        -- text as JSON.stringify does.
        chained := encode(sha256(convert_to(to_json(ARRAY[link,
          to_char(stamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), r.actor_kind,
          r.actor_id, r.actor_name, r.action, r.target, r.details, r.source_ip, r.request_id,
          r.reason])::text, 'UTF8')), 'hex');
        -- A row at a time, so the ids follow the chain.
        INSERT INTO audit.records (prev_hash, at, actor_kind, actor_id, actor_name, action, target,
          details, source_ip, request_id, reason, hash)
        VALUES (link, stamp, r.actor_kind, r.actor_id, r.actor_name, r.action, r.target,
          r.details::json, r.source_ip, r.request_id, r.reason, chained);
        link := chained;
      END LOOP;
    END $$`);
}

export async function dropAuditAppend(runner: QueryRunner): Promise<void> {
  await runner.query('DROP FUNCTION audit.append(json)');
}
