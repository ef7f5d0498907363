#!/usr/bin/env bash
# The Prometheus NATS exporter (Debian 12 packages none), built from the Go module proxy. Prints the
# binary's path. It turns nats-server's JSON monitoring endpoints (/varz, /connz, /jsz, ...) into the
# Prometheus text format; tools/stack/components/nats-exporter.sh runs it.
# Built from the downloaded module rather than `go install mod@version`, because the latter also asks the
# proxy for the module's version list, which the allowed proxy mirror refuses.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

bin="$GTV_CACHE/bin/prometheus-nats-exporter-$NATS_EXPORTER_VERSION"
if [ ! -x "$bin" ]; then
  require_go
  step "Building prometheus-nats-exporter $NATS_EXPORTER_VERSION from the Go module proxy"
  module=github.com/nats-io/prometheus-nats-exporter
  src=$(go mod download -json "$module@$NATS_EXPORTER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || die "could not download $module@$NATS_EXPORTER_VERSION"
  mkdir -p "$(dirname "$bin")"
  # main.version is what -version prints (0.0.0 unless set; the upstream release build sets it too).
  with_progress "go build prometheus-nats-exporter" env -C "$src" CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go build -trimpath -ldflags "-s -w -X main.version=${NATS_EXPORTER_VERSION#v}" -o "$bin.partial" .
  "$bin.partial" -version >/dev/null 2>&1 || die "the built prometheus-nats-exporter does not run"
  mv "$bin.partial" "$bin"
fi
echo "$bin"
