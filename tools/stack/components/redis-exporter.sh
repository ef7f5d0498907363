#!/usr/bin/env bash
# Runs the Redis exporter in the foreground, as the prometheus system user when started as root.
# Readiness: curl -fsS http://127.0.0.1:9121/metrics | grep -q '^redis_up 1'
source "$(dirname "$0")/../common.sh"

user=$(gtv_service_user prometheus)
# Sets GTV_REDIS_PASSWORD & co. as plain (unexported) shell variables.
gtv_load_secrets
[ -n "${GTV_REDIS_PASSWORD:-}" ] || die "GTV_REDIS_PASSWORD missing from $GTV_SECRETS_FILE"

# GTV_REDIS_HOST: Redis's name in a container network (deploy/compose), where the exporter has its own.
# The exporter reads REDIS_PASSWORD from its environment; its -redis.password flag would show in `ps`.
export REDIS_PASSWORD="$GTV_REDIS_PASSWORD"

gtv_as "$user" prometheus-redis-exporter \
  -redis.addr="redis://${GTV_REDIS_HOST:-$GTV_HOST}:$GTV_REDIS_PORT" \
  -web.listen-address="$GTV_HOST:$GTV_REDIS_EXPORTER_PORT"
