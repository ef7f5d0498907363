# Pinned versions of everything the install scripts fetch. Sourced.
NODE_VERSION=24.21.0
# npm, from the registry beside Node (tools/install/node.sh): the version this lockfile was written with.
NPM_VERSION=11.19.1
PROCESS_COMPOSE_VERSION=v1.85.0
MEDIAMTX_VERSION=v1.20.1
MEDIAMTX_HLSJS_VERSION=1.7.0
KAFKA_VERSION=3.9.1
KAFKA_SCALA_VERSION=2.13
# The only version of github.com/nats-io/prometheus-nats-exporter the allowed Go proxy mirror serves.
NATS_EXPORTER_VERSION=v0.12.0
# github.com/prometheus-community/pgbouncer_exporter: its newest release (the proxy mirror lists no versions).
PGBOUNCER_EXPORTER_VERSION=v0.12.1
# github.com/VictoriaMetrics/VictoriaLogs: the log store (app/victoria-logs) and its file-tailing agent (app/vlagent).
VICTORIALOGS_VERSION=v1.52.1
# Go for building the Go programs above, when the machine has none >= 1.24 (Debian 12 ships 1.19):
# the golang.org/toolchain module of the Go module proxy (what `go` itself downloads for GOTOOLCHAIN).
# The SHA-256 of its zip was recorded when this version was pinned; a different download is refused.
GO_VERSION=1.26.8
GO_TOOLCHAIN_ZIP_SHA256_LINUX_AMD64=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7
# Jaeger (trace store, OTLP receiver and query API), cmd/jaeger of the main module. v1.75.0: the newest version
# the allowed Go proxy mirror approves (newer ones are served but not approved).
JAEGER_VERSION=v1.75.0
# Kubernetes manifest checks (deploy/k8s/validate.sh): kubeconform and kustomize from the Go module proxy; the
# Kubernetes JSON schemas from the PyPI wheel kubernetes-validate (kubeconform's default source is GitHub).
KUBECONFORM_VERSION=v0.8.0
KUSTOMIZE_VERSION=v5.7.1
K8S_SCHEMAS_WHEEL_VERSION=1.37.0
K8S_SCHEMA_VERSION=1.34.0
