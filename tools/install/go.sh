#!/usr/bin/env bash
# Go for the builds of process-compose, MediaMTX and the NATS exporter. Prints the bin directory to put first
# on PATH: the machine's own Go when it is >= 1.24, else Go $GO_VERSION installed into the cache from the Go
# module proxy (module golang.org/toolchain, the same zip `go` fetches when it switches toolchains), so a
# fresh Debian 12 (Go 1.19 or none) needs nothing installed by hand.
#   GTV_IGNORE_MACHINE_GO=1   behave as if the machine's Go were too old (to test this path)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

if [ -z "${GTV_IGNORE_MACHINE_GO:-}" ] && command -v go >/dev/null; then
  minor=$(go env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  if [ "${minor:-0}" -ge 24 ]; then dirname "$(readlink -f "$(command -v go)")"; exit 0; fi
fi

dir="$GTV_CACHE/go-$GO_VERSION"
if [ ! -x "$dir/bin/go" ]; then
  case "$(uname -m)" in
    x86_64) platform=linux-amd64 sha256=$GO_TOOLCHAIN_ZIP_SHA256_LINUX_AMD64 ;;
    *) die "no pinned Go toolchain for $(uname -m): install Go >= 1.24 and put it on PATH" ;;
  esac
  command -v unzip >/dev/null || die "unzip is missing (Debian package: unzip)"
  version="v0.0.1-go$GO_VERSION.$platform"
  # The first proxy of GOPROXY (a mirror, where the machine has one), else the public proxy.
  proxy=${GOPROXY:-https://proxy.golang.org}
  proxy=${proxy%%[,|]*}
  case "$proxy" in direct | off | "") proxy=https://proxy.golang.org ;; esac
  step "Installing Go $GO_VERSION from the Go module proxy ($proxy)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  with_progress "download golang.org/toolchain@$version" \
    curl -fsSL --retry 3 -o "$tmp/go.zip" "${proxy%/}/golang.org/toolchain/@v/$version.zip"
  echo "$sha256  $tmp/go.zip" | sha256sum -c --quiet - >/dev/null 2>&1 \
    || die "golang.org/toolchain@$version: SHA-256 differs from the one pinned in versions.sh"
  with_progress "unzip Go $GO_VERSION" unzip -q "$tmp/go.zip" -d "$tmp/x"
  root="$tmp/x/golang.org/toolchain@$version"
  # Module zips record no file modes: make the commands executable, as `go` does after this download.
  chmod +x "$root"/bin/* "$root"/pkg/tool/*/*
  "$root/bin/go" version >/dev/null || die "the downloaded Go does not run"
  rm -rf "$dir"
  mv "$root" "$dir"
fi
echo "$dir/bin"
