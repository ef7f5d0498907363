#!/usr/bin/env bash
# Runs the node exporter (CPU, memory, disks, network of this machine) in the foreground, as the
# prometheus system user when started as root. Readiness: curl -fsS http://127.0.0.1:9100/metrics
source "$(dirname "$0")/../common.sh"

dir="$GTV_STATE/node-exporter"
user=$(gtv_service_user prometheus)
gtv_state_dir "$dir" "$user"
# *.prom files dropped here are exported too: where stack scripts can publish facts (last backup,
# recording coverage) without a daemon of their own. World-readable so the exporter can read
# files written by root.
mkdir -p "$dir/textfile"
chmod 755 "$dir" "$dir/textfile"

# Collectors switched off: host-hardware and host-daemon ones that find nothing in a container
# or VM and log an error on every scrape (systemd: no D-Bus; hwmon, thermal_zone, rapl,
# powersupplyclass: no sensors, or permission denied as non-root), and storage stacks this
# deployment does not use. Loopback is counted (Debian excludes it): on the single node every component
# talks to the others over it.
gtv_as "$user" prometheus-node-exporter \
  --web.listen-address="$GTV_HOST:$GTV_NODE_EXPORTER_PORT" \
  --collector.textfile.directory="$dir/textfile" \
  --collector.netdev.device-exclude='^$' \
  --no-collector.systemd \
  --no-collector.hwmon \
  --no-collector.thermal_zone \
  --no-collector.rapl \
  --no-collector.powersupplyclass \
  --no-collector.zfs \
  --no-collector.btrfs \
  --no-collector.infiniband \
  --no-collector.fibrechannel \
  --no-collector.nvme \
  --no-collector.mdadm
