#!/usr/bin/env bash
# Runs Prometheus in the foreground for process-compose, as the prometheus system user when
# started as root. Readiness: curl -fsS http://127.0.0.1:9090/-/ready
# Config changes: re-run this script (it copies the files), or copy them and POST /-/reload.
source "$(dirname "$0")/../common.sh"

dir="$GTV_STATE/prometheus"
user=$(gtv_service_user prometheus)
gtv_state_dir "$dir" "$user"
mkdir -p "$dir/config" "$dir/data"
if [ "$(id -u)" -eq 0 ]; then chown "$user:" "$dir/config" "$dir/data"; fi

# The service user may not be able to traverse the checkout, so it reads a copy; alerts.yml sits
# beside prometheus.yml because rule_files are resolved relative to the config file.
src="$GTV_ROOT/observability/prometheus"
gtv_install_private "$src/alerts.yml" "$dir/config/alerts.yml" "$user"

# In a container network (deploy/compose) the targets are where GTV_PROMETHEUS_TARGETS says.
gtv_install_private <("$GTV_ROOT/tools/stack/prometheus-config.sh" "$src/prometheus.yml") \
  "$dir/config/prometheus.yml" "$user"
# The bearer token the services' /metrics require (prometheus.yml names it service-token).
gtv_load_secrets
gtv_install_private <(printf '%s' "$GTV_INTERNAL_SERVICE_TOKEN") "$dir/config/service-token" "$user"
# The basic-auth password of VictoriaLogs and vlagent, whose /metrics sit behind it.
gtv_install_private <(printf '%s' "$GTV_VICTORIALOGS_PASSWORD") "$dir/config/victorialogs-password" "$user"
# Refuse to start on a broken config or rule file, with promtool's message.
promtool check config "$dir/config/prometheus.yml" >/dev/null \
  || die "invalid $src/prometheus.yml or alerts.yml (promtool check config $src/prometheus.yml)"

# --web.enable-lifecycle: POST /-/reload applies edited files without a restart or a gap in the
# data; it also enables /-/quit, one more reason to listen on loopback only.
gtv_as "$user" prometheus \
  --config.file="$dir/config/prometheus.yml" \
  --storage.tsdb.path="$dir/data" \
  --storage.tsdb.retention.time=7d \
  --web.listen-address="$GTV_HOST:$GTV_PROMETHEUS_PORT" \
  --web.enable-lifecycle
