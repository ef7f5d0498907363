#!/usr/bin/env bash
# Runs the Prometheus PgBouncer exporter (tools/install/pgbouncer-exporter.sh) in the foreground, as the
# prometheus system user when started as root: pools (clients active and waiting, server connections),
# SHOW STATS totals, lists and config, read on each scrape as PgBouncer's stats user (pgbouncer.ini
# stats_users) over a fresh connection. Readiness: GET /metrics. It keeps no state.
source "$(dirname "$0")/../common.sh"
source "$GTV_ROOT/tools/install/versions.sh"

bin=$(gtv_runnable_copy "$GTV_CACHE/bin/pgbouncer-exporter-$PGBOUNCER_EXPORTER_VERSION" pgbouncer-exporter)
user=$(gtv_service_user prometheus)
gtv_load_secrets
[ -n "${GTV_PGBOUNCER_STATS_PASSWORD:-}" ] || die "GTV_PGBOUNCER_STATS_PASSWORD missing from $GTV_SECRETS_FILE"
# lib/pq reads the password from the environment: never argv, which `ps` shows. PgBouncer's admin console
# (database "pgbouncer") speaks no TLS on the loopback, nor on a container network (GTV_PGBOUNCER_HOST,
# deploy/compose).
export PGPASSWORD="$GTV_PGBOUNCER_STATS_PASSWORD"
export PGBOUNCER_EXPORTER_CONNECTION_STRING="postgres://pgbouncer_stats@${GTV_PGBOUNCER_HOST:-$GTV_HOST}:$GTV_PGBOUNCER_PORT/pgbouncer?sslmode=disable"

gtv_as "$user" "$bin" --web.listen-address="$GTV_HOST:$GTV_PGBOUNCER_EXPORTER_PORT"
