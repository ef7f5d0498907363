# Helpers of deploy/compose/up.sh and down.sh. Sourced, never executed.
compose_file="$GTV_ROOT/deploy/compose/compose.yaml"
# More compose files merged over it (colon-separated), e.g. deploy/compose/e2e.yaml for the integration suite.
compose_files=(-f "$compose_file")
IFS=: read -ra _extra <<<"${GTV_COMPOSE_EXTRA_FILES:-}"
for _f in "${_extra[@]}"; do compose_files+=(-f "$_f"); done
unset _extra _f
compose_venv="$GTV_CACHE/podman-compose-1.6.0"
project=gt-vision

export GTV_COMPOSE_STATE=${GTV_COMPOSE_STATE:-/var/lib/gtv-compose}
# The compose network's subnet, which the components trust each other by (compose.yaml, same default there).
export GTV_COMPOSE_SUBNET=${GTV_COMPOSE_SUBNET:-10.89.240.0/24}

# podman-compose reuses the project's network when it exists, whatever its subnet and DNS: one left over from
# another GTV_COMPOSE_SUBNET (or from a compose file without one) would have the registry refuse MediaMTX's
# calls, one made before the dnsname plugin was installed resolves no service name. Such a network is
# removed, which podman refuses while a container still uses it.
compose_network_check() {
  local network=${project}_default subnets dns
  podman network exists "$network" || return 0
  subnets=$(podman network inspect -f '{{range .Subnets}}{{.Subnet}} {{end}}' "$network")
  dns=$(podman network inspect -f '{{.DNSEnabled}}' "$network")
  [ "${subnets% }" != "$GTV_COMPOSE_SUBNET" ] || [ "$dns" != true ] || return 0
  podman network rm "$network" >/dev/null 2>&1 ||
    die "network $network (subnet ${subnets% }, DNS $dns) is not GTV_COMPOSE_SUBNET=$GTV_COMPOSE_SUBNET with DNS, and is in use: run deploy/compose/down.sh"
}

# The single node's secrets (tools/stack/secrets.sh) and edge certificate (tools/stack/tls.sh), generated once
# into $GTV_COMPOSE_STATE, then one file per value under compose-secrets/ for the services' containers.
compose_prepare_secrets() {
  local state=$GTV_COMPOSE_STATE
  GTV_STATE=$state "$GTV_ROOT/tools/stack/secrets.sh"
  GTV_STATE=$state "$GTV_ROOT/tools/stack/tls.sh" >/dev/null
  # One file per value; compose mounts each only into the containers that use it.
  (
    set -a
    # shellcheck disable=SC1091
    . "$state/secrets.env"
    umask 077
    out="$state/compose-secrets"
    mkdir -p "$out"
    put() { printf '%s' "$2" >"$out/$1.new" && mv -f "$out/$1.new" "$out/$1"; }
    put db-password "$GTV_DB_PASSWORD"
    put redis-password "$GTV_REDIS_PASSWORD"
    put internal-service-token "$GTV_INTERNAL_SERVICE_TOKEN"
    put encryption-key "$GTV_ENCRYPTION_KEY"
    put admin-password "$GTV_ADMIN_PASSWORD"
    # The simulator serves on every interface of its container; MediaMTX pulls camera-simulator:8654.
    put simulator-rtsp-url "rtsp://demo:$GTV_SIMULATOR_RTSP_PASSWORD@0.0.0.0:8654"
    put nats-camera-registry-password "$GTV_NATS_CAMERA_REGISTRY_PASSWORD"
    put nats-ingest-password "$GTV_NATS_INGEST_PASSWORD"
    put nats-frame-extraction-password "$GTV_NATS_FRAME_EXTRACTION_PASSWORD"
    put nats-analytics-password "$GTV_NATS_ANALYTICS_PASSWORD"
    # Copied in place (cp keeps the file), so that containers see a rotated key when restarted: a secret is a
    # bind mount of the file.
    cp -f "$GTV_JWT_PRIVATE_KEY_FILE" "$out/jwt-private.pem"
    cp -f "$GTV_JWT_PUBLIC_KEY_FILE" "$out/jwt-public.pem"
    # The retired public keys secrets.sh keeps (those that may still have unexpired tokens), in a directory
    # every service that verifies tokens mounts (compose.yaml): emptied and refilled, never replaced.
    mkdir -p "$out/jwt-retired"
    rm -f "$out/jwt-retired"/*.pem
    IFS=, read -ra retired <<<"${GTV_JWT_RETIRED_PUBLIC_KEY_FILES:-}"
    for key in "${retired[@]}"; do cp -f "$key" "$out/jwt-retired/"; done
    # The services run as uid 10001 (deploy/containers/Containerfile) and read their files themselves.
    chown -R 10001:10001 "$out"
    chmod 500 "$out/jwt-retired"
    find "$out" -type f -exec chmod 400 {} +
  )
}

# podman-compose 1.6 from PyPI, in a venv of its own, installed once: Debian 12's 1.0.3 knows neither
# `deploy.replicas` (the two ingest and analytics replicas) nor `depends_on` conditions (read in its source).
compose() {
  if [ ! -x "$compose_venv/bin/podman-compose" ]; then
    step "Installing podman-compose 1.6.0 from PyPI"
    python3 -m venv "$compose_venv" && "$compose_venv/bin/pip" install -q podman-compose==1.6.0 ||
      die "cannot install podman-compose (python3-venv)"
  fi
  "$compose_venv/bin/podman-compose" -p "$project" "${compose_files[@]}" "$@"
}

# The compose file as the podman-compose venv's Python reads it (PyYAML comes with podman-compose).
compose_query() { compose >/dev/null version; "$compose_venv/bin/python" - "$compose_file" "$@"; }

# Services by dependency level: one line per level, names separated by commas.
compose_levels() {
  compose_query <<'PY'
import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
level = {}
def depth(name):
    if name not in level:
        deps = services[name].get("depends_on") or {}
        level[name] = 1 + max((depth(d) for d in deps), default=-1)
    return level[name]
for name in services: depth(name)
for n in range(max(level.values()) + 1):
    print(",".join(s for s in services if level[s] == n))
PY
}

# A service's dependencies as name=condition.
compose_dependencies() {
  compose_query "$1" <<'PY'
import sys, yaml
deps = yaml.safe_load(open(sys.argv[1]))["services"][sys.argv[2]].get("depends_on") or {}
if isinstance(deps, list): deps = {d: {"condition": "service_started"} for d in deps}
for name, spec in deps.items(): print(f"{name}={spec.get('condition', 'service_started')}")
PY
}

# The services that verify access tokens: those given the JWT public key.
compose_token_verifiers() {
  compose_query <<'PY'
import sys, yaml
for name, spec in yaml.safe_load(open(sys.argv[1]))["services"].items():
    if "jwt-public.pem" in (spec.get("secrets") or []): print(name)
PY
}

compose_services() {
  compose_query <<'PY'
import sys, yaml
for name, spec in yaml.safe_load(open(sys.argv[1]))["services"].items():
    if "healthcheck" in spec: print(name)
PY
}

containers_of() {
  podman ps -a --filter "label=io.podman.compose.project=$project" \
    --filter "label=com.docker.compose.service=$1" --format '{{.Names}}'
}

# Waits until every container of a service meets a compose condition, for up to GTV_COMPOSE_TIMEOUT seconds.
wait_condition() {
  local service=$1 condition=$2 deadline=$((SECONDS + ${GTV_COMPOSE_TIMEOUT:-600})) ctr ok
  while :; do
    ok=1
    for ctr in $(containers_of "$service"); do
      case "$condition" in
        service_healthy)
          podman healthcheck run "$ctr" >/dev/null 2>&1 || ok=0 ;;
        service_completed_successfully)
          [ "$(podman inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$ctr")" = "exited 0" ] || ok=0 ;;
        *)
          [ "$(podman inspect -f '{{.State.Status}}' "$ctr")" = running ] || ok=0 ;;
      esac
    done
    [ -n "$(containers_of "$service")" ] || ok=0
    [ "$ok" = 1 ] && return 0
    [ "$SECONDS" -lt "$deadline" ] || die "$service did not become ${condition#service_} (podman logs $(containers_of "$service" | head -n 1))"
    sleep 2
  done
}

# Healthy is not yet routed: HAProxy finds each replica by DNS and checks it before sending it requests.
wait_routed() {
  local edge="http://127.0.0.1:${GTV_EDGE_HTTP_PORT:-80}" deadline=$((SECONDS + ${GTV_COMPOSE_TIMEOUT:-600}))
  until curl -fs -o /dev/null --max-time 5 "$edge/api/auth/.well-known/jwks.json"; do
    [ "$SECONDS" -lt "$deadline" ] || die "the edge does not route to camera-registry ($edge)"
    sleep 2
  done
}
