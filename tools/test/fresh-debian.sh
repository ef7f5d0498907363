#!/usr/bin/env bash
# The README as a new user follows it, on a fresh Debian 12 booted by systemd (tools/test/systemd-container.sh):
# nothing of this machine's image (no Node, no Go, no Java, no caches), only a copy of the checkout (HEAD, as
# `git archive` gives it) in /root/gt-vision. Not part of tools/gtv test (cold installs and builds: tens of
# minutes); run it by hand as root before changing the README's set-up or figures:
#   1. `tools/gtv up` cold: installs what is missing, builds, starts the stack with 4 demo cameras (timed);
#   2. `tools/gtv up` again: nothing restarted (logs/applied.log gains no line), in seconds (timed);
#   3. `tools/gtv status` exits 0; `tools/gtv logs ingest` prints its lines; `tools/gtv token` ten times in a
#      row gives the same non-empty token (a cached session, never a 429);
#   4. the first demo camera plays through the edge with that token (ffprobe on LL-HLS);
#   5. the idle stack's memory after GTV_FRESH_IDLE_S seconds (default 300), tools/stack/memory.sh;
#   6. `tools/gtv down`, then nothing of the stack is left running (tools/test/assert-stopped.sh);
#   7. the README's second command, `tools/gtv test` (timed; GTV_FRESH_SKIP_TEST=1 leaves it out).
# Prints each step's figures and keeps them in ~/.cache/gt-vision/systemd-host/fresh-debian.log; exit 0 when
# every check holds. GTV_SYSTEMD_HOST_KEEP=1 leaves the container running (podman exec -it gtv-fresh-debian bash).
source "$(dirname "$0")/../install/lib.sh"
source "$GTV_ROOT/tools/test/systemd-container.sh"

idle=${GTV_FRESH_IDLE_S:-300}
report="$dir/fresh-debian.log"
: >"$report"
say() { note "$*"; echo "$*" >>"$report"; }

# PostgreSQL and Kafka need more shared memory than podman's default 64 MB /dev/shm. Node trusts only its own
# certificate authorities unless told: where this host adds some (below), npm in the container needs them too.
ca_env=()
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  ca_env=(-e NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt)
fi
# A machine keeps the stack's data on a disk, while the container's root is an overlay, which the node exporter
# (rightly) counts as no filesystem: the disk chart and the disk alerts would see none. The stack's state
# directory is a fresh volume on the host's disk instead, as a data disk would be (not the tests' one, which
# `tools/gtv test` removes and recreates: a mount point cannot be removed).
podman rm -f gtv-fresh-debian >/dev/null 2>&1 || true
podman volume rm -f gtv-fresh-state >/dev/null 2>&1 || true
boot_systemd_container gtv-fresh-debian --shm-size=1g --volume gtv-fresh-state:/var/lib/gt-vision "${ca_env[@]}"
# Where this host trusts extra certificate authorities (a TLS-inspecting egress proxy), the container must too,
# or no registry answers over HTTPS; a plain host has none to copy.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  for ca in /usr/local/share/ca-certificates/*.crt; do podman cp "$ca" "$ctr:/usr/local/share/ca-certificates/"; done
  inside update-ca-certificates >/dev/null
fi
step "A copy of the checkout (HEAD) in /root/gt-vision"
inside mkdir -p /root/gt-vision
git -C "$GTV_ROOT" archive HEAD | podman exec -i "$ctr" tar -x -C /root/gt-vision
say "checkout: $(git -C "$GTV_ROOT" rev-parse --short HEAD); image: Debian $(inside cat /etc/debian_version), no node/go/java: $(inside sh -c 'command -v node go java || true' | tr '\n' ' ')"

gtv() { inside env -C /root/gt-vision tools/gtv "$@"; }
timed() {
  local started=$SECONDS rc=0
  "$@" >>"$dir/fresh-debian-steps.log" 2>&1 || rc=$?
  elapsed=$((SECONDS - started))
  return "$rc"
}
: >"$dir/fresh-debian-steps.log"

step "1. tools/gtv up (cold)"
timed gtv up || { tail -n 40 "$dir/fresh-debian-steps.log" >&2; die "the first up failed after ${elapsed}s"; }
say "cold up: ${elapsed}s"

step "2. tools/gtv up again (nothing changed)"
applied=/var/lib/gt-vision/logs/applied.log
before=$(inside sh -c "cat $applied 2>/dev/null | wc -l")
timed gtv up || { tail -n 40 "$dir/fresh-debian-steps.log" >&2; die "the second up failed"; }
after=$(inside sh -c "cat $applied 2>/dev/null | wc -l")
[ "$after" = "$before" ] || die "the second up restarted: $(inside tail -n $((after - before)) "$applied" | tr '\n' ';')"
say "second up: ${elapsed}s, nothing restarted"

step "3. status, logs, token"
gtv status >"$dir/fresh-debian-status.txt" 2>&1 || { cat "$dir/fresh-debian-status.txt" >&2; die "status is not all ready"; }
say "status: all ready and UP ($(grep -c . "$dir/fresh-debian-status.txt") lines)"
lines=$(inside sh -c 'cd /root/gt-vision && timeout 5 tools/gtv logs ingest 2>/dev/null | wc -l' || true)
[ "${lines:-0}" -gt 0 ] || die "tools/gtv logs ingest printed nothing"
say "logs ingest: $lines lines"
first=$(gtv token) || die "tools/gtv token failed"
[ -n "$first" ] || die "tools/gtv token printed nothing"
for _ in $(seq 9); do
  [ "$(gtv token)" = "$first" ] || die "tools/gtv token gave another token (or none) within its lifetime"
done
say "token: ten calls, one cached session"

step "4. the first demo camera through the edge"
probe=$(inside sh -c "ffprobe -v error -show_entries stream=codec_name,width,height -of csv=p=0 \
  \"http://127.0.0.1/hls/cam_1/index.m3u8?token=$first\"" 2>&1) || die "ffprobe through the edge failed: $probe"
# HLS lists the stream once per program: one line says it.
say "cam_1 through the edge: $(grep -m1 . <<<"$probe")"

step "5. memory of the idle stack after ${idle}s"
sleep "$idle"
inside sh -c 'cd /root/gt-vision && PC_BIN=$(tools/install/process-compose.sh) tools/stack/memory.sh' | tee -a "$report" >&2

step "6. tools/gtv down"
timed gtv down || die "down failed"
inside env -C /root/gt-vision tools/test/assert-stopped.sh || die "something of the stack is still running after down"
say "down: ${elapsed}s, nothing left running"

if [ -z "${GTV_FRESH_SKIP_TEST:-}" ]; then
  step "7. tools/gtv test (the README's second command)"
  timed gtv test || { tail -n 60 "$dir/fresh-debian-steps.log" >&2; die "tools/gtv test failed after ${elapsed}s"; }
  say "tools/gtv test: ${elapsed}s, passed"
fi
step "fresh Debian 12: the README's set-up, up again, status, logs, token, down and the tests held (figures in $report)"
