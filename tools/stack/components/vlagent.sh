#!/usr/bin/env bash
# Runs vlagent (tools/install/victorialogs.sh), which tails every component's log in $GTV_STATE/logs into
# VictoriaLogs, in the foreground. Each line gets the field component=<name> (its stream): the services' JSON
# lines keep their fields (req.id, the edge's request id; traceId; level; service), the other components'
# lines are stored as the message. Files are named by the processes of process-compose.yaml, the supervisor's
# own logs beside them (supervisor.log, applied.log), rather than by a wildcard, which would also read rotated
# copies again. A file that does not exist yet is looked for again every 10 s.
# It remembers how far it read each file (a checkpoint file), so a restart neither loses nor repeats lines;
# while VictoriaLogs is down it buffers on disk (bounded).
# Runs as root: it reads logs written by the supervisor (root) for components running as other users;
# it listens on the loopback only, behind the same basic auth as VictoriaLogs. Readiness: GET /health.
source "$(dirname "$0")/../common.sh"
source "$GTV_ROOT/tools/install/versions.sh"

bin=$(gtv_runnable_copy "$GTV_CACHE/bin/vlagent-$VICTORIALOGS_VERSION" vlagent)
dir="$GTV_STATE/vlagent"
gtv_state_dir "$dir" root
gtv_load_secrets
[ -n "${GTV_VICTORIALOGS_PASSWORD:-}" ] || die "GTV_VICTORIALOGS_PASSWORD missing from $GTV_SECRETS_FILE"
gtv_install_private <(printf '%s' "$GTV_VICTORIALOGS_PASSWORD") "$dir/http-password" root

components=$(awk '/^processes:/ { inside = 1; next }
  inside && /^  [a-z][a-z0-9-]*:[[:space:]]*$/ { sub(":.*", "", $1); print $1 }' \
  "$GTV_ROOT/deploy/single-node/process-compose.yaml")
[ -n "$components" ] || die "no process found in process-compose.yaml"
files=()
for name in $components supervisor applied; do
  files+=(-fileCollector.glob="$GTV_STATE/logs/$name.log" -fileCollector.extraFields="{\"component\":\"$name\"}")
done

exec "$bin" \
  -httpListenAddr="$GTV_HOST:$GTV_VLAGENT_PORT" \
  -httpAuth.username=gtv -httpAuth.password="file://$dir/http-password" \
  -tmpDataPath="$dir/data" \
  -remoteWrite.url="http://$GTV_HOST:$GTV_VICTORIALOGS_PORT/internal/insert" \
  -remoteWrite.basicAuth.username=gtv -remoteWrite.basicAuth.passwordFile="$dir/http-password" \
  -remoteWrite.maxDiskUsagePerURL=1GiB \
  "${files[@]}" \
  -fileCollector.streamFields=component \
  -fileCollector.hostnameField= \
  -memory.allowedBytes=128MiB \
  -loggerFormat=json
