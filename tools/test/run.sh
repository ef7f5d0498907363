#!/usr/bin/env bash
# The whole test suite, as CI runs it (tools/gtv test installs first):
#   1. static checks: formatting, HAProxy/Prometheus configs and alert tests, lint (with Nx module boundaries)
#   2. unit tests of every project
#   3. repository tests on a real PostgreSQL (`*.db-spec.ts`, target test-db): a throwaway cluster per
#      project, migrated once into a template, a fresh database per test file cloned from it
#   4. build, then the integration suite against the real single-node stack through the edge, `up` again on
#      the running stack (tools/test/up-again.sh), and the console's browser tests
#   5. `gtv down`, and a check that nothing the stack started is still running
# The integration stack uses its own state directory, fresh each run, so it never touches
# the data of a stack a developer runs with `tools/gtv up`.
source "$(dirname "$0")/../install/lib.sh"
source "$GTV_ROOT/tools/stack/ports.sh"
cd "$GTV_ROOT"
export NX_NO_CLOUD=true NX_DAEMON=false

GTV_TEST_STATE=${GTV_TEST_STATE:-/var/lib/gt-vision-test}

step "Format check (prettier)"
npx prettier --check . --log-level warn

step "Configuration checks (HAProxy, Prometheus config, alert rules and their unit tests, Grafana dashboards)"
# The HTTPS listener needs a certificate: a throwaway self-signed one stands in for tools/stack/tls.sh's.
checkdir=$(mktemp -d)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=config-check \
  -keyout "$checkdir/key.pem" -out "$checkdir/cert.pem" 2>/dev/null
cat "$checkdir/cert.pem" "$checkdir/key.pem" >"$checkdir/edge.pem"
GTV_TLS_PEM="$checkdir/edge.pem" haproxy -c -f "$GTV_ROOT/haproxy/haproxy.cfg" >/dev/null
# As the containers run it (deploy/compose): replicas found by DNS, the compose network counted as local, the
# inner listener on the loopback it shares with the WAF.
GTV_TLS_PEM="$checkdir/edge.pem" GTV_DNS_DISCOVERY=1 GTV_INGEST_HOST=ingest GTV_ANALYTICS_HOST=analytics \
  GTV_EDGE_LOCAL_NETWORK=10.89.240.0/24 GTV_EDGE_BEHIND_WAF_HOST=127.0.0.1 haproxy -c -f "$GTV_ROOT/haproxy/haproxy.cfg" >/dev/null
rm -rf "$checkdir"
# The services' bearer token file is written at run time beside the config; check a copy with one.
promdir=$(mktemp -d)
cp "$GTV_ROOT"/observability/prometheus/{prometheus,alerts}.yml "$promdir/"
echo "not-a-real-token" >"$promdir/service-token"
promtool check config "$promdir/prometheus.yml" >/dev/null
# As compose renders it: its GTV_PROMETHEUS_TARGETS (the folded lines under that key in compose.yaml).
compose_targets=$(awk '/GTV_PROMETHEUS_TARGETS: >-$/ { on = 1; next }
  on && /^ +[a-z][a-z-]*=/ { printf "%s ", $0; next } on { exit }' "$GTV_ROOT/deploy/compose/compose.yaml")
[ -n "$compose_targets" ] || die "no GTV_PROMETHEUS_TARGETS in deploy/compose/compose.yaml"
GTV_PROMETHEUS_TARGETS=$compose_targets "$GTV_ROOT/tools/stack/prometheus-config.sh" \
  "$GTV_ROOT/observability/prometheus/prometheus.yml" >"$promdir/prometheus.yml"
grep -q 'dns_sd_configs' "$promdir/prometheus.yml" || die "prometheus-config.sh rendered no DNS target for compose"
promtool check config "$promdir/prometheus.yml" >/dev/null
rm -rf "$promdir"
promtool test rules "$GTV_ROOT/observability/prometheus/alerts.test.yml"
# The committed Grafana dashboards are what their definitions write.
dashdir=$(mktemp -d)
node "$GTV_ROOT/observability/grafana/dashboards.mjs" "$dashdir"
for f in "$dashdir"/*.json; do
  cmp -s "$f" "$GTV_ROOT/observability/grafana/dashboards/$(basename "$f")" \
    || die "observability/grafana/dashboards/$(basename "$f") differs from its definition: run node observability/grafana/dashboards.mjs"
done
rm -rf "$dashdir"
"$GTV_ROOT/tools/test/debian-units.test.sh"
"$GTV_ROOT/tools/test/ports.test.sh"
"$GTV_ROOT/tools/test/up-again.test.sh"
"$GTV_ROOT/tools/test/fingerprint.test.sh"
"$GTV_ROOT/tools/test/waf-redact.test.sh"
# Every Kubernetes manifest against the Kubernetes schemas (tools and schemas cached after the first run).
"$GTV_ROOT/deploy/k8s/validate.sh"

step "Lint"
npx nx run-many -t lint --output-style=static

step "Unit tests"
npx nx run-many -t test --output-style=static
# The benchmarks' plain-Node modules that have tests of their own.
node --test 'bench/**/*.test.mjs'

step "Repository tests on a real PostgreSQL"
npx nx run-many -t test-db --output-style=static

step "Integration: the single-node stack"
for port in "$GTV_EDGE_HTTP_PORT" "$GTV_POSTGRES_PORT" "$GTV_KAFKA_PORT" "$GTV_MEDIAMTX_API_PORT"; do
  if (exec 3<>"/dev/tcp/$GTV_HOST/$port") 2>/dev/null; then
    die "port $port is in use: stop the running stack first (tools/gtv down)"
  fi
done
rm -rf "$GTV_TEST_STATE"
export GTV_STATE=$GTV_TEST_STATE
stop_stack() { "$GTV_ROOT/tools/gtv" down || true; }
trap stop_stack EXIT
# The suite logs in as dozens of throwaway users, all from 127.0.0.1: more than the 30 a minute one
# address may try by default (a control room's worth). The per-username limit and the lock-out keep
# their defaults and are tested; the per-address limit is unit-tested.
export LOGIN_MAX_ATTEMPTS_PER_IP=1000
# system-alerts.spec waits for a camera's CameraOffline alert to fire for real; the default (2 minutes
# offline) would only make it wait longer.
export CAMERA_OFFLINE_ALERT_AFTER_S=10
"$GTV_ROOT/tools/gtv" up
npx nx run stack-e2e:e2e --output-style=static
# `up` again on the running stack: nothing changed restarts nothing; one changed setting restarts its reader.
"$GTV_ROOT/tools/test/up-again.sh"
# The operator console in Debian's Chromium (playwright-core), against the same stack through the edge;
# a screenshot of each step is left in dist/console-e2e/.
npx nx run console-e2e:e2e --output-style=static
# What the suites did is in the audit trail, chained and unbroken.
"$GTV_ROOT/tools/test/audit-after-suite.sh"

step "Integration: down stops everything"
trap - EXIT
"$GTV_ROOT/tools/gtv" down
"$GTV_ROOT/tools/test/assert-stopped.sh"
