#!/usr/bin/env bash
# Before a stack starts: fails, naming the process, if another program already listens on a port the stack
# needs (tools/stack/ports.sh: ports.env, or the caller's override). Typical culprit on a systemd Debian: a
# packaged daemon (nginx on :80, prometheus on :9090, ...) that tools/install/debian-units.sh did not stop because it was started later.
source "$(dirname "$0")/common.sh"

busy=()
while IFS='=' read -r var _; do
  case "$var" in GTV_SUPERVISOR_PORT) continue ;; GTV_*_PORT) port=${!var} ;; *) continue ;; esac
  proto=t
  [ "$var" = GTV_MEDIAMTX_WEBRTC_UDP_PORT ] && proto=u
  # Any address counts: the stack binds 127.0.0.1, which a wildcard listener blocks too.
  [ -n "$(ss -Hl${proto}n "sport = :$port" 2>/dev/null)" ] || continue
  # -p gives the pid ("users:(("nginx",pid=812,fd=6))"); the name there is the thread's (Node's is
  # "MainThread"), so the program is named from its command line: argv[0] ("nginx: master process ..."
  # for nginx; Debian's redis-server is a link, so its executable would say redis-check-rdb).
  pid=$(ss -Hl${proto}np "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
  holder=""
  if [ -n "$pid" ]; then
    cmdline=$(tr -s '\0 ' '  ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-100 || true)
    program=$(basename "${cmdline%% *}" 2>/dev/null || true)
    holder="${program%:} (pid $pid: ${cmdline% })"
  fi
  busy+=("port $port ($var) is held by ${holder:-a process ss cannot name (not root?)}")
done <"$GTV_PORTS_FILE"

if [ ${#busy[@]} -gt 0 ]; then
  printf '    %s\n' "${busy[@]}" >&2
  die "${#busy[@]} port(s) the stack needs are taken; stop those programs (systemctl disable --now <unit>) or a stack running from another state directory (GTV_STATE=... tools/gtv down)"
fi
