# Helpers of deploy/compose/up.sh and down.sh. Sourced, never executed.
compose_file="$GTV_ROOT/deploy/compose/compose.yaml"
compose_venv="$GTV_CACHE/podman-compose-1.6.0"
project=gt-vision

# podman-compose 1.6 from PyPI (Debian 12's 1.0.3 has no `service_completed_successfully` and mishandles
# secrets with a target), in a venv of its own, installed once.
compose() {
  if [ ! -x "$compose_venv/bin/podman-compose" ]; then
    step "Installing podman-compose 1.6.0 from PyPI"
    python3 -m venv "$compose_venv" && "$compose_venv/bin/pip" install -q podman-compose==1.6.0 ||
      die "cannot install podman-compose (python3-venv)"
  fi
  "$compose_venv/bin/podman-compose" -p "$project" -f "$compose_file" "$@"
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
