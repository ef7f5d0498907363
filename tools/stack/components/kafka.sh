#!/usr/bin/env bash
# Runs the Kafka broker (KRaft combined mode, one node) in the foreground for process-compose.
# First run: generates a cluster id and formats the storage under $GTV_STATE/kafka. Every run: writes the
# effective config there (ports from ports.env, log.dirs in the state dir) and execs the JVM, so SIGTERM
# from the supervisor reaches Kafka, which then shuts down cleanly (flushes, closes logs, leaves the quorum).
source "$(dirname "$0")/../../install/lib.sh"
source "$GTV_ROOT/tools/install/versions.sh"
source "$GTV_ROOT/tools/stack/ports.sh"

kafka_home="$GTV_CACHE/kafka-$KAFKA_VERSION"
[ -f "$kafka_home/.complete" ] || die "Kafka $KAFKA_VERSION is not installed; run tools/install/kafka.sh"
conf_dir="$GTV_ROOT/deploy/single-node/kafka"
state="$GTV_STATE/kafka"
data="$state/data"
props="$state/server.properties"
mkdir -p "$data"
# The name clients reach the broker by: its listen address on one host; its DNS name in a container network
# (deploy/compose), where it listens on every interface.
advertised=${GTV_KAFKA_ADVERTISED_HOST:-$GTV_HOST}

# In a container, GTV_KAFKA_HOST_LISTENER_PORT adds a listener for clients on the host (the integration suite
# through a port published on its loopback, deploy/compose/e2e.yaml): it advertises 127.0.0.1 and the same port,
# so the published port must be that one on both sides.
listeners="PLAINTEXT://$GTV_HOST:$GTV_KAFKA_PORT,CONTROLLER://$GTV_HOST:$GTV_KAFKA_CONTROLLER_PORT"
advertised_listeners="PLAINTEXT://$advertised:$GTV_KAFKA_PORT"
protocols=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
if [ -n "${GTV_KAFKA_HOST_LISTENER_PORT:-}" ]; then
  listeners+=",HOST://$GTV_HOST:$GTV_KAFKA_HOST_LISTENER_PORT"
  advertised_listeners+=",HOST://127.0.0.1:$GTV_KAFKA_HOST_LISTENER_PORT"
  protocols+=",HOST:PLAINTEXT"
fi

# Rewritten on every start so that edits to the checked-in file and to ports.env always take effect.
{
  grep -vE '^(log\.dirs|listeners|advertised\.listeners|listener\.security\.protocol\.map|controller\.quorum\.voters)=' \
    "$conf_dir/server.properties"
  echo "# Set by tools/stack/components/kafka.sh from tools/stack/ports.env and GTV_STATE."
  echo "log.dirs=$data"
  echo "listeners=$listeners"
  echo "advertised.listeners=$advertised_listeners"
  echo "listener.security.protocol.map=$protocols"
  echo "controller.quorum.voters=1@$advertised:$GTV_KAFKA_CONTROLLER_PORT"
} >"$props.tmp"
mv "$props.tmp" "$props"

# The tools log to stderr only: the broker's config writes INFO to stdout, which would end up in the cluster id.
tool_java=(java -Dlog4j.configuration="file:$conf_dir/tools-log4j.properties" -cp "$kafka_home/libs/*")

if [ ! -f "$data/meta.properties" ]; then
  # The id is kept apart from the data so a wiped data dir is re-formatted into the same cluster.
  if [ ! -s "$state/cluster.id" ]; then
    "${tool_java[@]}" kafka.tools.StorageTool random-uuid >"$state/cluster.id.tmp"
    mv "$state/cluster.id.tmp" "$state/cluster.id"
  fi
  # StorageTool accepts any string as the id; a stray log line in it would be formatted into the cluster.
  grep -qxE '[A-Za-z0-9_-]{22}' "$state/cluster.id" || die "$state/cluster.id is not a Kafka cluster id"
  note "formatting Kafka storage in $data (cluster $(cat "$state/cluster.id"))"
  "${tool_java[@]}" kafka.tools.StorageTool format --cluster-id "$(cat "$state/cluster.id")" --config "$props" >&2
fi

# Heap: Kafka keeps messages in the page cache, not the heap, so 1 GiB is ample for the event rate of one
# server on a 2-core, 24 GB machine. G1 flags as in Kafka's own kafka-run-class.sh. Exit on OOM so the
# supervisor restarts a broker instead of keeping a half-dead one.
exec java \
  -Xms512m -Xmx1g \
  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
  -XX:MaxInlineLevel=15 -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true \
  -Dlog4j.configuration="file:$conf_dir/log4j.properties" \
  -javaagent:"$kafka_home/agent/jmx_prometheus_javaagent.jar=$GTV_HOST:$GTV_KAFKA_METRICS_PORT:$conf_dir/jmx-exporter.yml" \
  -cp "$kafka_home/libs/*" \
  kafka.Kafka "$props"
