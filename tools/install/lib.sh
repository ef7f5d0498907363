# Shared helpers for the install and stack scripts. Sourced, never executed.
# Why one file: every script agrees on where caches, state and logs live.
set -euo pipefail

GTV_ROOT=${GTV_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
GTV_CACHE=${GTV_CACHE:-$HOME/.cache/gt-vision}
# State (databases, recordings, logs, secrets) lives outside the checkout so that the
# unprivileged postgres user can reach it whatever the permissions of the clone's parents.
GTV_STATE=${GTV_STATE:-/var/lib/gt-vision}
mkdir -p "$GTV_CACHE"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs "$@" with its output in a log file, printing a dot every few seconds so a
# long install shows progress without flooding the terminal; the log tail on failure.
with_progress() {
  local label=$1; shift
  local log="$GTV_CACHE/logs/${label// /-}.log"
  mkdir -p "$(dirname "$log")"
  printf '    %s ' "$label" >&2
  local start=$SECONDS
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do sleep 3; printf '.' >&2; done
  if wait "$pid"; then
    printf ' done (%ss)\n' "$((SECONDS - start))" >&2
  else
    printf ' FAILED\n' >&2
    tail -n 40 "$log" >&2
    die "$label failed; full log: $log"
  fi
}

# Go programs (MediaMTX, process-compose, the exporters, VictoriaLogs) are built with Go >= 1.24: the machine's, or one
# tools/install/go.sh installs from the Go module proxy (Debian 12's golang-go is 1.19).
require_go() {
  local bin
  bin=$("$GTV_ROOT/tools/install/go.sh") || die "no Go >= 1.24 to build with"
  PATH="$bin:$PATH"
  export PATH
}

# Builds one Go program from a module of the Go module proxy into <bin>, in place only once it runs:
#   go_build_module <module> <version> <package dir in the module> <bin> <argument it must accept> [go build args]
# Built from the downloaded module rather than `go install module@version`, because the latter also asks the
# proxy for the module's version list, which the allowed proxy mirror refuses. The module cache is
# read-only; -mod=mod lets the build record sums of dependencies the module's go.sum does not list.
go_build_module() {
  local module=$1 version=$2 pkg=$3 bin=$4 check=$5 src
  shift 5
  require_go
  src=$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || die "could not download $module@$version"
  mkdir -p "$(dirname "$bin")"
  with_progress "go build $(basename "$bin")" env -C "$src" CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go build -trimpath "$@" -o "$bin.partial" "$pkg"
  "$bin.partial" "$check" >/dev/null 2>&1 || die "the built $(basename "$bin") does not run"
  mv "$bin.partial" "$bin"
}
