#!/usr/bin/env bash
# VictoriaLogs, the stack's log store (query UI and LogsQL API included), and vlagent, its agent that tails
# the components' log files into it, built from the Go module proxy (one module holds both). Prints the
# directory holding victoria-logs-<version> and vlagent-<version>; tools/stack/components/victorialogs.sh
# and vlagent.sh run them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

module=github.com/VictoriaMetrics/VictoriaLogs
for app in victoria-logs vlagent; do
  bin="$GTV_CACHE/bin/$app-$VICTORIALOGS_VERSION"
  [ -x "$bin" ] && continue
  step "Building $app $VICTORIALOGS_VERSION from the Go module proxy"
  # buildinfo.Version is what -version prints and vm_app_version reports (empty unless set).
  go_build_module "$module" "$VICTORIALOGS_VERSION" "./app/$app" "$bin" -version -ldflags \
    "-s -w -X github.com/VictoriaMetrics/VictoriaMetrics/lib/buildinfo.Version=$app-$VICTORIALOGS_VERSION"
done
echo "$GTV_CACHE/bin"
