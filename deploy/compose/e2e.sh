#!/usr/bin/env bash
# The integration suite (apps/stack-e2e) against the compose deployment, through its edge:
#   deploy/compose/e2e.sh                  up.sh, the specs that apply to compose, down.sh; exit status of jest
#   deploy/compose/e2e.sh <regex>          only the specs whose path matches <regex>
#   GTV_COMPOSE_KEEP=1                     leave the deployment up afterwards
# The suite finds the stack under test as on the process stack: secrets and the edge's CA in $GTV_STATE (here
# $GTV_COMPOSE_STATE), the edge on 127.0.0.1 (GTV_EDGE_URL, GTV_EDGE_HTTPS_URL), MediaMTX's API and RTSP, NATS,
# PostgreSQL, Redis, Prometheus, Alertmanager and Jaeger on their usual ports, which deploy/compose/e2e.yaml
# publishes on 127.0.0.1 for this run only. GTV_DEPLOYMENT=compose has it stop, start, crash and read the logs
# of components as podman does (apps/stack-e2e/src/support/deployment.ts): containers of this project.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"

# Specs that need what only the process stack gives, and why (left out of the default run):
#   logs                  VictoriaLogs and vlagent, which compose does not run (its logs are podman's)
skipped='logs'
pattern=${1:-}
if [ -z "$pattern" ]; then
  pattern=$(cd "$GTV_ROOT/apps/stack-e2e/src" && ls ./*.spec.ts | sed 's|^\./||; s|\.spec\.ts$||' |
    grep -Evx "$skipped" | paste -sd'|')
  pattern="/($pattern)\\.spec\\.ts\$"
fi

export GTV_COMPOSE_EXTRA_FILES="$GTV_ROOT/deploy/compose/e2e.yaml"
# The demo cameras of the process stack, which the suite is written for (camera-stall.spec pauses camera 3).
export GTV_DEMO_CAMERAS=${GTV_DEMO_CAMERAS:-4}
# e2e.yaml binds the snapshots volume to this directory; a volume left by a run without it is recreated.
snapshots="$GTV_COMPOSE_STATE/snapshots"
install -d -o 10001 -g 10001 "$snapshots"
if podman volume exists "${project}_snapshots" &&
  [ "$(podman volume inspect -f '{{index .Options "device"}}' "${project}_snapshots")" != "$snapshots" ]; then
  podman volume rm "${project}_snapshots" >/dev/null ||
    die "volume ${project}_snapshots is in use and not bound to $snapshots: run deploy/compose/down.sh"
fi
if [ -z "${GTV_COMPOSE_KEEP:-}" ] || [ -z "$(containers_of haproxy)" ]; then
  "$GTV_ROOT/deploy/compose/up.sh" || { "$GTV_ROOT/deploy/compose/down.sh"; exit 1; }
fi
status=0
(
  cd "$GTV_ROOT" &&
    PATH="$("$GTV_ROOT/tools/install/node.sh"):$PATH" NX_NO_CLOUD=true NX_DAEMON=false GTV_STATE="$GTV_COMPOSE_STATE" \
      GTV_DEPLOYMENT=compose GTV_COMPOSE_PROJECT="$project" \
      GTV_EDGE_URL="http://127.0.0.1:${GTV_EDGE_HTTP_PORT:-80}" \
      GTV_EDGE_HTTPS_URL="https://localhost:${GTV_EDGE_HTTPS_PORT:-443}" \
      GTV_MEDIAMTX_API_URL="http://127.0.0.1:${GTV_MEDIAMTX_API_PORT:-9997}" \
      GTV_NATS_URL="nats://127.0.0.1:${GTV_NATS_PORT:-4222}" \
      GTV_NATS_MONITOR_URL="http://127.0.0.1:${GTV_NATS_MONITOR_PORT:-8222}" \
      GTV_PROMETHEUS_URL="http://127.0.0.1:${GTV_PROMETHEUS_PORT:-9090}" \
      GTV_ALERTMANAGER_URL="http://127.0.0.1:${GTV_ALERTMANAGER_PORT:-9095}" \
      GTV_JAEGER_URL="http://127.0.0.1:${GTV_JAEGER_UI_PORT:-16686}" \
      GTV_KAFKA_BROKER="127.0.0.1:${GTV_COMPOSE_KAFKA_HOST_PORT:-19092}" \
      npx nx run stack-e2e:e2e --output-style=static -- --testPathPatterns "$pattern"
) || status=$?
[ -n "${GTV_COMPOSE_KEEP:-}" ] || "$GTV_ROOT/deploy/compose/down.sh"
exit "$status"
