#!/usr/bin/env bash
# podman as these machines need it, and the Debian 12 base image every GT-Vision image starts from: sourced
# by tools/test/systemd-container.sh and deploy/containers/podman.sh. Installs what is missing (podman and
# its helpers from Debian), writes podman's settings and makes the base once: `debootstrap --variant=minbase
# bookworm` imported with `podman import` (no image registry is used), cached in ~/.cache/gt-vision/systemd-host.
[ "$(id -u)" -eq 0 ] || die "run as root (podman, debootstrap)"
dir="$GTV_CACHE/systemd-host"
base_image=localhost/gtv-debian12-minbase
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

# Besides podman and its runtime: catatonit, the init of a pod's infra container (podman kube play), and the
# CNI dnsname plugin, without which a compose network has no DNS and services cannot find each other by name.
need=()
for tool in podman:podman runc:runc debootstrap:debootstrap slirp4netns:slirp4netns catatonit:catatonit \
  /usr/lib/cni/dnsname:golang-github-containernetworking-plugin-dnsname; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  step "Installing ${need[*]}"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"; } \
    >"$dir/apt.log" 2>&1 || { tail -n 20 "$dir/apt.log" >&2; die "apt-get install ${need[*]} failed"; }
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
