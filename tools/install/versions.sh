# Pinned versions of everything the install scripts fetch. Sourced.
NODE_VERSION=24.21.0
PROCESS_COMPOSE_VERSION=v1.85.0
MEDIAMTX_VERSION=v1.20.1
MEDIAMTX_HLSJS_VERSION=1.7.0
KAFKA_VERSION=3.9.1
KAFKA_SCALA_VERSION=2.13
# The only version of github.com/nats-io/prometheus-nats-exporter the allowed Go proxy mirror serves.
NATS_EXPORTER_VERSION=v0.12.0
