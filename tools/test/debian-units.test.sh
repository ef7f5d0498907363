#!/usr/bin/env bash
# Test of tools/install/debian-units.sh against a fake systemctl (this machine runs no systemd):
#   - with systemd running, enabled or active packaged units are disabled and stopped, others left alone;
#   - without systemd, nothing is called at all.
source "$(dirname "$0")/../install/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/run-systemd"
# The fake: nginx enabled and active, prometheus enabled but stopped, redis-server installed but disabled
# and stopped, haproxy absent; one active PostgreSQL cluster unit. Every call is recorded.
cat >"$tmp/systemctl" <<'FAKE'
#!/usr/bin/env bash
echo "$*" >>"$FAKE_CALLS"
case "$1 ${*: -1}" in
  "list-unit-files nginx.service" | "list-unit-files prometheus.service" | "list-unit-files redis-server.service")
    echo "${*: -1} enabled enabled" ;;
  "is-enabled nginx.service" | "is-enabled prometheus.service") echo enabled ;;
  "is-enabled redis-server.service") echo disabled; exit 1 ;;
  "is-active nginx.service") echo active ;;
  "is-active "*) echo inactive; exit 3 ;;
  "list-units postgresql@*.service") echo "postgresql@15-main.service loaded active running PostgreSQL Cluster 15-main" ;;
esac
exit 0
FAKE
chmod +x "$tmp/systemctl"
export FAKE_CALLS="$tmp/calls" GTV_SYSTEMCTL="$tmp/systemctl"

fail() { printf 'FAIL: %s\n' "$*" >&2; cat "$FAKE_CALLS" >&2 2>/dev/null; exit 1; }

GTV_SYSTEMD_RUN_DIR="$tmp/run-systemd" "$GTV_ROOT/tools/install/debian-units.sh" 2>"$tmp/out" || fail "exited non-zero"
disabled=$(sed -n 's/^disable --now --quiet //p' "$FAKE_CALLS" | sort | tr '\n' ' ')
[ "$disabled" = "nginx.service postgresql@15-main.service prometheus.service " ] || fail "disabled: $disabled"
grep -q 'Stopped and disabled' "$tmp/out" || fail "did not say what it stopped"

rm -f "$FAKE_CALLS"
GTV_SYSTEMD_RUN_DIR="$tmp/absent" "$GTV_ROOT/tools/install/debian-units.sh" 2>"$tmp/out" || fail "exited non-zero without systemd"
[ ! -e "$FAKE_CALLS" ] || fail "called systemctl without systemd"
note "debian-units: packaged daemons disabled only where systemd runs (2 cases)"
