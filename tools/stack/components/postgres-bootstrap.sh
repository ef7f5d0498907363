#!/usr/bin/env bash
# Creates the application's role and database once PostgreSQL is up; safe on every `up`.
# - role gtvision: LOGIN, not a superuser, password GTV_DB_PASSWORD;
# - database gtvision owned by gtvision;
# - superuser postgres: password GTV_DB_ADMIN_PASSWORD (for TCP logins: exporters, tests).
# Passwords are stored as SCRAM secrets computed here (see common.sh), so the plaintext
# never reaches the server or its logs, and gtvision's secret is the very one PgBouncer's
# auth_file holds. A password changed in secrets.env is applied on the next run.
# Exits 0 when done: process-compose runs it once per `up` (a one-shot process).
source "$(dirname "$0")/../common.sh"

PG_BIN=${GTV_PG_BIN:-/usr/lib/postgresql/15/bin}
run="$GTV_STATE/postgres/run"
user=$(gtv_service_user postgres)
timeout=${GTV_POSTGRES_BOOTSTRAP_TIMEOUT:-60}

gtv_load_secrets
app_secret=$(GTV_SCRAM_PASSWORD=$GTV_DB_PASSWORD gtv_scram_secret "$GTV_DB_SCRAM_SALT")
admin_secret=$(GTV_SCRAM_PASSWORD=$GTV_DB_ADMIN_PASSWORD gtv_scram_secret "$GTV_DB_ADMIN_SCRAM_SALT")

gtv_wait_for "$timeout" "$PG_BIN/pg_isready" -q -h "$run" -p "$GTV_POSTGRES_PORT" ||
  die "PostgreSQL not ready on $run after ${timeout}s"

# The script goes through stdin, never argv, so the secrets do not show in `ps`.
( gtv_as "$user" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$GTV_POSTGRES_PORT" \
    -U postgres -d postgres ) <<SQL
\\set app_secret '$app_secret'
\\set admin_secret '$admin_secret'

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gtvision') AS create_role \\gset
\\if :create_role
  CREATE ROLE gtvision LOGIN;
  \\echo postgres-bootstrap: created role gtvision
\\endif
ALTER ROLE gtvision WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

SELECT rolpassword IS DISTINCT FROM :'app_secret' AS set_app FROM pg_authid WHERE rolname = 'gtvision' \\gset
\\if :set_app
  ALTER ROLE gtvision PASSWORD :'app_secret';
  \\echo postgres-bootstrap: set the password of gtvision
\\endif

SELECT rolpassword IS DISTINCT FROM :'admin_secret' AS set_admin FROM pg_authid WHERE rolname = 'postgres' \\gset
\\if :set_admin
  ALTER ROLE postgres PASSWORD :'admin_secret';
  \\echo postgres-bootstrap: set the password of postgres
\\endif

SELECT NOT EXISTS (SELECT FROM pg_database WHERE datname = 'gtvision') AS create_db \\gset
\\if :create_db
  CREATE DATABASE gtvision OWNER gtvision;
  \\echo postgres-bootstrap: created database gtvision
\\endif
ALTER DATABASE gtvision OWNER TO gtvision;
SQL
note "postgres-bootstrap: role and database gtvision ready"
