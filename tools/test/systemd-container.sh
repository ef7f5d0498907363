#!/usr/bin/env bash
# A Debian 12 booted by systemd, in a container (this machine runs no systemd): sourced by the tests that need a
# real Debian host, tools/test/systemd-host.sh and tools/test/fresh-debian.sh. Sourcing it builds the image
# when it is missing; then:
#   boot_systemd_container <name> [podman run options...]   builds the image once, boots a container of it
#   inside <command...>                                      runs a command in it
# The image: `debootstrap --variant=minbase bookworm` imported with `podman import` (no image registry is
# used), plus systemd; both cached (~/.cache/gt-vision/systemd-host, podman images). A plain Debian 12 has no
# policy-rc.d, so package installs start their daemons, as on a real machine. The container has its own
# network namespace (slirp4netns: its own ports, outbound access for apt and the package registries).
# GTV_SYSTEMD_HOST_KEEP=1 leaves the container running after the test (podman exec -it <name> bash).
source "$GTV_ROOT/tools/test/podman-base.sh"
image=localhost/gtv-debian12-systemd

if ! podman image exists "$image"; then
  step "Building $image (systemd on Debian 12)"
  cat >"$dir/Containerfile" <<'EOF'
FROM localhost/gtv-debian12-minbase
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      systemd systemd-sysv dbus iproute2 procps curl ca-certificates less \
    && apt-get clean && rm -rf /var/lib/apt/lists/*
# A plain Debian 12 has no policy-rc.d: package installs start their daemons, as on a real machine.
RUN rm -f /usr/sbin/policy-rc.d
STOPSIGNAL SIGRTMIN+3
CMD ["/sbin/init"]
EOF
  with_progress "podman build" nice podman build --network=host -t "$image" -f "$dir/Containerfile" "$dir"
fi

boot_systemd_container() {
  ctr=$1
  shift
  podman rm -f "$ctr" >/dev/null 2>&1 || true
  cleanup() { [ -n "${GTV_SYSTEMD_HOST_KEEP:-}" ] || podman rm -f "$ctr" >/dev/null 2>&1 || true; }
  trap cleanup EXIT
  step "Booting $image with systemd as PID 1 (own network namespace)"
  # slirp4netns: its own ports (the daemons cannot reach the host's) and outbound access for apt. SYS_PTRACE:
  # root on a real host may read every process's open sockets, which is how `ss -p` names a port's holder.
  podman run -d --name "$ctr" --systemd=always --network=slirp4netns --cap-add=SYS_PTRACE "$@" "$image" >/dev/null
  for _ in $(seq 120); do booted && break; sleep 1; done
  booted || { inside systemctl --failed >&2 || true; die "systemd did not finish booting in the container"; }
  note "PID 1: $(inside ps -o comm= -p 1); $(inside systemctl is-system-running 2>/dev/null)"
}
inside() { podman exec "$ctr" "$@"; }
booted() { [ "$(inside systemctl is-system-running 2>/dev/null)" = running ] || [ "$(inside systemctl is-system-running 2>/dev/null)" = degraded ]; }
