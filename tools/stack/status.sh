#!/usr/bin/env bash
# One screen on the running stack (tools/gtv status): every component with its state, readiness, restarts,
# uptime and pid as the supervisor sees them, then the edge's view of each backend server (HAProxy's stats
# CSV: UP/DOWN, last check, since when). Exit status 0 when every component is ready and every server UP,
# 1 otherwise, 3 when the stack is not running. Needs PC_BIN.
source "$(dirname "$0")/common.sh"
source "$GTV_ROOT/tools/stack/supervisor.sh"

states=$(pc_states) || { note "stack is not running ($GTV_STATE)"; exit 3; }
healthy=0

# Uptime from process-compose's "age" (a Go duration in nanoseconds).
printf '%-20s %-11s %-10s %8s %9s %8s\n' COMPONENT STATE READY RESTARTS UPTIME PID
jq -r '.[] | [.name, .status, .is_ready, .restarts, (.age / 1e9 | floor), .pid] | @tsv' <<<"$states" |
  sort -t$'\t' -k1,1 |
  while IFS=$'\t' read -r name state ready restarts age pid; do
    if [ "$state" = Running ] || [ "$state" = Completed ]; then
      uptime=$(printf '%dd%02dh%02dm' $((age / 86400)) $((age % 86400 / 3600)) $((age % 3600 / 60)) | sed 's/^0d//;s/^00h//')
    else
      uptime=-
    fi
    [ "$pid" != 0 ] || pid=-
    printf '%-20s %-11s %-10s %8s %9s %8s\n' "$name" "$state" "$ready" "$restarts" "$uptime" "$pid"
  done
jq -e "all(.[]; $JQ_DONE)" <<<"$states" >/dev/null || healthy=1

echo
# Stats CSV columns (HAProxy management guide, 9.1): 1 pxname, 2 svname, 18 status, 24 lastchg (s), 37 check_status.
csv=$(curl -fsS --max-time 3 "http://$GTV_HOST:$GTV_HAPROXY_STATS_PORT/stats;csv" 2>/dev/null) || {
  echo "edge: HAProxy stats do not answer on :$GTV_HAPROXY_STATS_PORT"
  exit 1
}
printf '%-22s %-18s %-8s %-10s %s\n' BACKEND SERVER STATUS CHECK SINCE
while IFS=, read -r -a f; do
  case "${f[0]}" in '#'* | fe_* | '' ) continue ;; esac
  [ "${f[1]}" = FRONTEND ] && continue
  # The BACKEND rows summarise their servers; only backends without servers (static answers) are shown.
  [ "${f[1]}" = BACKEND ] && grep -q "^${f[0]},[^B]" <<<"$csv" && continue
  lastchg=${f[23]:-0}
  printf '%-22s %-18s %-8s %-10s %s\n' "${f[0]}" "${f[1]}" "${f[17]}" "${f[36]:--}" \
    "$(printf '%dh%02dm' $((lastchg / 3600)) $((lastchg % 3600 / 60)))"
  case "${f[17]}" in UP | 'UP '* | no\ check | OPEN) ;; *) healthy=1 ;; esac
done <<<"$csv"
exit "$healthy"
