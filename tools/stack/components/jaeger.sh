#!/usr/bin/env bash
# Runs Jaeger (tools/install/jaeger.sh) in the foreground for process-compose, as the prometheus user when
# started as root: it keeps traces in memory only, so it needs no state but its binary and config.
# The services send it OTLP/HTTP (tools/stack/components/service.sh); the query API and the UI page answer on
# GTV_JAEGER_UI_PORT. Readiness: its health check extension (GET /status on GTV_JAEGER_HEALTH_PORT).
#   JAEGER_MAX_TRACES   traces kept before the oldest are evicted (default 20000)
source "$(dirname "$0")/../common.sh"
source "$GTV_ROOT/tools/install/versions.sh"
gtv_load_settings

export JAEGER_MAX_TRACES=${JAEGER_MAX_TRACES:-20000}
[[ $JAEGER_MAX_TRACES =~ ^[1-9][0-9]*$ ]] || die "JAEGER_MAX_TRACES=$JAEGER_MAX_TRACES is not a positive number"

user=$(gtv_service_user prometheus)
bin=$(gtv_runnable_copy "$GTV_CACHE/bin/jaeger-$JAEGER_VERSION" jaeger)
dir="$GTV_STATE/jaeger"
mkdir -p "$dir"
install -m 644 "$GTV_ROOT/deploy/single-node/jaeger/jaeger.yaml" "$dir/jaeger.yaml"

cd "$dir"
gtv_as "$user" "$bin" --config "$dir/jaeger.yaml"
