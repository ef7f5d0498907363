#!/usr/bin/env bash
# Runs Debian's prometheus-pgbouncer-exporter in the foreground, as the prometheus system user when
# started as root: pools, clients waiting, server connections and query times of PgBouncer's SHOW
# commands, read as PgBouncer's stats user (pgbouncer.ini stats_users). Readiness: GET /metrics.
source "$(dirname "$0")/../common.sh"

user=$(gtv_service_user prometheus)
gtv_load_secrets
[ -n "${GTV_PGBOUNCER_STATS_PASSWORD:-}" ] || die "GTV_PGBOUNCER_STATS_PASSWORD missing from $GTV_SECRETS_FILE"
# libpq reads the password from the environment: never argv, which `ps` shows.
export PGPASSWORD="$GTV_PGBOUNCER_STATS_PASSWORD"

gtv_as "$user" prometheus-pgbouncer-exporter \
  --host "$GTV_HOST" --port "$GTV_PGBOUNCER_EXPORTER_PORT" \
  --pgbouncer-host "$GTV_HOST" --pgbouncer-port "$GTV_PGBOUNCER_PORT" \
  --pgbouncer-user pgbouncer_stats
