# Talking to the running supervisor (process-compose) over its unix socket. Sourced by tools/gtv and the
# stack scripts, after install/lib.sh; needs PC_BIN (tools/install/process-compose.sh prints it).
PC_CONFIG="$GTV_ROOT/deploy/single-node/process-compose.yaml"
PC_SOCKET="$GTV_STATE/supervisor.sock"

pc() { "$PC_BIN" -U -u "$PC_SOCKET" "$@"; }
supervisor_running() { [ -S "$PC_SOCKET" ] && pc process list -o json >/dev/null 2>&1; }
# The supervisor's view of every process, as a JSON array (name, status, is_ready, restarts, pid, age...).
pc_states() { pc process list -o json 2>/dev/null; }

# The components in the order process-compose.yaml lists them, which is a dependency order: a component
# appears after everything it depends on.
components_in_order() {
  awk '/^processes:/ { inside = 1; next } inside && /^  [a-z0-9-]+:$/ { sub(/^  /, ""); sub(/:$/, ""); print }' "$PC_CONFIG"
}

# jq filter: true when a process needs nothing more from us: ready, or running without a probe, or a
# one-shot that completed successfully.
JQ_DONE='(.is_ready == "Ready") or (.status == "Completed" and .exit_code == 0) or (.status == "Running" and .is_ready == "-")'
# jq filter: true when a process will not come back by itself (skipped after a failed dependency, gave
# up restarting, or a one-shot that failed).
JQ_STUCK='(.status == "Skipped") or (.status == "Error") or (.status == "Completed" and .exit_code != 0)'

# Waits until one component is done (JQ_DONE); fails after $2 seconds.
wait_component_ready() {
  local name=$1 deadline=$((SECONDS + $2))
  until pc_states | jq -e --arg n "$name" ".[] | select(.name == \$n) | $JQ_DONE" >/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}
