#!/usr/bin/env bash
# Memory of the running compose deployment, counted as tools/stack/memory.sh counts the process stack: the PSS
# of every process of each container (from /proc/<pid>/smaps_rollup on the host), one line per container,
# then podman's own conmon monitors and the total. Run as root.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
pss_kb() { awk '/^Pss:/ { print $2; exit }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

containers=$(podman ps --filter "label=io.podman.compose.project=$project" --format '{{.Names}}' | sort)
[ -n "$containers" ] || die "no container of $project is running (deploy/compose/up.sh)"
total=0 count=0 monitors=0 monitor_count=0
printf '%-36s %6s %9s\n' CONTAINER PROCS PSS_MB
for ctr in $containers; do
  sum=0 n=0
  # hpid: the processes' ids on the host, where their smaps_rollup is.
  for pid in $(podman top "$ctr" hpid | tail -n +2); do
    sum=$((sum + $(pss_kb "$pid"))) n=$((n + 1))
  done
  printf '%-36s %6d %9s\n' "$ctr" "$n" "$(mb "$sum")"
  total=$((total + sum)) count=$((count + n))
  conmon=$(podman inspect -f '{{.State.ConmonPid}}' "$ctr")
  monitors=$((monitors + $(pss_kb "$conmon"))) monitor_count=$((monitor_count + 1))
done
printf '%-36s %6d %9s\n' "(conmon monitors)" "$monitor_count" "$(mb "$monitors")"
printf '%-36s %6d %9s\n' TOTAL $((count + monitor_count)) "$(mb $((total + monitors)))"
