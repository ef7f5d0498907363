# podman as these machines need it, for the deploy/ scripts. Sourced, never executed.
# The settings are tools/test/systemd-container.sh's (hybrid cgroups: runc and cgroupfs; no ulimits podman
# may not raise), and so is the Debian 12 base image it makes from debootstrap; sourcing that file builds
# the base once when missing (and the systemd image, which we do not need, is built only by its users).
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/install/lib.sh"
[ "$(id -u)" -eq 0 ] || die "run as root (podman with runc and cgroupfs)"
export CONTAINERS_CONF="$GTV_CACHE/systemd-host/containers.conf"
GTV_BASE_IMAGE=localhost/gtv-debian12-minbase

gtv_base_image() {
  command -v podman >/dev/null || die "podman is missing (apt-get install podman runc slirp4netns)"
  [ -f "$CONTAINERS_CONF" ] && podman image exists "$GTV_BASE_IMAGE" ||
    die "$GTV_BASE_IMAGE is missing: it is made by tools/test/systemd-container.sh (debootstrap + podman import)"
}
