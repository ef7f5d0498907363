#!/usr/bin/env bash
# Integration check of `tools/gtv up` on a running stack (run by tools/test/run.sh after the e2e suite):
#   1. `up` again with nothing changed: every component stays ready, with the same pid and restart count;
#   2. `up` with one component's setting changed (one more demo camera): that component alone
#      restarts, every other keeps its pid and restart count;
#   3. `up` with the setting back: again only that component restarts, so the stack is left as found.
# Run it with the environment the stack was started with (GTV_STATE, the same settings).
source "$(dirname "$0")/../install/lib.sh"
source "$GTV_ROOT/tools/stack/ports.env"
PC_BIN=$("$GTV_ROOT/tools/install/process-compose.sh")
source "$GTV_ROOT/tools/stack/supervisor.sh"

# A setting no file of the stack defines (ports.env would override a port given on the command line).
changed_component=camera-simulator
cameras=${GTV_DEMO_CAMERAS:-4}

# "<name> <pid> <restarts>" per component, when every one of them is done (ready, or completed).
snapshot() {
  local states
  states=$(pc_states) || die "the supervisor does not answer"
  jq -e "all(.[]; $JQ_DONE)" <<<"$states" >/dev/null ||
    die "not every component is ready: $(jq -r ".[] | select(($JQ_DONE) | not) | .name" <<<"$states" | tr '\n' ' ')"
  jq -r '.[] | "\(.name) \(.pid) \(.restarts)"' <<<"$states" | sort
}

# Runs `up`, then prints the components whose pid or restart count differs from snapshot $1.
up_and_diff() {
  local before=$1 started=$SECONDS
  shift
  env "$@" "$GTV_ROOT/tools/gtv" up 2>"$GTV_STATE/logs/up-again.log" ||
    { tail -n 30 "$GTV_STATE/logs/up-again.log" >&2; die "up on the running stack failed"; }
  note "up on the running stack: $((SECONDS - started))s" >&2
  # diff exits 1 when the snapshots differ, which is an answer here, not a failure (pipefail).
  { diff <(echo "$before") <(snapshot) || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | sort -u | tr '\n' ' '
}

initial=$(snapshot)
restarted=$(up_and_diff "$initial")
[ -z "$restarted" ] || die "up with nothing changed restarted: $restarted"
note "up again with nothing changed: no component restarted"

restarted=$(up_and_diff "$initial" GTV_DEMO_CAMERAS=$((cameras + 1)))
[ "$restarted" = "$changed_component " ] || die "changing $changed_component's setting restarted: ${restarted:-nothing}"
note "up with $changed_component's setting changed: only $changed_component restarted"

after_change=$(snapshot)
# Back to exactly what the stack was started with (unset stays unset).
if [ -n "${GTV_DEMO_CAMERAS+set}" ]; then restore=(GTV_DEMO_CAMERAS="$cameras"); else restore=(-u GTV_DEMO_CAMERAS); fi
restarted=$(up_and_diff "$after_change" "${restore[@]}")
[ "$restarted" = "$changed_component " ] || die "restoring $changed_component's setting restarted: ${restarted:-nothing}"
note "up with the setting restored: only $changed_component restarted"
