#!/usr/bin/env bash
# Prints the fingerprint of stack components: a SHA-256 over everything that decides how each runs, so a
# second `tools/gtv up` restarts exactly the components whose fingerprint changed (tools/stack/apply.sh).
#   tools/stack/fingerprint.sh <component>...     one "<component> <sha256>" line each
# Inputs, each hashed by content:
#   - its definition in process-compose.yaml (its block, plus the file's header: anchors, defaults);
#   - the scripts it runs (every ${GTV_ROOT}/... path in its block) and the helpers they all source;
#   - its configuration (deploy/single-node/<name>/, and the few that live elsewhere, see config_dirs);
#   - its build output (dist/apps/<name>/) and, for Node programs, package-lock.json (their node_modules);
#   - the secrets it reads (by name, from secrets.env; key files by content): never printed, only hashed;
#   - the stack settings it reads from $GTV_STATE/stack.env (tools/stack/settings.sh).
# An unknown component (added to the YAML without an entry here) hashes every secret: it restarts too often
# rather than too rarely.
source "$(dirname "$0")/common.sh"

[ $# -gt 0 ] || die "usage: fingerprint.sh <component>..."
pc_yaml="$GTV_ROOT/deploy/single-node/process-compose.yaml"

# The block of one process: from "  <name>:" to the next line indented two spaces or less, without the
# blank and comment lines that end it (they introduce the next section).
process_block() {
  awk -v want="  $1:" '
    $0 == want { inside = 1; print; next }
    inside && (/^[^ #]/ || /^ [^ #]/ || /^  [^ #]/) { exit }
    inside { line[n++] = $0; if ($0 !~ /^[[:space:]]*(#|$)/) last = n }
    END { for (i = 0; i < last; i++) print line[i] }' "$pc_yaml"
}

# Configuration that is not under deploy/single-node/<name>/.
config_dirs() {
  case "$1" in
    haproxy) echo "$GTV_ROOT/haproxy" ;;
    # Both nginx instances render the shared http-common.conf.
    waf) echo "$GTV_ROOT/deploy/single-node/nginx/http-common.conf" ;;
    mediamtx) echo "$GTV_ROOT/mediamtx" ;;
    # Its publisher is built from these sources at install, not into dist/.
    camera-simulator) echo "$GTV_ROOT/apps/camera-simulator/publisher" ;;
    # Its configuration is rendered by prometheus-config.sh (as-is on the single node).
    prometheus) echo "$GTV_ROOT/observability/prometheus $GTV_ROOT/tools/stack/prometheus-config.sh" ;;
    alertmanager) echo "$GTV_ROOT/observability/alertmanager" ;;
    # It tails the log of every process the file defines.
    vlagent) echo "$pc_yaml" ;;
  esac
}

# The names in secrets.env each component reads (see its run script). "*" = all of them.
secret_names() {
  local nats
  nats=GTV_NATS_$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')_PASSWORD
  case "$1" in
    postgres | kafka | mediamtx | nginx | waf | haproxy | node-exporter | nats-exporter | jaeger) ;;
    camera-simulator) echo GTV_SIMULATOR_RTSP_PASSWORD ;;
    postgres-bootstrap) echo GTV_DB_PASSWORD GTV_DB_SCRAM_SALT GTV_DB_ADMIN_PASSWORD GTV_DB_ADMIN_SCRAM_SALT ;;
    pgbouncer) echo GTV_DB_PASSWORD GTV_DB_SCRAM_SALT GTV_PGBOUNCER_STATS_PASSWORD GTV_PGBOUNCER_ADMIN_PASSWORD ;;
    redis | redis-exporter) echo GTV_REDIS_PASSWORD ;;
    nats) compgen -v GTV_NATS_ | grep '_PASSWORD$' ;;
    postgres-exporter) echo GTV_DB_ADMIN_PASSWORD ;;
    prometheus) echo GTV_INTERNAL_SERVICE_TOKEN GTV_VICTORIALOGS_PASSWORD ;;
    alertmanager) echo GTV_INTERNAL_SERVICE_TOKEN ;;
    victorialogs | vlagent) echo GTV_VICTORIALOGS_PASSWORD ;;
    pgbouncer-exporter) echo GTV_PGBOUNCER_STATS_PASSWORD ;;
    camera-registry)
      echo GTV_JWT_PUBLIC_KEY_FILE GTV_JWT_PRIVATE_KEY_FILE GTV_JWT_RETIRED_PUBLIC_KEY_FILES \
        GTV_INTERNAL_SERVICE_TOKEN "$nats" GTV_DB_PASSWORD GTV_REDIS_PASSWORD GTV_ENCRYPTION_KEY GTV_ADMIN_PASSWORD
      ;;
    ingest | frame-extraction | analytics)
      echo GTV_JWT_PUBLIC_KEY_FILE GTV_JWT_RETIRED_PUBLIC_KEY_FILES GTV_INTERNAL_SERVICE_TOKEN "$nats" \
        GTV_DB_PASSWORD GTV_REDIS_PASSWORD
      ;;
    lpr-engine) echo GTV_JWT_PUBLIC_KEY_FILE GTV_INTERNAL_SERVICE_TOKEN ;;
    *) echo '*' ;;
  esac
}

# "<sha256>  <path>" for every file under the given paths (missing ones are skipped), in a stable order.
hash_files() {
  local p
  for p in "$@"; do
    if [ -e "$p" ]; then find "$p" -type f -print0; fi
  done | LC_ALL=C sort -z | xargs -0 -r sha256sum
}

# The secrets' values never leave this pipe: each "name=value" line is hashed, and so is each key file.
hash_secrets() {
  local names var
  names=$(secret_names "$1")
  [ -n "$names" ] || return 0
  # Every secret in the file, not every GTV_ variable: the caller's environment (GTV_DEMO_CAMERAS=5 tools/gtv
  # up) must not restart a component that does not read it.
  if [ "$names" = '*' ]; then names=$(sed -nE 's/^(export )?(GTV_[A-Z0-9_]+)=.*/\2/p' "$GTV_SECRETS_FILE"); fi
  for var in $names; do
    printf '%s=%s\n' "$var" "${!var-}" | sha256sum
    case "$var" in *_FILE) if [ -f "${!var-}" ]; then sha256sum <"${!var}"; fi ;; esac
  done
}

. "$GTV_SECRETS_FILE"
# What every component depends on, hashed once: the file's header (anchors, defaults) and the helpers every
# run script sources.
shared=$({
  sed '/^processes:/q' "$pc_yaml"
  hash_files "$GTV_ROOT"/tools/stack/{common.sh,ports.env,ports.sh,probe.sh} "$GTV_ROOT"/tools/install/{lib.sh,versions.sh}
} | sha256sum)

for name in "$@"; do
  block=$(process_block "$name")
  [ -n "$block" ] || die "no process $name in $pc_yaml"
  hash=$({
    echo "$shared"
    printf '%s\n' "$block"
    # The scripts named in the block (run script, probes).
    scripts=$(grep -o '\${GTV_ROOT}/[^ "]*' <<<"$block" | sed "s|\${GTV_ROOT}|$GTV_ROOT|" | sort -u)
    # shellcheck disable=SC2086,SC2046
    hash_files $scripts "$GTV_ROOT/deploy/single-node/$name" $(config_dirs "$name")
    if [ -d "$GTV_ROOT/dist/apps/$name" ]; then
      hash_files "$GTV_ROOT/dist/apps/$name" "$GTV_ROOT/package-lock.json"
    fi
    hash_secrets "$name"
    "$GTV_ROOT/tools/stack/settings.sh" show "$name"
  } | sed "s|$GTV_ROOT/||" | sha256sum | cut -d' ' -f1)
  echo "$name $hash"
done
