#!/usr/bin/env bash
# The camera simulator in the foreground, for process-compose: serves the demo cameras' feeds sim_1..sim_N
# over RTSP, as IP cameras do, from its one publisher process (apps/camera-simulator/publisher); MediaMTX
# pulls them like any camera's source. exec, so that
# process-compose's SIGTERM reaches Node itself, which stops its cameras and the publisher (which also dies
# with it: the simulator starts it with a parent-death signal, and it exits when its stdin closes).
#   GTV_DEMO_CAMERAS      number of cameras (default 4, at most 250)
#   GTV_SIMULATOR_PORT    its control endpoint on 127.0.0.1 (default 3010)
#   SIMULATOR_WIDTH/HEIGHT/FPS pass through unchanged; the simulator's defaults are 640x360 at 15 fps.
source "$(dirname "$0")/../common.sh"
source "$GTV_ROOT/tools/install/versions.sh"
gtv_load_settings

main="$GTV_ROOT/dist/apps/camera-simulator/main.js"
[ -f "$main" ] || die "$main is missing: build first (npx nx build camera-simulator)"
command -v ffmpeg >/dev/null || die "ffmpeg is missing: run tools/install/system-packages.sh"
command -v setpriv >/dev/null || die "setpriv (util-linux) is missing"
# tools/gtv up has built it already (tools/install/sim-publisher.sh): this only prints its path.
publisher=$("$GTV_ROOT/tools/install/sim-publisher.sh")
export SIMULATOR_PUBLISHER=$publisher

export SIMULATOR_CAMERAS=${GTV_DEMO_CAMERAS:-4}
gtv_load_secrets
# Where it serves, and the demo cameras' credential: readers without it get nothing.
export SIMULATOR_RTSP_URL="rtsp://demo:$GTV_SIMULATOR_RTSP_PASSWORD@$GTV_HOST:$GTV_SIMULATOR_RTSP_PORT"
export SIMULATOR_PORT=${GTV_SIMULATOR_PORT:-3010}
# Rendered clips are cached across runs (a first run with 250 cameras renders for minutes).
export GTV_CACHE

exec "$GTV_CACHE/node-$NODE_VERSION/bin/node" "$main"
