#!/usr/bin/env bash
# Installs the Debian 12 packages the stack runs on (apt only when some are missing), then keeps Debian's
# own daemons of those packages from holding the stack's ports (debian-units.sh).
source "$(dirname "$0")/lib.sh"

PACKAGES=(
  postgresql-15 postgresql-client-15 pgbouncer redis-server nats-server haproxy nginx
  prometheus prometheus-node-exporter prometheus-postgres-exporter prometheus-redis-exporter
  prometheus-alertmanager
  # nginx's brotli modules (loaded by tools/stack/components/nginx.sh when present) and envsubst,
  # which renders the nginx template. Debian 12 has no NATS Prometheus exporter package.
  libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static gettext-base
  # The WAF in front of the API (tools/stack/components/nginx.sh waf): ModSecurity v3's nginx connector
  # (1.0.3, with libmodsecurity3) and the OWASP Core Rule Set (3.3.x) as Debian maintains them.
  libnginx-mod-http-modsecurity modsecurity-crs
  ffmpeg fonts-dejavu-core chromium curl jq ca-certificates openjdk-17-jre-headless maven iproute2
  # unzip: the Go toolchain zip (tools/install/go.sh) on machines without Go >= 1.24.
  unzip
  # pip: deploy/k8s/validate.sh (in the tests) takes the Kubernetes schemas from PyPI's kubernetes-validate
  # wheel; a fresh Debian 12 has neither python3 nor pip.
  python3-pip
  # Low-overhead HTTP load generator of the benchmarks (bench:api, bench:ingest): C, far less CPU
  # than a Node generator on 2 shared cores.
  wrk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  with_progress "apt-get update" $SUDO apt-get update
  with_progress "apt-get install" $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Installing them started Debian's own daemons where systemd runs; they would hold the stack's ports.
"$(dirname "$0")/debian-units.sh"

