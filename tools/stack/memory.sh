#!/usr/bin/env bash
# Memory of the running stack, as smem reports it: the PSS (proportional set size: shared pages divided
# among the processes sharing them, so the figures add up) of every process, from /proc/<pid>/smaps_rollup.
# Prints one line per component (its process and all its descendants), then the supervisor and the total.
# Needs PC_BIN; run as root to read every process's smaps_rollup.
source "$(dirname "$0")/common.sh"
source "$GTV_ROOT/tools/stack/supervisor.sh"

states=$(pc_states) || die "the stack is not running"

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
pss_kb() { awk '/^Pss:/ { print $2; exit }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
# The pid and every descendant of it.
tree() {
  local pid=$1 child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tree "$child"; done
}

total=0 count=0
printf '%-20s %6s %9s\n' COMPONENT PROCS PSS_MB
while read -r name pid; do
  [ "$pid" -gt 0 ] || continue
  sum=0 n=0
  for p in $(tree "$pid"); do sum=$((sum + $(pss_kb "$p"))); n=$((n + 1)); done
  printf '%-20s %6d %9s\n' "$name" "$n" "$(mb "$sum")"
  total=$((total + sum)) count=$((count + n))
done < <(jq -r '.[] | "\(.name) \(.pid)"' <<<"$states" | sort)
supervisor=$(pgrep -f -- "-u $PC_SOCKET" | head -n 1)
if [ -n "$supervisor" ]; then
  sum=$(pss_kb "$supervisor")
  printf '%-20s %6d %9s\n' "(supervisor)" 1 "$(mb "$sum")"
  total=$((total + sum)) count=$((count + 1))
fi
printf '%-20s %6d %9s\n' TOTAL "$count" "$(mb "$total")"
