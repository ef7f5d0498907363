#!/usr/bin/env bash
# Integration check of `tools/gtv up` on a running stack (run by tools/test/run.sh after the e2e suite):
#   1. `up` again with nothing changed: every component stays ready and `up` restarts none of them;
#   2. `up` with one component's setting changed (one more demo camera): `up` restarts that component alone;
#   3. `up` with the setting back: again that component alone, so the stack is left as found;
#   4. `up` with a port changed: refused, naming it, and nothing restarted.
# Who restarted what: `up` lists every component it restarts in logs/applied.log, and the supervisor counts
# its own restarts (a crash, a failed liveness probe) per process. A component whose pid changed is
#   - restarted by `up` when applied.log names it (it must be exactly the expected set, and its pid changed);
#   - restarted by the supervisor when its restart counter went up: reported with the supervisor's log lines
#     about it (a probe failing under load is not `up`'s doing, but it is never passed over in silence);
#   - otherwise unexplained: the test fails, blaming `up`.
# Run it with the environment the stack was started with (GTV_STATE, the same settings).
source "$(dirname "$0")/../install/lib.sh"
source "$GTV_ROOT/tools/stack/ports.sh"
PC_BIN=$("$GTV_ROOT/tools/install/process-compose.sh")
source "$GTV_ROOT/tools/stack/supervisor.sh"

changed_component=camera-simulator
cameras=${GTV_DEMO_CAMERAS:-4}
applied_log="$GTV_STATE/logs/applied.log"
supervisor_log="$GTV_STATE/logs/supervisor.log"
probe_restarts=0

# The components not done yet, as "name(status) ...", from the supervisor's states on stdin.
not_done() { jq -r ".[] | select(($JQ_DONE) | not) | \"\\(.name)(\\(.status))\"" | tr '\n' ' '; }

# "<name> <pid> <restarts>" per component, once every one of them is done (ready, or completed). A component
# the supervisor is restarting by itself gets a minute to come back; the wait is reported.
snapshot() {
  local states deadline=$((SECONDS + 60)) said=""
  until states=$(pc_states) && jq -e "all(.[]; $JQ_DONE)" <<<"$states" >/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || die "not every component is ready: $(not_done <<<"${states:-[]}")"
    [ -n "$said" ] || { said=1; note "waiting for $(not_done <<<"${states:-[]}")"; }
    sleep 1
  done
  jq -r '.[] | "\(.name) \(.pid) \(.restarts)"' <<<"$states" | sort
}

# Runs `up` with the environment changes "$@" on a stack in the state $1 (it must succeed, or with
# expect_refusal=1 fail), then checks who restarted what: sets `restarted` to the components `up` restarted
# (sorted, space-separated); reports the supervisor's own.
up_and_check() {
  local before=$1 started=$SECONDS log_lines sup_lines after by_up name pid restarts old_pid old_restarts why rc=0
  shift
  log_lines=0
  if [ -f "$applied_log" ]; then log_lines=$(wc -l <"$applied_log"); fi
  sup_lines=$(wc -l <"$supervisor_log")
  env "$@" "$GTV_ROOT/tools/gtv" up 2>"$GTV_STATE/logs/up-again.log" || rc=$?
  if [ -n "${expect_refusal:-}" ]; then
    [ "$rc" -ne 0 ] || die "up accepted $* on the running stack"
  elif [ "$rc" -ne 0 ]; then
    tail -n 30 "$GTV_STATE/logs/up-again.log" >&2
    die "up on the running stack failed"
  fi
  note "up on the running stack: $((SECONDS - started))s"
  after=$(snapshot)
  by_up=""
  if [ -f "$applied_log" ]; then
    by_up=$(tail -n +$((log_lines + 1)) "$applied_log" | awk '{ print $2 }' | sort -u | tr '\n' ' ')
  fi
  while read -r name pid restarts; do
    read -r old_pid old_restarts < <(awk -v n="$name" '$1 == n { print $2, $3 }' <<<"$before")
    [ "$pid" != "$old_pid" ] || continue
    if [[ " $by_up" == *" $name "* ]]; then
      continue
    elif [ "$restarts" -gt "${old_restarts:-0}" ]; then
      probe_restarts=$((probe_restarts + 1))
      note "NOT BY UP: the supervisor restarted $name itself (restarts $old_restarts -> $restarts); its log says:" >&2
      why=$(tail -n +$((sup_lines + 1)) "$supervisor_log" | sed 's/\x1b\[[0-9;]*m//g' | grep -F "$name" |
        grep -v 'is waiting for' | tail -n 8 || true)
      sed 's/^/      /' <<<"${why:-(no line about it in $supervisor_log)}" >&2
    else
      die "$name restarted (pid $old_pid -> $pid) but neither \`up\` (applied.log) nor the supervisor's restart counter accounts for it"
    fi
  done <<<"$after"
  # What `up` says it restarted must really have restarted.
  for name in $by_up; do
    [ "$(awk -v n="$name" '$1 == n { print $2 }' <<<"$before")" != "$(awk -v n="$name" '$1 == n { print $2 }' <<<"$after")" ] ||
      die "\`up\` says it restarted $name, but its pid did not change"
  done
  restarted=$by_up
}

before=$(snapshot)
up_and_check "$before"
[ -z "$restarted" ] || die "up with nothing changed restarted: $restarted"
note "up again with nothing changed: up restarted no component"

before=$(snapshot)
up_and_check "$before" GTV_DEMO_CAMERAS=$((cameras + 1))
[ "$restarted" = "$changed_component " ] || die "changing $changed_component's setting restarted: ${restarted:-nothing}"
note "up with $changed_component's setting changed: up restarted $changed_component only"

# Back to exactly what the stack was started with (unset stays unset).
if [ -n "${GTV_DEMO_CAMERAS+set}" ]; then restore=(GTV_DEMO_CAMERAS="$cameras"); else restore=(-u GTV_DEMO_CAMERAS); fi
before=$(snapshot)
up_and_check "$before" "${restore[@]}"
[ "$restarted" = "$changed_component " ] || die "restoring $changed_component's setting restarted: ${restarted:-nothing}"
note "up with the setting restored: up restarted $changed_component only"
# A port cannot move under a running stack (the supervisor hands every process the map it started with):
# `up` refuses, naming the port, and restarts nothing.
before=$(snapshot)
expect_refusal=1 up_and_check "$before" GTV_INGEST_PORT=$((GTV_INGEST_PORT + 100))
[ -z "$restarted" ] || die "up with a changed port restarted: $restarted"
grep -q "GTV_INGEST_PORT=$((GTV_INGEST_PORT + 100))" "$GTV_STATE/logs/up-again.log" ||
  die "up refused the changed port without naming it: $(tail -n 3 "$GTV_STATE/logs/up-again.log")"
note "up with a changed port: refused, naming it; no component restarted"
[ "$probe_restarts" -eq 0 ] || note "the supervisor restarted $probe_restarts component(s) by itself meanwhile (see above)"
