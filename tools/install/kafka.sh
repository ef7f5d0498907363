#!/usr/bin/env bash
# Kafka (KRaft, single node) as plain jars from Maven Central: the broker, its runtime dependencies, the CLI
# tools, a logging binding and the Prometheus JMX agent. No tarball from a vendor site: Maven resolves and
# checksums every jar, and its local repository sits in the cache so a reinstall is offline.
# Prints the install dir: libs/ is the broker's classpath, agent/ holds the JMX exporter (kept off the
# classpath because it is a shaded jar meant only for -javaagent).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/versions.sh"

# Kafka 3.9.1 is built against slf4j-api 1.7.36 and ships reload4j 1.2.25 in its own distribution; the
# binding's own dependency (1.2.19) is older, so reload4j is pinned to what Kafka ships.
KAFKA_SLF4J_VERSION=${KAFKA_SLF4J_VERSION:-1.7.36}
KAFKA_RELOAD4J_VERSION=${KAFKA_RELOAD4J_VERSION:-1.2.25}
# 1.0.1 is the newest on Maven Central; 1.x needs Java 11+ and reads 0.x rule files unchanged.
KAFKA_JMX_EXPORTER_VERSION=${KAFKA_JMX_EXPORTER_VERSION:-1.0.1}
MAVEN_DEPENDENCY_PLUGIN_VERSION=3.8.1

dir="$GTV_CACHE/kafka-$KAFKA_VERSION"
if [ ! -f "$dir/.complete" ]; then
  command -v mvn >/dev/null || die "mvn not found (Debian package: maven)"
  command -v java >/dev/null || die "java not found (Debian package: openjdk-17-jre-headless)"
  step "Installing Kafka $KAFKA_VERSION (Scala $KAFKA_SCALA_VERSION) from Maven Central"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # kafka-tools is not a dependency of the broker but holds the admin CLIs (TopicCommand, ConsoleProducer,
  # consumer.ConsoleConsumer) that the stack scripts and operators use to create topics and inspect them.
  cat >"$tmp/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>gt-vision.install</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$KAFKA_SCALA_VERSION</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$KAFKA_SLF4J_VERSION</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>$KAFKA_RELOAD4J_VERSION</version></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>$MAVEN_DEPENDENCY_PLUGIN_VERSION</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
  mvn_args=(-B -f "$tmp/pom.xml" -Dmaven.repo.local="$GTV_CACHE/m2")
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial/libs" "$dir.partial/agent"
  with_progress "mvn copy kafka jars" mvn "${mvn_args[@]}" \
    org.apache.maven.plugins:maven-dependency-plugin:$MAVEN_DEPENDENCY_PLUGIN_VERSION:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$dir.partial/libs"
  with_progress "mvn copy jmx exporter" mvn "${mvn_args[@]}" \
    org.apache.maven.plugins:maven-dependency-plugin:$MAVEN_DEPENDENCY_PLUGIN_VERSION:copy \
    -Dartifact="io.prometheus.jmx:jmx_prometheus_javaagent:$KAFKA_JMX_EXPORTER_VERSION" \
    -DoutputDirectory="$dir.partial/agent" -Dmdep.stripVersion=true
  note "$(ls "$dir.partial/libs" | wc -l) jars, $(du -sh "$dir.partial" | cut -f1)"
  touch "$dir.partial/.complete"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
fi
echo "$dir"
