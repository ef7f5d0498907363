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
[ "$(id -u)" -eq 0 ] || die "run as root (podman, debootstrap)"
dir="$GTV_CACHE/systemd-host"
base_image=localhost/gtv-debian12-minbase
image=localhost/gtv-debian12-systemd
mkdir -p "$dir"

# podman's settings for this machine (hybrid cgroups: runc and cgroupfs; no ulimits it may not raise), in
# a file of our own rather than /etc/containers/containers.conf.
cat >"$dir/containers.conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
CONF
export CONTAINERS_CONF="$dir/containers.conf"

need=()
for tool in podman:podman runc:runc debootstrap:debootstrap slirp4netns:slirp4netns; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  step "Installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >"$dir/apt.log" 2>&1 ||
    { tail -n 20 "$dir/apt.log" >&2; die "apt-get install ${need[*]} failed"; }
fi

if ! podman image exists "$base_image"; then
  if [ ! -f "$dir/bookworm-minbase.tar" ]; then
    step "debootstrap --variant=minbase bookworm (once; cached in $dir)"
    rm -rf "$dir/rootfs"
    with_progress "debootstrap" nice debootstrap --variant=minbase bookworm "$dir/rootfs" http://deb.debian.org/debian
    tar -C "$dir/rootfs" -cf "$dir/bookworm-minbase.tar.new" . && mv "$dir/bookworm-minbase.tar.new" "$dir/bookworm-minbase.tar"
    rm -rf "$dir/rootfs"
  fi
  step "podman import $base_image"
  podman import -q "$dir/bookworm-minbase.tar" "$base_image" >/dev/null
fi

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
