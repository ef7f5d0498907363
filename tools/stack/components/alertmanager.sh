#!/usr/bin/env bash
# Runs Alertmanager (Debian's prometheus-alertmanager) in the foreground for process-compose, as the
# prometheus system user when started as root. Prometheus sends it what its rules fire; it delivers
# to analytics' receiver with the internal service token. Readiness: GET /-/ready.
# Single node: no cluster (gossip) listener; silences and notification state live in its data dir.
source "$(dirname "$0")/../common.sh"

dir="$GTV_STATE/alertmanager"
user=$(gtv_service_user prometheus)
gtv_state_dir "$dir" "$user"
mkdir -p "$dir/config" "$dir/data"
if [ "$(id -u)" -eq 0 ]; then chown "$user:" "$dir/config" "$dir/data"; fi

gtv_load_secrets
gtv_install_private <(printf '%s' "$GTV_INTERNAL_SERVICE_TOKEN") "$dir/config/service-token" "$user"
src="$GTV_ROOT/observability/alertmanager/alertmanager.yml"
# GTV_ANALYTICS_HOST: analytics' name in a container network (deploy/compose), as haproxy.cfg reaches it.
rendered=$(sed -e "s|@ANALYTICS_URL@|http://${GTV_ANALYTICS_HOST:-$GTV_HOST}:$GTV_ANALYTICS_PORT|g" \
  -e "s|@SERVICE_TOKEN_FILE@|$dir/config/service-token|g" "$src")
! grep -v '^ *#' <<<"$rendered" | grep -q '@[A-Z_]*@' || die "unrendered placeholder in $src"
gtv_install_private <(printf '%s\n' "$rendered") "$dir/config/alertmanager.yml" "$user"
amtool check-config "$dir/config/alertmanager.yml" >/dev/null \
  || die "invalid $src (amtool check-config on the rendered copy in $dir/config)"

gtv_as "$user" prometheus-alertmanager \
  --config.file="$dir/config/alertmanager.yml" \
  --storage.path="$dir/data" \
  --data.retention=120h \
  --web.listen-address="$GTV_HOST:$GTV_ALERTMANAGER_PORT" \
  --cluster.listen-address=
