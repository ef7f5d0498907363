#!/usr/bin/env bash
# Builds every GT-Vision image with podman, one at a time (a 2-core machine), reusing layers between runs:
#   deploy/containers/build.sh [image...]     default: all; names as below (camera-registry, haproxy, ...)
# Services and console come from deploy/containers/Containerfile, infrastructure from
# deploy/containers/infra/Containerfile. Every image is tagged localhost/gtv-<name>:<version> and :latest.
# The base, localhost/gtv-debian12-minbase, is made from Debian's packages by tools/test/systemd-container.sh
# (debootstrap + podman import): no image registry is used.
source "$(dirname "$0")/podman.sh"

version=$(jq -r .version "$GTV_ROOT/package.json")
revision=$(git -C "$GTV_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
git -C "$GTV_ROOT" diff --quiet HEAD 2>/dev/null || revision="$revision-dirty"

# name:containerfile:target[:service]
images=(
  camera-registry:Containerfile:service:camera-registry
  ingest:Containerfile:service:ingest
  analytics:Containerfile:service:analytics
  lpr-engine:Containerfile:service:lpr-engine
  frame-extraction:Containerfile:service-ffmpeg:frame-extraction
  camera-simulator:Containerfile:camera-simulator
  console:Containerfile:console
  postgres:infra/Containerfile:postgres
  pgbouncer:infra/Containerfile:pgbouncer
  redis:infra/Containerfile:redis
  nats:infra/Containerfile:nats
  kafka:infra/Containerfile:kafka
  mediamtx:infra/Containerfile:mediamtx
  haproxy:infra/Containerfile:haproxy
  waf:infra/Containerfile:waf
  prometheus:infra/Containerfile:prometheus
  exporters:infra/Containerfile:exporters
  jaeger:infra/Containerfile:jaeger
)

wanted=("$@")
selected() { [ ${#wanted[@]} -eq 0 ] || printf '%s\n' "${wanted[@]}" | grep -qx "$1"; }

gtv_base_image
# The host's trust store, for the build's downloads (npm registry, Go module proxy, Maven Central).
ca=${GTV_BUILD_CA_FILE:-/etc/ssl/certs/ca-certificates.crt}
[ -f "$ca" ] || die "no CA bundle at $ca (GTV_BUILD_CA_FILE)"
java_ca=${GTV_BUILD_JAVA_CA_FILE:-/etc/ssl/certs/java/cacerts}
[ -f "$java_ca" ] || die "no Java trust store at $java_ca (GTV_BUILD_JAVA_CA_FILE; Debian: ca-certificates-java)"
# containers.conf sets no default ulimits (podman may not raise them here), which leaves a build 1024 open
# files: npm ci runs out (EMFILE). The build gets this shell's own hard limit instead.
nofile=$(ulimit -Hn)
built=()
for spec in "${images[@]}"; do
  IFS=: read -r name file target service <<<"$spec"
  selected "$name" || continue
  args=(--build-arg "VERSION=$version" --build-arg "REVISION=$revision")
  [ -z "$service" ] || args+=(--build-arg "SERVICE=$service")
  with_progress "build gtv-$name" nice -n 10 podman build --format docker --network=host --layers \
    --ignorefile "$GTV_ROOT/deploy/containers/containerignore" --volume "$ca:/run/gtv-build/ca.crt:ro" \
    --volume "$java_ca:/run/gtv-build/cacerts:ro" \
    --ulimit "nofile=$nofile:$nofile" \
    -f "$GTV_ROOT/deploy/containers/$file" --target "$target" "${args[@]}" \
    -t "localhost/gtv-$name:$version" -t "localhost/gtv-$name:latest" "$GTV_ROOT"
  built+=("localhost/gtv-$name:latest")
done
[ ${#built[@]} -gt 0 ] || die "no image named ${wanted[*]}"
step "Images"
# podman 4.3's `images` takes one name at a time.
for image in "${built[@]}"; do
  podman images --format '{{.Repository}}:{{.Tag}}  {{.Size}}' "$image" | sed 's/^/    /' >&2
done
