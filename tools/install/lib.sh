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

# Go programs (MediaMTX, process-compose, the NATS exporter) are built with Go >= 1.24: the machine's, or one
# tools/install/go.sh installs from the Go module proxy (Debian 12's golang-go is 1.19).
require_go() {
  local bin
  bin=$("$GTV_ROOT/tools/install/go.sh") || die "no Go >= 1.24 to build with"
  PATH="$bin:$PATH"
  export PATH
}
