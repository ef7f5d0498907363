#!/usr/bin/env bash
# The Prometheus PgBouncer exporter, built from the Go module proxy. Prints the binary's path.
# Why not Debian's prometheus-pgbouncer-exporter: it reads SHOW STATS columns PgBouncer 1.18 no longer has
# (KeyError total_requests) and crash-loops. tools/stack/components/pgbouncer-exporter.sh runs it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

bin="$GTV_CACHE/bin/pgbouncer-exporter-$PGBOUNCER_EXPORTER_VERSION"
if [ ! -x "$bin" ]; then
  step "Building pgbouncer_exporter $PGBOUNCER_EXPORTER_VERSION from the Go module proxy"
  # version.Version is what --version and pgbouncer_exporter_build_info report (empty unless set).
  go_build_module github.com/prometheus-community/pgbouncer_exporter "$PGBOUNCER_EXPORTER_VERSION" . "$bin" \
    --version -ldflags "-s -w -X github.com/prometheus/common/version.Version=${PGBOUNCER_EXPORTER_VERSION#v}"
fi
echo "$bin"
