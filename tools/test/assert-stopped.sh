#!/usr/bin/env bash
# Fails if any process of the stack outlived `gtv down`: a listener on one of the stack's ports,
# or a process whose command line mentions the stack's state directory or this checkout.
source "$(dirname "$0")/../install/lib.sh"
source "$GTV_ROOT/tools/stack/ports.sh"

# Zombies (exited, not yet reaped by init) hold no resources; ignore them.
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

survivors() {
left=()
while IFS='=' read -r name _; do
  case "$name" in GTV_*_PORT) port=${!name} ;; *) continue ;; esac
  if ss -Hltn "sport = :$port" | grep -q .; then left+=("port $port ($name)"); fi
done <"$GTV_PORTS_FILE"
while read -r pid; do
  [ "$pid" = $$ ] && continue
  alive "$pid" || continue
  left+=("pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)")
done < <(pgrep -f -- "$GTV_STATE/|$GTV_ROOT/(dist|tools/stack)|process-compose|mediamtx-v|kafka.Kafka" || true)
}

# A process may still be finishing its exit right after `down` returns: allow a few seconds.
for _ in $(seq 10); do
  survivors
  [ ${#left[@]} -eq 0 ] && break
  sleep 1
done

if [ ${#left[@]} -gt 0 ]; then
  printf '  still running: %s\n' "${left[@]}" >&2
  die "down left ${#left[@]} thing(s) running"
fi
note "no process of the stack is left"
