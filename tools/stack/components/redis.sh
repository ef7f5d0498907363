#!/usr/bin/env bash
# Redis in the foreground, for process-compose. Renders the repository's redis.conf plus
# bind/port/dir/requirepass into $GTV_STATE/redis/redis.conf (0600), then execs.
# SIGTERM: Redis fsyncs the AOF and exits.
source "$(dirname "$0")/../common.sh"

dir="$GTV_STATE/redis"
user=$(gtv_service_user redis)

gtv_state_dir "$dir" "$user"
gtv_load_secrets

umask 077
{
  cat "$GTV_ROOT/deploy/single-node/redis/redis.conf"
  printf 'bind %s\n' "$GTV_HOST"
  printf 'port %s\n' "$GTV_REDIS_PORT"
  printf 'dir %s\n' "$dir"
  printf 'requirepass "%s"\n' "$GTV_REDIS_PASSWORD"
} >"$dir/redis.conf.new"
gtv_install_private "$dir/redis.conf.new" "$dir/redis.conf" "$user"
rm -f "$dir/redis.conf.new"

gtv_as "$user" /usr/bin/redis-server "$dir/redis.conf"
