#!/usr/bin/env bash
# Runs the Prometheus NATS exporter in the foreground, as the prometheus system user when started as
# root. It polls nats-server's monitoring port (JSON: /varz, /connz, /routez, /subsz, /jsz) on each
# scrape and answers the Prometheus text format: gnatsd_* for the server, jetstream_* for JetStream.
# Readiness: curl -fsS http://127.0.0.1:7777/metrics | grep -q '^gnatsd_varz_'
# SIGTERM ends it at once (it handles only SIGINT itself); it keeps no state, so nothing is lost.
source "$(dirname "$0")/../common.sh"
source "$GTV_ROOT/tools/install/versions.sh"

bin=$(gtv_runnable_copy "$GTV_CACHE/bin/prometheus-nats-exporter-$NATS_EXPORTER_VERSION" prometheus-nats-exporter)
user=$(gtv_service_user prometheus)
# GTV_NATS_HOST: the server's name in a container network (deploy/compose), where the exporter has its own.
monitor="http://${GTV_NATS_HOST:-$GTV_HOST}:$GTV_NATS_MONITOR_PORT"

# The exporter learns which /varz, /subsz and /routez fields to export from the server's first answer,
# once, at startup: started before NATS, it would serve no gnatsd_* metrics until restarted. So wait for
# the monitoring port (bounded; on timeout exit non-zero and let the supervisor retry).
note "waiting for NATS monitoring at $monitor"
gtv_wait_for 60 curl -fsS -o /dev/null --max-time 2 "$monitor/varz" \
  || die "NATS monitoring at $monitor did not answer within 60 s"

# -jsz=all: server, stream and consumer JetStream metrics (all = consumers, which includes streams).
# No -healthz: in v0.12.0 it requests "<url>healthz" without the slash and never gets an answer
# (readiness is tools/stack/probe.sh nats, against the server itself).
gtv_as "$user" "$bin" \
  -addr "$GTV_HOST" \
  -port "$GTV_NATS_EXPORTER_PORT" \
  -varz -connz -routez -subz -jsz=all \
  "$monitor"
