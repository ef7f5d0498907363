#!/usr/bin/env bash
# Readiness probe of the components a plain HTTP GET cannot check (secrets, a wire protocol, a query string),
# for process-compose's readiness_probe.exec and compose's healthchecks:
#   tools/stack/probe.sh postgres|pgbouncer|redis|nats|mediamtx|waf|haproxy
# Exit 0 when ready. Reads secrets itself, so none appear in the process-compose file. Plain HTTP endpoints
# are probed by process-compose itself (http_get): no process started for them.
source "$(dirname "$0")/common.sh"

# Passwords reach the clients through their environment variables, never argv.
load() { . "$GTV_SECRETS_FILE"; }

http_ok() { curl -fsS -o /dev/null --max-time 3 "http://$GTV_HOST:$1$2"; }
# PostgreSQL's own client binaries: /usr/bin/pg_isready and psql are Debian's Perl wrappers, which start a Perl
# interpreter at every probe (every 2 s); on a loaded 2-core host that alone outran the probe's timeout.
PG_BIN=${GTV_PG_BIN:-/usr/lib/postgresql/15/bin}

case "${1:-}" in
  postgres)
    "$PG_BIN/pg_isready" -q -t 3 -h "$GTV_HOST" -p "$GTV_POSTGRES_PORT"
    ;;
  pgbouncer)
    # A real query through the pool: proves PgBouncer, its auth_file and PostgreSQL's role.
    load
    [ "$(PGPASSWORD=$GTV_DB_PASSWORD PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -X -tA -h "$GTV_HOST" \
      -p "$GTV_PGBOUNCER_PORT" -U gtvision -d gtvision -c 'select 1' 2>/dev/null)" = 1 ]
    ;;
  redis)
    load
    [ "$(REDISCLI_AUTH=$GTV_REDIS_PASSWORD timeout 3 redis-cli --no-auth-warning \
      -h "$GTV_HOST" -p "$GTV_REDIS_PORT" ping 2>/dev/null)" = PONG ]
    ;;
  nats)
    curl -fsS -o /dev/null --max-time 3 \
      "http://$GTV_HOST:$GTV_NATS_MONITOR_PORT/healthz?js-enabled-only=true"
    ;;
  mediamtx)
    # MediaMTX itself answers RTSP (OPTIONS needs no authorisation). Not its control API: every API request
    # waits for the camera-registry's authorisation (authMethod: http), so a busy or restarting registry
    # failed this probe and the supervisor restarted MediaMTX, dropping every stream (seen at 250 cameras).
    curl -fsS -o /dev/null --max-time 3 -X OPTIONS "rtsp://$GTV_HOST:$GTV_MEDIAMTX_RTSP_PORT/"
    ;;
  # Answered by the WAF's nginx itself; that it loaded ModSecurity and the rule set is checked at its start
  # (nginx -t), and that it inspects, by the stack-e2e waf spec.
  waf) http_ok "$GTV_WAF_PORT" /healthz ;;
  haproxy) http_ok "$GTV_HAPROXY_STATS_PORT" /healthz ;;
  *)
    die "usage: $0 postgres|pgbouncer|redis|nats|mediamtx|waf|haproxy"
    ;;
esac
