#!/usr/bin/env bash
# Stops and removes the GT-Vision containers (deploy/compose/up.sh); the named volumes (database, recordings,
# Kafka) are kept. GTV_COMPOSE_PURGE=1 removes them too.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"
compose down ${GTV_COMPOSE_PURGE:+--volumes} >>"$GTV_CACHE/logs/compose-down.log" 2>&1 ||
  { tail -n 30 "$GTV_CACHE/logs/compose-down.log" >&2; die "podman-compose down failed"; }
step "GT-Vision containers removed"
