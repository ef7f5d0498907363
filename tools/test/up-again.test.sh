#!/usr/bin/env bash
# Test of tools/test/up-again.sh's verdicts against a fake supervisor and a fake `up` (the real run needs a
# stack: tools/test/run.sh runs it after the e2e suite). Each case scripts what each `up` does (one word a
# call) and the verdict expected:
#   pass: nothing restarts, then the simulator alone; a liveness restart by the supervisor is reported, not
#         blamed on `up`;
#   fail: an unexplained pid change, a restart `up` claims but did not do, one restart too many or too few.
source "$(dirname "$0")/../install/lib.sh"

fake=$(mktemp -d)
trap 'rm -rf "$fake"' EXIT
mkdir -p "$fake"/{tools/install,tools/stack,tools/test,deploy/single-node,state/logs}
cp "$GTV_ROOT"/tools/install/{lib.sh,versions.sh} "$fake/tools/install/"
cp "$GTV_ROOT"/tools/stack/{ports.sh,ports.env,supervisor.sh} "$fake/tools/stack/"
cp "$GTV_ROOT/tools/test/up-again.sh" "$fake/tools/test/"
echo 'processes:' >"$fake/deploy/single-node/process-compose.yaml"
printf '#!/usr/bin/env bash\necho %q\n' "$fake/pc" >"$fake/tools/install/process-compose.sh"
# The fake supervisor answers `process list -o json` from a file.
printf '#!/usr/bin/env bash\ncat %q\n' "$fake/states.json" >"$fake/pc"
# The fake `up`: does what the next word of the script says, as the real one would show it.
cat >"$fake/tools/gtv" <<EOF
#!/usr/bin/env bash
set -e
states=$fake/states.json applied=$fake/state/logs/applied.log
bump() { jq "\$1" "\$states" >"\$states.new" && mv "\$states.new" "\$states"; }
action=\$(head -n 1 $fake/script) && sed -i 1d $fake/script
case "\$action" in
  none) ;;
  simulator) bump '(.[] | select(.name == "camera-simulator")) |= (.pid += 1)'; echo "t camera-simulator changed" >>"\$applied" ;;
  liveness) bump '(.[] | select(.name == "lpr-engine")) |= (.pid += 1 | .restarts += 1)'
    echo "t WRN lpr-engine liveness probe failed" >>$fake/state/logs/supervisor.log ;;
  unexplained) bump '(.[] | select(.name == "ingest")) |= (.pid += 1)' ;;
  claims) echo "t camera-simulator changed" >>"\$applied" ;;
esac
# The real one refuses a port that differs from the running stack's.
[ "\${GTV_INGEST_PORT:-3002}" = 3002 ] || { echo "ports differ (GTV_INGEST_PORT=\$GTV_INGEST_PORT)" >&2; exit 1; }
EOF
chmod +x "$fake/pc" "$fake/tools/gtv" "$fake/tools/install/process-compose.sh"

# expect <pass|fail> <what the output must contain> <up actions...>
expect() {
  local want=$1 says=$2 out rc=0
  shift 2
  echo '[{"name":"camera-simulator","pid":10,"restarts":0,"status":"Running","is_ready":"Ready","exit_code":0},
    {"name":"lpr-engine","pid":20,"restarts":0,"status":"Running","is_ready":"Ready","exit_code":0},
    {"name":"ingest","pid":30,"restarts":0,"status":"Running","is_ready":"Ready","exit_code":0}]' >"$fake/states.json"
  : >"$fake/state/logs/supervisor.log"
  rm -f "$fake/state/logs/applied.log"
  printf '%s\n' "$@" >"$fake/script"
  out=$(GTV_ROOT=$fake GTV_STATE=$fake/state GTV_DEMO_CAMERAS=4 bash "$fake/tools/test/up-again.sh" 2>&1) || rc=$?
  if { [ "$want" = pass ] && [ "$rc" -ne 0 ]; } || { [ "$want" = fail ] && [ "$rc" -eq 0 ]; } || ! grep -qF "$says" <<<"$out"; then
    printf 'FAIL: up-again.sh with %s: expected %s saying "%s", got (exit %s):\n%s\n' "$*" "$want" "$says" "$rc" "$out" >&2
    exit 1
  fi
}

expect pass "no component restarted" none simulator simulator none
expect pass "the supervisor restarted lpr-engine itself" liveness simulator simulator none
expect fail "neither \`up\` (applied.log) nor the supervisor's restart counter accounts for it" unexplained
expect fail "says it restarted camera-simulator, but its pid did not change" claims
expect fail "up with a changed port restarted: camera-simulator" none simulator simulator simulator
expect fail "restoring camera-simulator's setting restarted: nothing" none simulator none
note "up-again: verdicts on up's and the supervisor's restarts (6 cases)"
