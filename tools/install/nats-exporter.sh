#!/usr/bin/env bash
# The Prometheus NATS exporter (Debian 12 packages none), built from the Go module proxy. Prints the
# binary's path. It turns nats-server's JSON monitoring endpoints (/varz, /connz, /jsz, ...) into the
# Prometheus text format; tools/stack/components/nats-exporter.sh runs it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

bin="$GTV_CACHE/bin/prometheus-nats-exporter-$NATS_EXPORTER_VERSION"
if [ ! -x "$bin" ]; then
  step "Building prometheus-nats-exporter $NATS_EXPORTER_VERSION from the Go module proxy"
  # main.version is what -version prints (0.0.0 unless set; the upstream release build sets it too).
  go_build_module github.com/nats-io/prometheus-nats-exporter "$NATS_EXPORTER_VERSION" . "$bin" -version \
    -ldflags "-s -w -X main.version=${NATS_EXPORTER_VERSION#v}"
fi
echo "$bin"
