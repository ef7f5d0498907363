#!/usr/bin/env bash
# Runs the GT-Vision service Deployments of deploy/k8s with `podman kube play` and waits until each answers
# its health endpoints, then removes them:
#   deploy/k8s/kube-play.sh [service...]      default: every service; also: waf
#   GTV_KUBE_PLAY_KEEP=1                      leave the pods running
#   GTV_KUBE_PLAY_PORT_BASE=13100             first of the 127.0.0.1 ports the pods' ports are published on
# The manifests are the overlay deploy/k8s/overlays/podman as kustomize renders it, with what podman 4.3's
# kube play lacks filled in here: it mounts no Secret or projected volume, so each pod's projected secrets
# become a host directory holding the same files (from deploy/compose's secrets), and one replica is played.
# With the compose deployment up (deploy/compose/up.sh), the pods join its network and reach its PostgreSQL,
# Kafka, NATS and Redis, so /health/ready passes too; without it, only the LPR engine (no dependencies) is ready.
# The WAF hands what it lets through to compose's HAProxy (haproxy:8081); without compose, to a closed local
# port, so that it still starts (nginx resolves its upstream at start) and shows it refuses an attack.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"
source "$GTV_ROOT/tools/install/versions.sh"

services=("$@")
[ ${#services[@]} -gt 0 ] || services=(lpr-engine camera-registry ingest frame-extraction analytics)
kustomize="$GTV_CACHE/bin/kustomize-$KUSTOMIZE_VERSION"
[ -x "$kustomize" ] || "$GTV_ROOT/deploy/k8s/validate.sh" >/dev/null || die "kustomize is missing (deploy/k8s/validate.sh)"
gtv_base_image
compose_prepare_secrets

network=${project}_default
podman network exists "$network" || network=podman
# The registry trusts MediaMTX's auth calls from the network the pods join (the base's default is the pod CIDR).
subnets=$(podman network inspect -f '{{range .Subnets}}{{.Subnet}},{{end}}' "$network")
work="$GTV_COMPOSE_STATE/kube-play"
rm -rf "$work"
mkdir -p "$work"
"$kustomize" build --load-restrictor LoadRestrictionsNone "$GTV_ROOT/deploy/k8s/overlays/podman" >"$work/rendered.yaml"
"$compose_venv/bin/python" - "$work" "$GTV_COMPOSE_STATE/compose-secrets" "$network" "${subnets%,}" "${services[@]}" <<'PY'
import os, shutil, sys, yaml
work, secrets, network, subnets, wanted = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
# The compose file holding each Kubernetes Secret key (deploy/k8s/README.md lists the Secrets).
def source(name, key):
    if name == "gtv-nats":
        return f"nats-{key}-password"
    return {
        ("gtv-db-app", "password"): "db-password",
        ("gtv-redis", "password"): "redis-password",
        ("gtv-internal", "service-token"): "internal-service-token",
        ("gtv-registry", "encryption-key"): "encryption-key",
        ("gtv-registry", "admin-password"): "admin-password",
        ("gtv-jwt", "private.pem"): "jwt-private.pem",
        ("gtv-jwt", "public.pem"): "jwt-public.pem",
    }[(name, key)]
docs = list(yaml.safe_load_all(open(os.path.join(work, "rendered.yaml"))))
played = [d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] in wanted]
# The ConfigMaps the played pods read (environment and configuration volumes), in the same file.
used = {v["configMap"]["name"] for d in played for v in d["spec"]["template"]["spec"]["volumes"] if "configMap" in v}
used |= {e["configMapRef"]["name"] for d in played for c in d["spec"]["template"]["spec"]["containers"]
         for e in c.get("envFrom", []) if "configMapRef" in e}
out = [d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] in used]
# podman 4.3 publishes every containerPort on the host, on all interfaces and on the same port unless told
# otherwise: the pods would all want :3000. Each port goes to a port of its own on 127.0.0.1 instead.
host_port = int(os.environ.get("GTV_KUBE_PLAY_PORT_BASE", "13100"))
for doc in played:
    name = doc["metadata"]["name"]
    doc["spec"]["replicas"] = 1
    for container in doc["spec"]["template"]["spec"]["containers"]:
        for port in container.get("ports", []):
            port["hostIP"] = "127.0.0.1"
            port["hostPort"] = host_port
            host_port += 1
    env = doc["spec"]["template"]["spec"]["containers"][0].get("env", [])
    for var in env:
        if name == "waf" and var["name"] == "GTV_WAF_UPSTREAM":
            var["value"] = "haproxy:8081" if network != "podman" else "127.0.0.1:8081"
        if var["name"] == "INTERNAL_TRUSTED_NETWORKS":
            var["value"] = subnets
    for volume in doc["spec"]["template"]["spec"]["volumes"]:
        if "projected" not in volume:
            continue
        directory = os.path.join(work, name, volume["name"])
        for item_source in volume.pop("projected")["sources"]:
            secret = item_source["secret"]
            # An optional Secret (retired JWT keys) is one the compose deployment does not have: left out.
            if secret.get("optional"):
                continue
            for item in secret["items"]:
                dest = os.path.join(directory, item["path"])
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copy2(os.path.join(secrets, source(secret["name"], item["key"])), dest)
                os.chown(dest, 10001, 10001)
        for root, dirs, _ in os.walk(directory):
            for d in [root] + [os.path.join(root, d) for d in dirs]:
                os.chown(d, 10001, 10001)
                os.chmod(d, 0o500)
        volume["hostPath"] = {"path": directory, "type": "Directory"}
    out.append(doc)
yaml.safe_dump_all(out, open(os.path.join(work, "play.yaml"), "w"), sort_keys=False)
PY

step "podman kube play (${services[*]}) on network $network"
podman kube play --network "$network" "$work/play.yaml" >"$work/play.log" 2>&1 ||
  { cat "$work/play.log" >&2; die "podman kube play failed"; }
down() { [ -n "${GTV_KUBE_PLAY_KEEP:-}" ] || podman kube play --down "$work/play.yaml" >/dev/null 2>&1 || true; }
trap down EXIT

probe() { podman exec "$1" node -e "fetch('http://127.0.0.1:3000$2').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; }
# The WAF: its /healthz, then an attack (XSS in a query) must be refused with 403 by the rule set.
waf_probe() {
  case "$2" in
    /healthz) podman exec "$1" curl -fsS -o /dev/null http://127.0.0.1:8090/healthz ;;
    attack) [ "$(podman exec "$1" curl -s -o /dev/null -w '%{http_code}' \
      'http://127.0.0.1:8090/api/cameras?q=%3Cscript%3Ealert(1)%3C/script%3E')" = 403 ] ;;
  esac
}
status=0
for service in "${services[@]}"; do
  ctr="$service-pod-0-$service"
  endpoints=(/health/live /health/ready) check=probe
  [ "$service" != waf ] || endpoints=(/healthz attack) check=waf_probe
  for endpoint in "${endpoints[@]}"; do
    deadline=$((SECONDS + ${GTV_KUBE_PLAY_TIMEOUT:-240}))
    until "$check" "$ctr" "$endpoint" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        note "$service: $endpoint does not answer 200 (podman logs $ctr)"
        status=1
        continue 3
      fi
      sleep 2
    done
    note "$service: $endpoint answered"
  done
done
exit "$status"
