#!/usr/bin/env bash
# Rotation of the logs process-compose does not rotate itself (every component's log is rotated by the
# supervisor: log_configuration.rotation in process-compose.yaml, same limits):
#   supervisor.log        the supervisor's own log, which it truncates whenever it starts
#   supervisor-start.log  the output of starting it in the background
#   applied.log           what each `up` on a running stack restarted (tools/stack/apply.sh)
#   tools/stack/rotate-logs.sh start     before the supervisor starts: set the current ones aside
#   tools/stack/rotate-logs.sh running   while it runs: set aside only those past the size limit
# A log set aside becomes <name>-<UTC time>.log.gz beside it (the naming of the components' rotated logs);
# at most GTV_LOG_BACKUPS (5) are kept per log, none older than GTV_LOG_MAX_AGE_DAYS (14).
source "$(dirname "$0")/../install/lib.sh"

logs="$GTV_STATE/logs"
max_bytes=$(( ${GTV_LOG_MAX_SIZE_MB:-20} * 1024 * 1024 ))
backups=${GTV_LOG_BACKUPS:-5}
max_age=${GTV_LOG_MAX_AGE_DAYS:-14}

# Copy then truncate, rather than rename: the supervisor keeps writing to its open file, and since it opened
# it with O_APPEND, its next line lands at the start of the emptied file. Lines written between the copy and
# the truncation are lost; the window is a few milliseconds.
set_aside() {
  local log=$1 base=${1%.log}
  [ -s "$log" ] || return 0
  local dest
  dest="$base-$(date -u +%Y-%m-%dT%H-%M-%S.%3N).log"
  cp -p "$log" "$dest" && : >"$log" && gzip -f "$dest"
}

prune() {
  local base=${1%.log}
  find "$logs" -maxdepth 1 -name "$(basename "$base")-[0-9]*.log.gz" -mtime +"$max_age" -delete
  # Newest first (the names sort by time); everything past the first $backups goes.
  find "$logs" -maxdepth 1 -name "$(basename "$base")-[0-9]*.log.gz" -printf '%f\n' | LC_ALL=C sort -r |
    tail -n +$((backups + 1)) | while read -r old; do rm -f "$logs/$old"; done
}

mkdir -p "$logs"
for log in "$logs/supervisor.log" "$logs/supervisor-start.log" "$logs/applied.log"; do
  case "${1:-}" in
    start) set_aside "$log" ;;
    running) [ ! -f "$log" ] || [ "$(stat -c %s "$log")" -le "$max_bytes" ] || set_aside "$log" ;;
    *) die "usage: $0 start | running" ;;
  esac
  prune "$log"
done
