#!/usr/bin/env bash
# Runs N replicas of a service of the compose deployment, e.g. frame extraction, whose replicas share the
# cameras by their leases (another replica takes a camera over within seconds of one stopping):
#   deploy/compose/scale.sh frame-extraction 2
# Adds the missing replicas (podman-compose up --scale; those running are left as they are) and waits until
# they are healthy; scaling down removes the highest-numbered ones. Stateless services only: PostgreSQL,
# Kafka, NATS and the edge run once.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"

service=${1:-} replicas=${2:-}
[ -n "$service" ] && [[ "$replicas" =~ ^[1-9][0-9]*$ ]] || die "usage: $0 <service> <replicas>"
case "$service" in
  ingest | analytics | frame-extraction) ;;
  *) die "$service is not a stateless service of compose.yaml" ;;
esac
[ -n "$(containers_of "$service")" ] || die "the compose deployment is not up: deploy/compose/up.sh"
compose up -d --no-deps --scale "$service=$replicas" "$service" >>"$GTV_CACHE/logs/compose-up.log" 2>&1 ||
  { tail -n 30 "$GTV_CACHE/logs/compose-up.log" >&2; die "podman-compose up --scale $service=$replicas failed"; }
# podman-compose leaves replicas beyond the count running.
containers_of "$service" | sort -V | tail -n +"$((replicas + 1))" | xargs -r podman rm -f >/dev/null
wait_condition "$service" service_healthy
step "$service: $replicas replica(s)"
