#!/usr/bin/env bash
# NATS server with JetStream in the foreground, for process-compose.
# SIGTERM: immediate clean shutdown (JetStream state flushed); SIGUSR2 would enter lame-duck mode.
source "$(dirname "$0")/../common.sh"

dir="$GTV_STATE/nats"
user=$(gtv_service_user nats)

gtv_state_dir "$dir" "$user"
gtv_load_secrets
# The service user may not be able to traverse the checkout, so it reads a copy.
gtv_install_private "$GTV_ROOT/deploy/single-node/nats/nats.conf" "$dir/nats.conf" "$user"
# The users' passwords, as config variables that nats.conf includes: quoted, so that no password
# is ever read as a number, and kept out of the server's environment.
umask 077
{
  for var in $(compgen -v GTV_NATS_ | grep '_PASSWORD$'); do
    printf '%s: "%s"\n' "$var" "${!var}"
  done
} >"$dir/passwords.conf.new"
gtv_install_private "$dir/passwords.conf.new" "$dir/passwords.conf" "$user"
rm -f "$dir/passwords.conf.new"

export GTV_HOST GTV_NATS_PORT
export GTV_NATS_HTTP_ADDR="$GTV_HOST:$GTV_NATS_MONITOR_PORT"
export GTV_NATS_STORE_DIR="$dir"
gtv_as "$user" /usr/sbin/nats-server --config "$dir/nats.conf"
