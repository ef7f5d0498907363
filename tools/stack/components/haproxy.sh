#!/usr/bin/env bash
# Runs the HAProxy edge in the foreground for process-compose.
# Master-worker (-W): the master keeps root (to bind :80 and re-exec on reload), workers drop to
# the haproxy user; reload = `kill -USR2 <master pid>` (new worker, the old one drains).
# -db: no daemon, logs on stdout. Readiness: curl -fsS http://127.0.0.1:8404/healthz
source "$(dirname "$0")/../common.sh"

# haproxy.cfg expands "${GTV_EDGE_HTTP_PORT}" etc. itself: common.sh exported the port map (ports.sh).

export GTV_HAPROXY_RUN_DIR="$GTV_STATE/haproxy"
# Root only: it holds the admin socket of the runtime API, created by the master before it drops.
gtv_state_root
mkdir -p "$GTV_HAPROXY_RUN_DIR"
chmod 700 "$GTV_HAPROXY_RUN_DIR"
# Workers run as the haproxy system user when started as root, else as whoever runs the stack.
export GTV_HAPROXY_USER GTV_HAPROXY_GROUP
GTV_HAPROXY_USER=$(gtv_service_user haproxy)
GTV_HAPROXY_GROUP=$(id -gn "$GTV_HAPROXY_USER")

# The HTTPS listener's certificate: the operator's own (GTV_TLS_PEM) or the local CA's (tools/stack/tls.sh).
GTV_TLS_PEM=$("$GTV_ROOT/tools/stack/tls.sh") || die "no TLS certificate for the edge"
export GTV_TLS_PEM

cfg="$GTV_ROOT/haproxy/haproxy.cfg"
if [ "$GTV_EDGE_HTTP_PORT" -lt 1024 ] && [ "$(id -u)" -ne 0 ]; then
  note "port $GTV_EDGE_HTTP_PORT needs root, or: setcap cap_net_bind_service=+ep $(command -v haproxy)"
fi
# Fail with HAProxy's own message rather than a half-started process when the config is broken.
haproxy -c -f "$cfg" >/dev/null || die "invalid $cfg"
exec haproxy -W -db -f "$cfg"
