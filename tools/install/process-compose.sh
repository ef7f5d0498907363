#!/usr/bin/env bash
# process-compose, the supervisor of the single-node stack, built from the Go module proxy.
# Built from the downloaded module rather than `go install mod@version`, because the latter also asks the
# proxy for the module's version list, which the allowed proxy mirror refuses.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

bin="$GTV_CACHE/bin/process-compose-$PROCESS_COMPOSE_VERSION"
if [ ! -x "$bin" ]; then
  require_go
  step "Building process-compose $PROCESS_COMPOSE_VERSION from the Go module proxy"
  module=github.com/f1bonacc1/process-compose
  src=$(go mod download -json "$module@$PROCESS_COMPOSE_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || die "could not download $module@$PROCESS_COMPOSE_VERSION"
  mkdir -p "$(dirname "$bin")"
  with_progress "go build process-compose" env -C "$src" CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go build -trimpath -ldflags "-s -w -X $module/src/config.Version=$PROCESS_COMPOSE_VERSION" -o "$bin.partial" .
  mv "$bin.partial" "$bin"
fi
echo "$bin"
