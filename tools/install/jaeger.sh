#!/usr/bin/env bash
# Jaeger, the trace store of the stack, built from the Go module proxy. Prints the binary's path.
# cmd/jaeger is Jaeger v2 (an OpenTelemetry Collector distribution): it receives OTLP, keeps traces in memory
# and answers the query API (/api/traces...) that tools/stack/components/jaeger.sh configures.
# Its web UI is a separate build (jaeger-ui, from GitHub only, on no allowed registry), git-ignored in the
# module: the binary serves Jaeger's placeholder page at / and the full query API; see README "Traces".
# The build compiles the whole collector (~10 min of CPU on 2 cores): niced, once, cached by version.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

bin="$GTV_CACHE/bin/jaeger-$JAEGER_VERSION"
if [ ! -x "$bin" ]; then
  require_go
  step "Building Jaeger $JAEGER_VERSION from the Go module proxy"
  module=github.com/jaegertracing/jaeger
  src=$(go mod download -json "$module@$JAEGER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || die "could not download $module@$JAEGER_VERSION"
  mkdir -p "$(dirname "$bin")"
  # latestVersion is what `jaeger version` and the UI's /api report (the release build sets it too).
  with_progress "go build jaeger" env -C "$src" CGO_ENABLED=0 GOFLAGS=-mod=mod \
    nice -n 10 go build -trimpath \
    -ldflags "-s -w -X $module/internal/version.latestVersion=$JAEGER_VERSION" -o "$bin.partial" ./cmd/jaeger
  "$bin.partial" version >/dev/null 2>&1 || die "the built jaeger does not run"
  mv "$bin.partial" "$bin"
fi
echo "$bin"
