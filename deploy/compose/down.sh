#!/usr/bin/env bash
# Stops and removes the GT-Vision containers (deploy/compose/up.sh); the named volumes (database, recordings,
# Kafka) are kept. GTV_COMPOSE_PURGE=1 removes them too.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"
log="$GTV_CACHE/logs/compose-down.log"
down_failed=0
compose down ${GTV_COMPOSE_PURGE:+--volumes} >>"$log" 2>&1 || down_failed=1
# A container that its restart policy was bringing back while compose removed the others survives it (seen:
# analytics restarting once PgBouncer was gone), and keeps the project's pod and network in use: removed here.
leftover=$(podman ps -aq --filter "label=io.podman.compose.project=$project")
if [ -n "$leftover" ]; then
  # shellcheck disable=SC2086
  podman rm -f $leftover >>"$log" 2>&1 || true
  podman pod rm -f "pod_$project" >>"$log" 2>&1 || true
  podman network rm -f "${project}_default" >>"$log" 2>&1 || true
  [ -z "${GTV_COMPOSE_PURGE:-}" ] || compose down --volumes >>"$log" 2>&1 || true
fi
[ -z "$(podman ps -aq --filter "label=io.podman.compose.project=$project")" ] ||
  { tail -n 30 "$log" >&2; die "containers of $project are left: podman ps -a"; }
[ "$down_failed" = 0 ] || note "podman-compose down failed ($log); what it left was removed"
step "GT-Vision containers removed"
