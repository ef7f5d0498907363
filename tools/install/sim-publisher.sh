#!/usr/bin/env bash
# The camera simulator's publisher (apps/camera-simulator/publisher), built from the repository into the
# cache. Prints the binary's path. Named after a hash of its sources, so it is rebuilt only when they change
# (its tests are not part of the hash); older builds are removed.
source "$(dirname "$0")/lib.sh"

src="$GTV_ROOT/apps/camera-simulator/publisher"
key=$(cd "$src" && find . -maxdepth 1 -type f \( -name '*.go' ! -name '*_test.go' -o -name go.mod -o -name go.sum \) \
  -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
bin="$GTV_CACHE/bin/sim-publisher-$key"
if [ ! -x "$bin" ]; then
  require_go
  step "Building the camera simulator's publisher"
  mkdir -p "$(dirname "$bin")"
  # Its dependencies come from the Go module proxy, checked against go.sum.
  with_progress "go build sim-publisher" env -C "$src" CGO_ENABLED=0 \
    go build -trimpath -ldflags "-s -w" -o "$bin.partial" .
  mv "$bin.partial" "$bin"
  find "$GTV_CACHE/bin" -maxdepth 1 -name 'sim-publisher-*' ! -name "sim-publisher-$key" -delete
fi
echo "$bin"
