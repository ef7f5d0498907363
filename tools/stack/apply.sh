#!/usr/bin/env bash
# Applies the checkout to a running stack, or records what a new stack starts with:
#   tools/stack/apply.sh record   store every component's fingerprint (before the supervisor starts them)
#   tools/stack/apply.sh apply    on a running stack: restart only the components whose fingerprint changed
# Why not `process-compose project update`: it sends a client-side parse of the file, which the server sees
# as different for every process, and replaces them all at once in no particular order; dependents then
# wait on instances that are being removed ("won't run") and the stack does not come back.
# Instead:
#   1. If process-compose.yaml itself changed, the server reloads its own file (POST /project/configuration,
#      parsed with the environment it started with): it replaces only the processes whose definition
#      differs and starts new ones.
#   2. Every other component whose fingerprint (tools/stack/fingerprint.sh) changed is restarted with
#      `process restart`, one at a time in dependency order, each waited for until ready.
#   3. A component that will not come back by itself (skipped, failed) is restarted too.
# A component still waiting for its dependencies (Pending) is left alone: it starts with the new inputs.
# Nothing else is touched, so a second `up` with nothing changed restarts nothing.
# Ports are the exception: the supervisor hands the port map it started with to every process until `down`,
# so `up` refuses a port that differs from the running stack's rather than half-apply it.
# Every component `up` restarts is listed in $GTV_STATE/logs/applied.log ("<time> <component> <reason>"),
# so a restart by `up` can be told from one by the supervisor (a crash, a failed probe).
# Needs PC_BIN. Prints one line per action on stderr.
source "$(dirname "$0")/common.sh"
source "$GTV_ROOT/tools/stack/supervisor.sh"

dir="$GTV_STATE/fingerprints"
timeout=${GTV_UP_TIMEOUT:-300}

yaml_hash() { sha256sum <"$PC_CONFIG" | cut -d' ' -f1; }
# "<component> <fingerprint>" for every component.
fingerprints() { "$GTV_ROOT/tools/stack/fingerprint.sh" $(components_in_order); }
# The port map (tools/stack/ports.sh) but the simulator's ports, settings it re-reads at each start (and
# the demo cameras' source URLs with it).
port_map() {
  local var
  while IFS='=' read -r var _; do
    case "$var" in GTV_SIMULATOR_PORT | GTV_SIMULATOR_RTSP_PORT) ;; GTV_*) echo "$var=${!var}" ;; esac
  done <"$GTV_PORTS_FILE"
}
applied_log="$GTV_STATE/logs/applied.log"

record() {
  local c fp
  mkdir -p "$dir"
  rm -f "$dir"/*
  fingerprints | while read -r c fp; do echo "$fp" >"$dir/$c"; done
  yaml_hash >"$dir/.process-compose.yaml"
  port_map >"$dir/.ports"
}

# 0 once ready, 2 when the supervisor gave up on it (Skipped, Error), 1 when neither came in time.
ready_or_given_up() {
  local deadline=$((SECONDS + $2)) state
  while [ "$SECONDS" -lt "$deadline" ]; do
    state=$(pc_states | jq -c --arg n "$1" '.[] | select(.name == $n)') || state='{}'
    jq -e "$JQ_DONE" <<<"$state" >/dev/null && return 0
    jq -e "$JQ_STUCK" <<<"$state" >/dev/null && return 2
    sleep 1
  done
  return 1
}

# process-compose 1.85 re-checks a restarted process's dependencies once, at that instant: a dependency whose
# readiness probe is failing just then (a busy moment) makes it give the process up for good ("depended on
# mediamtx to become ready, but it was terminated", status Skipped), though the dependency is back a second
# later. Seen in CI after a key rotation (MediaMTX's probe goes through the registry's auth, which was
# restarting); so a restart the supervisor gave up on is tried again, three times, each once every other
# component has settled: an immediate retry meets the same failing probe.
JQ_SETTLING='(.status == "Restarting") or (.status == "Launching") or (.status == "Running" and .is_ready == "Not Ready")'
others_settled() {
  local deadline=$((SECONDS + timeout))
  until pc_states | jq -e --arg n "$1" "[.[] | select(.name != \$n) | select($JQ_SETTLING)] | length == 0" >/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}
restart_until_ready() {
  local c=$1 attempt out rc
  for attempt in 1 2 3; do
    # The client prints debug JSON on stderr at every call: shown only when the restart fails.
    out=$(pc process restart "$c" 2>&1) || die "the supervisor could not restart $c: $out"
    rc=0
    ready_or_given_up "$c" "$timeout" || rc=$?
    [ "$rc" -ne 0 ] || return 0
    [ "$rc" -eq 2 ] || die "$c is not ready ${timeout}s after its restart (tools/gtv logs $c)"
    note "the supervisor gave $c up after its restart (attempt $attempt; see $GTV_STATE/logs/supervisor.log)"
    echo "$(date -u +%FT%TZ) $c given up by the supervisor: restarted again" >>"$applied_log"
    others_settled "$c" || die "$c was given up, and the rest of the stack did not settle in ${timeout}s ($GTV_STATE/logs/supervisor.log)"
  done
  die "$c would not start after 3 restarts (tools/gtv logs $c; $GTV_STATE/logs/supervisor.log)"
}

apply() {
  local c reloaded="" changed=() stuck pending states out reason ports_diff
  mkdir -p "$dir"
  if [ -f "$dir/.ports" ] && ! ports_diff=$(diff "$dir/.ports" <(port_map)); then
    # Both sides: a port whose variable is gone shows only on the running side.
    die "ports differ from the running stack's (running: $(sed -n 's/^< //p' <<<"$ports_diff" | paste -sd ' '); now: $(sed -n 's/^> //p' <<<"$ports_diff" | paste -sd ' ')): ports apply when the stack starts (tools/gtv down, then up)"
  fi
  if [ "$(cat "$dir/.process-compose.yaml" 2>/dev/null)" != "$(yaml_hash)" ]; then
    note "process-compose.yaml changed: the supervisor reloads it"
    local status
    status=$(curl -fsS --max-time 120 --unix-socket "$PC_SOCKET" -X POST http://supervisor/project/configuration) ||
      die "the supervisor could not reload $PC_CONFIG (see $GTV_STATE/logs/supervisor.log)"
    # {"<process>": "updated"|"added"|"removed"|"error"}: the supervisor already restarted those.
    reloaded=$(jq -r 'to_entries[] | "\(.key) \(.value)"' <<<"$status")
    [ -z "$reloaded" ] || sed "s/^/$(date -u +%FT%TZ) /; s/\$/ by the reloaded process-compose.yaml/" <<<"$reloaded" >>"$applied_log"
    [ -z "$reloaded" ] || note "reloaded: $(tr '\n' ' ' <<<"$reloaded")"
    ! grep -q ' error$' <<<"$reloaded" || die "the supervisor failed to reload: $reloaded"
    # process-compose 1.85 replaces the updated processes all at once; one whose dependency was replaced
    # under it waits on the old instance and is given up ("depended on postgres to become ready, but it was
    # terminated"), and restarting either does not bring it back (seen when a change touched every probe).
    # Then the only sound way is the one a fresh `up` takes: exit 3, and tools/gtv restarts the stack.
    local deadline=$((SECONDS + timeout))
    until pc_states | jq -e "[.[] | select(($JQ_SETTLING) or .status == \"Pending\")] | length == 0" >/dev/null; do
      [ "$SECONDS" -lt "$deadline" ] || die "the stack did not settle ${timeout}s after the reload ($GTV_STATE/logs/supervisor.log)"
      sleep 1
    done
    stuck=$(pc_states | jq -r "[.[] | select($JQ_STUCK) | .name] | join(\" \")")
    if [ -n "$stuck" ]; then
      note "the reload left $stuck waiting on replaced instances"
      echo "$(date -u +%FT%TZ) (stack) restarted: the reload left $stuck given up" >>"$applied_log"
      exit 3
    fi
  fi
  local fp
  while read -r c fp; do
    grep -q "^$c " <<<"$reloaded" && continue
    [ "$(cat "$dir/$c" 2>/dev/null)" = "$fp" ] || changed+=("$c")
  done < <(fingerprints)
  states=$(pc_states) || die "the supervisor does not answer"
  stuck=$(jq -r ".[] | select($JQ_STUCK) | .name" <<<"$states")
  pending=$(jq -r '.[] | select(.status == "Pending") | .name' <<<"$states")
  for c in $(components_in_order); do
    if printf '%s\n' "${changed[@]}" | grep -qx "$c" && grep -qx "$c" <<<"$pending"; then
      # Still waiting for its dependencies: it will start with what changed. (process-compose 1.85 cannot
      # restart a process that never started: it stays "Terminating" for good.)
      note "$c changed: not started yet, it will start with the change"
      continue
    elif printf '%s\n' "${changed[@]}" | grep -qx "$c"; then
      reason=changed
    elif grep -qx "$c" <<<"$stuck"; then
      reason="is $(jq -r --arg n "$c" '.[] | select(.name == $n) | .status' <<<"$states")"
    else
      continue
    fi
    note "$c $reason: restarting it"
    echo "$(date -u +%FT%TZ) $c $reason" >>"$applied_log"
    restart_until_ready "$c"
  done
  [ ${#changed[@]} -gt 0 ] || [ -n "$reloaded" ] || [ -n "$stuck" ] || note "nothing changed: no component restarted"
  record
}

case "${1:-}" in
  record) record ;;
  apply) apply ;;
  *) die "usage: $0 record | apply" ;;
esac
