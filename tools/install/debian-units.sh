#!/usr/bin/env bash
# Stops and disables the daemons Debian starts when their packages are installed, on a machine run by
# systemd: the stack runs its own PostgreSQL, PgBouncer, Redis, NATS, HAProxy, nginx, Prometheus and
# exporters under its supervisor, on the same ports (nginx :80, Prometheus :9090, node exporter :9100 on
# every interface...), so the packaged ones would take those ports first and expose services nobody
# configured. Disabled (not masked): an administrator can still start one by hand, and Debian's package
# scripts do not restart a disabled unit on upgrade. Says what it did; does nothing without systemd
# (containers, this image), where package installs start no daemon anyway.
#   GTV_SYSTEMCTL, GTV_SYSTEMD_RUN_DIR   for its test only (a fake systemctl, a fake /run/systemd/system)
source "$(dirname "$0")/lib.sh"

systemctl=${GTV_SYSTEMCTL:-systemctl}
if [ -z "${GTV_SYSTEMCTL:-}" ] && [ "$(id -u)" -ne 0 ]; then systemctl="sudo systemctl"; fi
# sd_booted(3): systemd is the running init exactly when this directory exists.
[ -d "${GTV_SYSTEMD_RUN_DIR:-/run/systemd/system}" ] || exit 0

UNITS=(
  nginx.service haproxy.service postgresql.service pgbouncer.service redis-server.service nats-server.service
  prometheus.service prometheus-node-exporter.service prometheus-postgres-exporter.service
  prometheus-redis-exporter.service prometheus-alertmanager.service
)

stopped=()
for unit in "${UNITS[@]}"; do
  # Not installed on this machine: nothing to do.
  [ -n "$($systemctl list-unit-files --no-legend "$unit" 2>/dev/null)" ] || continue
  enabled=$($systemctl is-enabled "$unit" 2>/dev/null || true)
  active=$($systemctl is-active "$unit" 2>/dev/null || true)
  [ "$enabled" = enabled ] || [ "$active" = active ] || continue
  $systemctl disable --now --quiet "$unit" || die "could not stop and disable $unit"
  stopped+=("$unit")
done
# postgresql.service only groups the clusters; each runs as postgresql@<version>-<name>.service.
while read -r unit _; do
  [ -n "$unit" ] || continue
  $systemctl disable --now --quiet "$unit" || die "could not stop and disable $unit"
  stopped+=("$unit")
done < <($systemctl list-units --no-legend --plain --state=active 'postgresql@*.service' 2>/dev/null || true)

if [ ${#stopped[@]} -gt 0 ]; then
  step "Stopped and disabled Debian's packaged daemons the stack replaces: ${stopped[*]}"
  note "the stack runs its own (tools/gtv up); start one again with: systemctl enable --now <unit>"
fi
