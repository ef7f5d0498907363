#!/usr/bin/env bash
# Prints Prometheus' configuration for this deployment: observability/prometheus/prometheus.yml as it is, or,
# when GTV_PROMETHEUS_TARGETS is set, rendered for a container network (tools/stack/components/prometheus.sh):
#   tools/stack/prometheus-config.sh <prometheus.yml>
# Every target of prometheus.yml is on 127.0.0.1, and Prometheus expands no variable in targets. In a container
# network (deploy/compose) GTV_PROMETHEUS_TARGETS names where each job's component is instead:
#   GTV_PROMETHEUS_TARGETS="job=name:port ..."   (the alerting section's target is job alertmanager)
# Each named job's target becomes a DNS lookup of that name (every replica of a scaled service is a target of
# its own); a job it does not name is left out, as the component is not deployed there (ScrapeTargetMissing
# says so); a name that is no job is an error. GTV_PROMETHEUS_DEPLOYMENT replaces the external label
# `deployment`.
set -euo pipefail
[ -n "${GTV_PROMETHEUS_TARGETS:-}" ] || { cat "$1"; exit; }
awk -v targets="$GTV_PROMETHEUS_TARGETS" -v deployment="${GTV_PROMETHEUS_DEPLOYMENT:-}" '
  BEGIN {
    n = split(targets, entry, " ")
    for (i = 1; i <= n; i++) { split(entry[i], kv, "="); target[kv[1]] = kv[2] }
  }
  # key: the job the following lines belong to; skip: that job is not deployed.
  /^[a-z_]+:/ { key = ""; skip = 0; if ($1 == "alerting:") { key = "alertmanager"; skip = !(key in target) } }
  /^  - job_name: / { key = $3; skip = !(key in target); seen[key] = 1 }
  skip { next }
  deployment != "" && /^    deployment: / { sub(/deployment: .*/, "deployment: " deployment) }
  key != "" && /static_configs:/ { sub(/static_configs:/, "dns_sd_configs:") }
  key != "" && /- targets: \["127\.0\.0\.1:[0-9]+"\]$/ {
    split(target[key], hp, ":")
    sub(/targets: .*/, "{ names: [\"" hp[1] "\"], type: A, port: " hp[2] " }")
  }
  { print }
  END {
    seen["alertmanager"] = 1
    for (job in target)
      if (!(job in seen)) {
        print "GTV_PROMETHEUS_TARGETS names no job of the file: " job > "/dev/stderr"
        exit 1
      }
  }
' "$1"
