#!/usr/bin/env bash
# Fails if any process of the stack outlived `gtv down`: a listener on one of the stack's ports,
# or a process whose command line mentions the stack's state directory or this checkout.
source "$(dirname "$0")/../install/lib.sh"
source "$GTV_ROOT/tools/stack/ports.env"

left=()
while IFS='=' read -r name port; do
  case "$name" in GTV_*_PORT) ;; *) continue ;; esac
  if ss -Hltn "sport = :$port" | grep -q .; then left+=("port $port ($name)"); fi
done <"$GTV_ROOT/tools/stack/ports.env"
while read -r pid; do
  [ "$pid" = $$ ] && continue
  left+=("pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)")
done < <(pgrep -f -- "$GTV_STATE/|$GTV_ROOT/(dist|tools/stack)|process-compose|mediamtx-v|kafka.Kafka" || true)

if [ ${#left[@]} -gt 0 ]; then
  printf '  still running: %s\n' "${left[@]}" >&2
  die "down left ${#left[@]} thing(s) running"
fi
note "no process of the stack is left"
