#!/usr/bin/env bash
# MediaMTX, the media server of the stack, built from the Go module proxy. Prints the binary's path.
#
# Why not `go install github.com/bluenviron/mediamtx@…`: MediaMTX's `go generate` step downloads hls.js from
# GitHub releases and writes internal/core/VERSION from git history; both files are git-ignored, so the module
# source lacks them and a plain build fails on their //go:embed lines. We supply them ourselves:
#   - internal/servers/hls/hls.min.js from the npm package hls.js@$MEDIAMTX_HLSJS_VERSION (the version MediaMTX
#     pins in internal/servers/hls/hlsjsdownloader/VERSION; npm checks the tarball's integrity);
#   - internal/core/VERSION containing $MEDIAMTX_VERSION (what `mediamtx --version` and the API report).
# The Raspberry Pi camera embeds need nothing: they sit in camera_linux_arm.go / camera_linux_arm64.go, which the
# Go toolchain leaves out on amd64 by file name, and source_other.go stubs the source there.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

bin="$GTV_CACHE/bin/mediamtx-$MEDIAMTX_VERSION"
if [ ! -x "$bin" ]; then
  require_go
  step "Building MediaMTX $MEDIAMTX_VERSION from the Go module proxy"
  command -v npm >/dev/null || die "npm is not on PATH"
  module=github.com/bluenviron/mediamtx
  tmp=$(mktemp -d)
  trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

  with_progress "go mod download mediamtx" go mod download "$module@$MEDIAMTX_VERSION"
  # The module cache is read-only; build in a writable copy.
  moddir=$(go mod download -json "$module@$MEDIAMTX_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$moddir" ] || die "module directory of $module@$MEDIAMTX_VERSION not found"
  cp -r "$moddir" "$tmp/src"
  chmod -R u+w "$tmp/src"

  pinned=$(tr -d '[:space:]' <"$tmp/src/internal/servers/hls/hlsjsdownloader/VERSION")
  [ "$pinned" = "v$MEDIAMTX_HLSJS_VERSION" ] \
    || die "MediaMTX $MEDIAMTX_VERSION pins hls.js $pinned but versions.sh says $MEDIAMTX_HLSJS_VERSION"
  with_progress "npm pack hls.js@$MEDIAMTX_HLSJS_VERSION" \
    npm pack --silent --pack-destination "$tmp" "hls.js@$MEDIAMTX_HLSJS_VERSION"
  tar -xzf "$tmp/hls.js-$MEDIAMTX_HLSJS_VERSION.tgz" -C "$tmp" package/dist/hls.min.js
  cp "$tmp/package/dist/hls.min.js" "$tmp/src/internal/servers/hls/hls.min.js"
  printf '%s' "$MEDIAMTX_VERSION" >"$tmp/src/internal/core/VERSION"

  with_progress "go build mediamtx" env -C "$tmp/src" CGO_ENABLED=0 \
    go build -trimpath -ldflags "-s -w" -o "$tmp/mediamtx" .
  "$tmp/mediamtx" --help >/dev/null 2>&1 || die "the built mediamtx does not run"
  mkdir -p "$(dirname "$bin")"
  mv "$tmp/mediamtx" "$bin.partial"
  mv "$bin.partial" "$bin"
fi
echo "$bin"
