#!/usr/bin/env bash
# The stack settings a user passes to `tools/gtv up` as environment variables (GTV_DEMO_CAMERAS=16 ...).
# The supervisor's own environment is fixed when it starts, so a second `up` could not change them through
# it: `up` records them in $GTV_STATE/stack.env, the components that use them read that file when they
# start, and the fingerprint of each includes its settings, so changing one restarts only its readers.
#   tools/stack/settings.sh write              record the caller's settings (absent ones as `unset`)
#   tools/stack/settings.sh show <component>   the recorded settings that component reads
source "$(dirname "$0")/../install/lib.sh"

file="$GTV_STATE/stack.env"

# The settings each component reads; everything else reaches the components from the supervisor's
# environment, which a restart of the stack (down, up) changes.
settings_of() {
  case "$1" in
    camera-simulator) echo GTV_DEMO_CAMERAS GTV_SIMULATOR_PORT GTV_SIMULATOR_RTSP_PORT SIMULATOR_WIDTH SIMULATOR_HEIGHT SIMULATOR_FPS ;;
    # Comma-separated: plate-search, watchlist-change (requests that need an X-Audit-Reason); the hosts
    # external engines keep snapshots on; and trace sampling.
    analytics) echo GTV_AUDIT_REASON_REQUIRED_FOR GTV_SNAPSHOT_EXTERNAL_HOSTS OTEL_TRACES_SAMPLER OTEL_TRACES_SAMPLER_ARG ;;
    # Trace sampling (libs/backend/tracing validates them at the service's start); the limits the
    # benches raise above their load (bench:api logs 100 users in, bench:ingest outruns 200/s a camera).
    camera-registry) echo OTEL_TRACES_SAMPLER OTEL_TRACES_SAMPLER_ARG LOGIN_MAX_ATTEMPTS_PER_IP ;;
    ingest) echo OTEL_TRACES_SAMPLER OTEL_TRACES_SAMPLER_ARG INGEST_RATE_PER_API_KEY INGEST_RATE_PER_CAMERA ;;
    frame-extraction | lpr-engine) echo OTEL_TRACES_SAMPLER OTEL_TRACES_SAMPLER_ARG ;;
    jaeger) echo JAEGER_MAX_TRACES ;;
  esac
}
all_settings() {
  for component in camera-simulator analytics camera-registry ingest frame-extraction lpr-engine jaeger; do
    settings_of "$component"
  done |
    tr ' ' '\n' | sort -u
}

case "${1:-}" in
  write)
    mkdir -p "$GTV_STATE"
    {
      echo "# Written by tools/gtv up from its environment; read by the components at start."
      for var in $(all_settings); do
        if [ -n "${!var+set}" ]; then printf '%s=%q\n' "$var" "${!var}"; else printf 'unset %s\n' "$var"; fi
      done
    } >"$file.new"
    mv -f "$file.new" "$file"
    ;;
  show)
    [ -f "$file" ] || exit 0
    for var in $(settings_of "${2:?component}"); do
      grep -E "^($var=|unset $var\$)" "$file" || true
    done
    ;;
  *) die "usage: $0 write | show <component>" ;;
esac
