#!/usr/bin/env bash
# Before a stack starts: fails, naming the process, if another program already listens on a port the stack
# needs (tools/stack/ports.env). Typical culprit on a systemd Debian: a packaged daemon (nginx on :80,
# prometheus on :9090, ...) that tools/install/debian-units.sh did not stop because it was started later.
source "$(dirname "$0")/common.sh"

busy=()
while IFS='=' read -r var port; do
  case "$var" in GTV_SUPERVISOR_PORT) continue ;; GTV_*_PORT) ;; *) continue ;; esac
  proto=t
  [ "$var" = GTV_MEDIAMTX_WEBRTC_UDP_PORT ] && proto=u
  # Any address counts: the stack binds 127.0.0.1, which a wildcard listener blocks too.
  [ -n "$(ss -Hl${proto}n "sport = :$port" 2>/dev/null)" ] || continue
  # -p names the process ("users:(("nginx",pid=812,fd=6))").
  holder=$(ss -Hl${proto}np "sport = :$port" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n 1 |
    sed -E 's/users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/' || true)
  busy+=("port $port ($var) is held by ${holder:-an unknown process}")
done <"$GTV_ROOT/tools/stack/ports.env"

if [ ${#busy[@]} -gt 0 ]; then
  printf '    %s\n' "${busy[@]}" >&2
  die "${#busy[@]} port(s) the stack needs are taken; stop those programs (systemctl disable --now <unit>) or a stack running from another state directory (GTV_STATE=... tools/gtv down)"
fi
