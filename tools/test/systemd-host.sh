#!/usr/bin/env bash
# The install's handling of Debian's packaged daemons, on a real Debian 12 booted by systemd (this machine runs
# none): a container with systemd as PID 1, in its own network namespace. Not part of tools/gtv test (it
# downloads and installs Debian packages: minutes); run it by hand as root after changing
# tools/install/debian-units.sh or tools/stack/check-ports.sh:
#   1. a Debian 12 image with systemd: `debootstrap --variant=minbase bookworm` imported with `podman import`
#      (no image registry is used), plus systemd; both cached (~/.cache/gt-vision/systemd-host, podman images);
#   2. boots it (systemd as PID 1) and installs the packaged daemons the stack replaces, as
#      tools/install/system-packages.sh does; systemd starts each on install, on the stack's ports;
#   3. tools/stack/check-ports.sh must fail, naming each holder (nginx on :80, prometheus on :9090, ...);
#   4. tools/install/debian-units.sh must stop and disable them: no unit active or enabled, the ports free,
#      and they stay down after a reboot of the container.
# Exit 0 when every check holds. Needs podman, runc, debootstrap and slirp4netns (installed when missing).
# GTV_SYSTEMD_HOST_KEEP=1 leaves the container running (podman exec -it gtv-systemd-host bash).
source "$(dirname "$0")/../install/lib.sh"

source "$GTV_ROOT/tools/test/systemd-container.sh"
# The daemons Debian starts on install that the stack runs itself (tools/install/system-packages.sh).
DAEMONS=(nginx prometheus prometheus-node-exporter redis-server pgbouncer haproxy postgresql)
# The checkout mounted read-only.
boot_systemd_container gtv-systemd-host -v "$GTV_ROOT:/gtv:ro"

step "Installing Debian's daemons as tools/install/system-packages.sh does (systemd starts each)"
inside sh -c "apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${DAEMONS[*]}" \
  >"$dir/daemons-apt.log" 2>&1 || { tail -n 20 "$dir/daemons-apt.log" >&2; die "apt-get install in the container failed"; }
inside systemctl list-units --no-legend --plain --state=active \
  'nginx*' 'prometheus*' 'redis*' 'pgbouncer*' 'haproxy*' 'postgresql*' | awk '{ print "    active: " $1 }' >&2

failures=0

step "tools/stack/check-ports.sh with the packaged daemons running (must fail, naming them)"
if inside /gtv/tools/stack/check-ports.sh >"$dir/check-ports.out" 2>&1; then
  note "FAIL: check-ports.sh passed"; failures=$((failures + 1))
fi
sed 's/\x1b\[[0-9;]*m//g; s/^/    | /' "$dir/check-ports.out" >&2
for held in "port 80 (GTV_EDGE_HTTP_PORT) is held by nginx" "port 9090 (GTV_PROMETHEUS_PORT) is held by prometheus" \
  "port 9100 (GTV_NODE_EXPORTER_PORT) is held by prometheus-node-exporter" "port 6379 (GTV_REDIS_PORT) is held by redis-server" \
  "port 5432 (GTV_POSTGRES_PORT) is held by postgres" "port 6432 (GTV_PGBOUNCER_PORT) is held by pgbouncer"; do
  grep -qF "$held" "$dir/check-ports.out" || { note "FAIL: not named: $held"; failures=$((failures + 1)); }
done

units_up() {
  inside systemctl list-units --no-legend --plain --state=active --type=service \
    'nginx*' 'prometheus*' 'redis*' 'pgbouncer*' 'haproxy*' 'postgresql*' | awk '{ print $1 }' | tr '\n' ' ' || true
}
units_enabled() {
  inside systemctl list-unit-files --no-legend --state=enabled --type=service \
    'nginx*' 'prometheus*' 'redis*' 'pgbouncer*' 'haproxy*' 'postgresql*' | awk '{ print $1 }' | tr '\n' ' ' || true
}
# "<port> <program>" for every TCP listener in the container.
listeners() { inside ss -Hltnp | awk '{ print $4, $6 }' | sed -E 's/users:\(\("([^"]+)".*/\1/' | sort -u; }

step "tools/install/debian-units.sh (must stop and disable every one of them)"
inside /gtv/tools/install/debian-units.sh 2>&1 | sed 's/\x1b\[[0-9;]*m//g; s/^/    | /' >&2
up=$(units_up) enabled=$(units_enabled)
[ -z "$up" ] || { note "FAIL: still active: $up"; failures=$((failures + 1)); }
[ -z "$enabled" ] || { note "FAIL: still enabled: $enabled"; failures=$((failures + 1)); }
note "listeners left: $(listeners | tr '\n' ';' )"
if inside /gtv/tools/stack/check-ports.sh >"$dir/check-ports-after.out" 2>&1; then
  note "check-ports.sh now passes: every port the stack needs is free"
else
  sed 's/\x1b\[[0-9;]*m//g; s/^/    | /' "$dir/check-ports-after.out" >&2
  note "FAIL: check-ports.sh still fails after debian-units.sh"; failures=$((failures + 1))
fi

step "Rebooting the container: the disabled units must stay down"
podman restart -t 30 "$ctr" >/dev/null
for _ in $(seq 120); do booted && break; sleep 1; done
booted || die "systemd did not boot again"
up=$(units_up)
[ -z "$up" ] || { note "FAIL: active again after the reboot: $up"; failures=$((failures + 1)); }
inside /gtv/tools/stack/check-ports.sh >/dev/null 2>&1 || { note "FAIL: a port is held after the reboot"; failures=$((failures + 1)); }
note "after the reboot: no packaged daemon active, every port free"

step "A second run of debian-units.sh has nothing left to do (and says nothing)"
second=$(inside /gtv/tools/install/debian-units.sh 2>&1)
[ -z "$second" ] || { note "FAIL: second run said: $second"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] || die "$failures check(s) failed on the systemd host"
step "systemd host: packaged daemons named by check-ports, stopped and disabled by debian-units, down after reboot"
