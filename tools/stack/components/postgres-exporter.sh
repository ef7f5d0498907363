#!/usr/bin/env bash
# Runs the PostgreSQL exporter in the foreground, as the prometheus system user when started as
# root. It connects to PostgreSQL directly (not through PgBouncer, whose transaction pooling
# would mix its sessions with the application's), as the postgres superuser.
# Readiness: curl -fsS http://127.0.0.1:9187/metrics | grep -q '^pg_up 1'
source "$(dirname "$0")/../common.sh"

user=$(gtv_service_user prometheus)
# Sets GTV_DB_ADMIN_PASSWORD & co. as plain (unexported) shell variables.
gtv_load_secrets
[ -n "${GTV_DB_ADMIN_PASSWORD:-}" ] || die "GTV_DB_ADMIN_PASSWORD missing from $GTV_SECRETS_FILE"

# The exporter builds its DSN from these three, URL-escaping the password itself, so any
# character is safe: the same as DATA_SOURCE_NAME=postgresql://postgres:<pw>@127.0.0.1:5432/postgres.
# Only this one secret is exported, and through the environment, never argv (`ps` shows argv).
# GTV_POSTGRES_HOST: PostgreSQL's name in a container network (deploy/compose), where the exporter has its own.
export DATA_SOURCE_URI="${GTV_POSTGRES_HOST:-$GTV_HOST}:$GTV_POSTGRES_PORT/postgres?sslmode=disable"
export DATA_SOURCE_USER=postgres
export DATA_SOURCE_PASS="$GTV_DB_ADMIN_PASSWORD"
unset DATA_SOURCE_NAME

gtv_as "$user" prometheus-postgres-exporter \
  --web.listen-address="$GTV_HOST:$GTV_POSTGRES_EXPORTER_PORT"
