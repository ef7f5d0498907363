#!/usr/bin/env bash
# Test of the port map (tools/stack/ports.sh) and of the scripts that use it:
#   - a port the caller sets wins over ports.env, the others keep their defaults; empty means the default;
#   - a port that is not a number in 1..65535 stops the script, naming the variable;
#   - no script reads ports.env by itself (each goes through ports.sh, so none can undo the override);
#   - check-ports.sh checks the overridden port and names the process holding it.
source "$(dirname "$0")/../install/lib.sh"

tmp=$(mktemp -d)
holder=""
cleanup() {
  [ -z "$holder" ] || kill "$holder" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ports="$GTV_ROOT/tools/stack/ports.sh"
# The port map as a clean shell sees it with the environment "$@": "<simulator> <edge> <exported?>".
map() {
  env -i PATH="$PATH" "$@" bash -c 'source "$1" && printf "%s %s %s" "$GTV_SIMULATOR_PORT" "$GTV_EDGE_HTTP_PORT" \
    "$(bash -c "echo \${GTV_SIMULATOR_PORT:-unexported}")"' _ "$ports"
}
default_sim=$(sed -n 's/^GTV_SIMULATOR_PORT=//p' "$GTV_ROOT/tools/stack/ports.env")
default_edge=$(sed -n 's/^GTV_EDGE_HTTP_PORT=//p' "$GTV_ROOT/tools/stack/ports.env")

[ "$(map)" = "$default_sim $default_edge $default_sim" ] || fail "defaults: $(map)"
[ "$(map GTV_SIMULATOR_PORT=3020)" = "3020 $default_edge 3020" ] || fail "override: $(map GTV_SIMULATOR_PORT=3020)"
[ "$(map GTV_SIMULATOR_PORT=)" = "$default_sim $default_edge $default_sim" ] || fail "empty: $(map GTV_SIMULATOR_PORT=)"
for bad in abc 0 70000 80x; do
  if out=$(map GTV_EDGE_HTTP_PORT=$bad 2>&1); then fail "GTV_EDGE_HTTP_PORT=$bad accepted: $out"; fi
  grep -q "GTV_EDGE_HTTP_PORT=$bad is not a port" <<<"$out" || fail "GTV_EDGE_HTTP_PORT=$bad: $out"
done

# Sourcing ports.env anywhere else would put its defaults back over the caller's ports.
direct=$(grep -rnE '^[^#]*(source|\.) [^#]*ports\.env' "$GTV_ROOT/tools" || true)
[ -z "$direct" ] || fail "scripts reading ports.env directly: $direct"

# A listener on a free port, named in check-ports.sh's answer when that port is the simulator's.
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
node -e "require('net').createServer().listen($port, '127.0.0.1')" &
holder=$!
gtv_wait_listen() { ss -Hltn "sport = :$port" | grep -q .; }
for _ in $(seq 50); do gtv_wait_listen && break; sleep 0.1; done
gtv_wait_listen || fail "the test's listener did not start on $port"
if out=$(GTV_STATE="$tmp" GTV_SIMULATOR_PORT=$port "$GTV_ROOT/tools/stack/check-ports.sh" 2>&1); then
  fail "check-ports.sh passed with $port held"
fi
grep -q "port $port (GTV_SIMULATOR_PORT) is held by node (pid $holder:" <<<"$out" || fail "check-ports.sh said: $out"
note "ports: the caller's port wins, bad ports are refused by name, check-ports names the holder (4 cases)"
