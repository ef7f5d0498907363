#!/usr/bin/env bash
# Brings GT-Vision up as containers on this server (compose.yaml) and waits until every component is healthy:
#   deploy/compose/up.sh            (images from deploy/containers/build.sh)
#   GTV_DEMO_CAMERAS=2              demo cameras published by the simulator
#   GTV_COMPOSE_STATE=/var/lib/gtv-compose   secrets and the edge's certificate (as $GTV_STATE on the single node)
# The secrets are the single node's (tools/stack/secrets.sh, tools/stack/tls.sh), generated once into
# $GTV_COMPOSE_STATE; each service gets only its own, one file per value.
# Start order: podman-compose honours `service_healthy` only on podman >= 4.6 (Debian 12 has 4.3), and podman
# 4.3 runs health checks from systemd timers this machine may not have. So this script starts the services one
# dependency level at a time itself, running each dependency's health check until it passes.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"

export GTV_COMPOSE_STATE=${GTV_COMPOSE_STATE:-/var/lib/gtv-compose}
state=$GTV_COMPOSE_STATE
gtv_base_image

GTV_STATE=$state "$GTV_ROOT/tools/stack/secrets.sh"
GTV_STATE=$state "$GTV_ROOT/tools/stack/tls.sh" >/dev/null
# One file per value, readable by root only; compose mounts each into the one container that uses it.
(
  set -a
  # shellcheck disable=SC1091
  . "$state/secrets.env"
  umask 077
  out="$state/compose-secrets"
  mkdir -p "$out"
  put() { printf '%s' "$2" >"$out/$1.new" && mv -f "$out/$1.new" "$out/$1"; }
  put db-password "$GTV_DB_PASSWORD"
  put redis-password "$GTV_REDIS_PASSWORD"
  put internal-service-token "$GTV_INTERNAL_SERVICE_TOKEN"
  put encryption-key "$GTV_ENCRYPTION_KEY"
  put admin-password "$GTV_ADMIN_PASSWORD"
  put simulator-publish-password "$GTV_SIMULATOR_PUBLISH_PASSWORD"
  put simulator-rtsp-url "rtsp://simulator:$GTV_SIMULATOR_PUBLISH_PASSWORD@mediamtx:8554"
  put nats-camera-registry-password "$GTV_NATS_CAMERA_REGISTRY_PASSWORD"
  put nats-ingest-password "$GTV_NATS_INGEST_PASSWORD"
  put nats-frame-extraction-password "$GTV_NATS_FRAME_EXTRACTION_PASSWORD"
  put nats-analytics-password "$GTV_NATS_ANALYTICS_PASSWORD"
  cp -f "$GTV_JWT_PRIVATE_KEY_FILE" "$out/jwt-private.pem"
  cp -f "$GTV_JWT_PUBLIC_KEY_FILE" "$out/jwt-public.pem"
  # The services run as uid 10001 (deploy/containers/Containerfile) and read their files themselves.
  chown 10001:10001 "$out"/*
  chmod 400 "$out"/*
)

start=$SECONDS
for level in $(compose_levels); do
  services=${level//,/ }
  for service in $services; do
    for dep in $(compose_dependencies "$service"); do
      wait_condition "${dep%%=*}" "${dep#*=}"
    done
  done
  step "Starting $services"
  # shellcheck disable=SC2086
  compose up -d --no-deps $services >>"$GTV_CACHE/logs/compose-up.log" 2>&1 ||
    { tail -n 30 "$GTV_CACHE/logs/compose-up.log" >&2; die "podman-compose up $services failed"; }
done
# Then everything that has a health check, the edge last.
for service in $(compose_services); do wait_condition "$service" service_healthy; done
step "GT-Vision is up in containers ($((SECONDS - start)) s): https://localhost:${GTV_EDGE_HTTPS_PORT:-443}/"
