# podman as these machines need it, for the deploy/ scripts. Sourced, never executed.
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/install/lib.sh"
[ "$(id -u)" -eq 0 ] || die "run as root (podman with runc and cgroupfs)"
export CONTAINERS_CONF="$GTV_CACHE/systemd-host/containers.conf"

# podman and its helpers installed when missing, its settings (hybrid cgroups: runc and cgroupfs; no ulimits
# podman may not raise) and the Debian 12 base image, made from Debian's packages once: tools/test/podman-base.sh.
gtv_base_image() {
  # shellcheck source=../../tools/test/podman-base.sh
  source "$GTV_ROOT/tools/test/podman-base.sh"
}
