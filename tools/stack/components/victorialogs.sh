#!/usr/bin/env bash
# Runs VictoriaLogs (tools/install/victorialogs.sh), the store of every component's log, in the foreground, as
# the prometheus system user when started as root. vlagent (tools/stack/components/vlagent.sh) feeds it.
# Its web UI (/select/vmui/) and LogsQL API (/select/logsql/query) answer on the loopback only, and only with
# HTTP basic auth (user gtv, password GTV_VICTORIALOGS_PASSWORD of secrets.env); /health needs none.
# Retention is bounded by age and by disk: whichever limit is reached first drops the oldest days.
# Readiness: GET /health. SIGTERM flushes what it buffers and exits.
source "$(dirname "$0")/../common.sh"
source "$GTV_ROOT/tools/install/versions.sh"

bin=$(gtv_runnable_copy "$GTV_CACHE/bin/victoria-logs-$VICTORIALOGS_VERSION" victoria-logs)
user=$(gtv_service_user prometheus)
dir="$GTV_STATE/victorialogs"
gtv_state_dir "$dir" "$user"
gtv_load_secrets
[ -n "${GTV_VICTORIALOGS_PASSWORD:-}" ] || die "GTV_VICTORIALOGS_PASSWORD missing from $GTV_SECRETS_FILE"
# Read from a file (file:// below), never argv, which `ps` shows.
gtv_install_private <(printf '%s' "$GTV_VICTORIALOGS_PASSWORD") "$dir/http-password" "$user"

# Memory is capped: its default (60 % of RAM for caches) is meant for a host of its own.
gtv_as "$user" "$bin" \
  -httpListenAddr="$GTV_HOST:$GTV_VICTORIALOGS_PORT" \
  -httpAuth.username=gtv -httpAuth.password="file://$dir/http-password" \
  -storageDataPath="$dir/data" \
  -retentionPeriod="${GTV_LOG_RETENTION:-7d}" \
  -retention.maxDiskSpaceUsageBytes="${GTV_LOG_MAX_DISK:-2GiB}" \
  -memory.allowedBytes=256MiB \
  -loggerFormat=json
