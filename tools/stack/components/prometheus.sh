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

# Every target of prometheus.yml is on 127.0.0.1, and Prometheus expands no variable in targets. In a container
# network (deploy/compose) GTV_PROMETHEUS_TARGETS names where each job's component is instead:
#   GTV_PROMETHEUS_TARGETS="job=name:port ..."   (the alerting section's target is job alertmanager)
# Each named job's target becomes a DNS lookup of that name (every replica of a scaled service is a target of
# its own); a job it does not name is left out, as the component is not deployed there (ScrapeTargetMissing
# says so). GTV_PROMETHEUS_DEPLOYMENT replaces the external label `deployment`.
render_config() {
  [ -n "${GTV_PROMETHEUS_TARGETS:-}" ] || { cat "$1"; return; }
  awk -v targets="$GTV_PROMETHEUS_TARGETS" -v deployment="${GTV_PROMETHEUS_DEPLOYMENT:-}" '
    BEGIN {
      n = split(targets, entry, " ")
      for (i = 1; i <= n; i++) { split(entry[i], kv, "="); target[kv[1]] = kv[2] }
    }
    # key: the job the following lines belong to; skip: that job is not deployed.
    /^[a-z_]+:/ { key = ""; skip = 0; if ($1 == "alerting:") { key = "alertmanager"; skip = !(key in target) } }
    /^  - job_name: / { key = $3; skip = !(key in target) }
    skip { next }
    deployment != "" && /^    deployment: / { sub(/deployment: .*/, "deployment: " deployment) }
    key != "" && /static_configs:/ { sub(/static_configs:/, "dns_sd_configs:") }
    key != "" && /- targets: \["127\.0\.0\.1:[0-9]+"\]$/ {
      split(target[key], hp, ":")
      sub(/targets: .*/, "{ names: [\"" hp[1] "\"], type: A, port: " hp[2] " }")
    }
    { print }
  ' "$1"
}
gtv_install_private <(render_config "$src/prometheus.yml") "$dir/config/prometheus.yml" "$user"
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
