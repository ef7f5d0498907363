#!/usr/bin/env bash
# Brings GT-Vision up as containers on this server (compose.yaml) and waits until every component is healthy:
#   deploy/compose/up.sh            (images from deploy/containers/build.sh)
#   GTV_DEMO_CAMERAS=2              demo cameras served by the simulator and registered once it is up
#   GTV_COMPOSE_STATE=/var/lib/gtv-compose   secrets and the edge's certificate (as $GTV_STATE on the single node)
#   GTV_COMPOSE_SUBNET=10.89.240.0/24        the containers' network, which they trust each other by
# The secrets are the single node's, generated once into $GTV_COMPOSE_STATE (compose_prepare_secrets); each
# service gets only its own, one file per value.
# Start order: podman-compose honours `service_healthy` only on podman >= 4.6 (Debian 12 has 4.3), and podman
# 4.3 runs health checks from systemd timers this machine may not have. So this script starts the services one
# dependency level at a time itself, running each dependency's health check until it passes.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"

gtv_base_image
# Processes (threads, counted per uid: the services share 10001): conmon runs the containers with at most 32768
# here whatever this shell's limit, and runc may not raise a limit above conmon's own.
GTV_COMPOSE_NOFILE=$(ulimit -Hn) GTV_COMPOSE_NPROC=$(ulimit -Hu)
[ "$GTV_COMPOSE_NPROC" != unlimited ] && [ "$GTV_COMPOSE_NPROC" -le 32768 ] || GTV_COMPOSE_NPROC=32768
export GTV_COMPOSE_NOFILE GTV_COMPOSE_NPROC

compose_prepare_secrets
compose_network_check

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
wait_routed
# The simulator's feeds as cameras, through the published edge as on the single node (tools/gtv up), with
# this deployment's secrets. Their source URLs name the simulator's container, which MediaMTX pulls them from.
step "Registering the demo cameras"
demo=$(GTV_STATE=$GTV_COMPOSE_STATE GTV_DEMO_CAMERAS=${GTV_DEMO_CAMERAS:-2} \
  GTV_SIMULATOR_RTSP_HOST=camera-simulator GTV_SIMULATOR_RTSP_PORT=8654 \
  "$GTV_ROOT/tools/stack/register-demo-cameras.sh") || die "could not register the demo cameras"
step "GT-Vision is up in containers ($((SECONDS - start)) s): https://localhost:${GTV_EDGE_HTTPS_PORT:-443}/"
note "demo camera: https://localhost:${GTV_EDGE_HTTPS_PORT:-443}/hls/$demo/index.m3u8"
note "admin login: admin / GTV_ADMIN_PASSWORD in $GTV_COMPOSE_STATE/secrets.env"
