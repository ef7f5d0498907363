#!/usr/bin/env bash
# MediaMTX in the foreground, for process-compose. exec, so that process-compose's SIGTERM reaches MediaMTX
# itself (it closes recordings cleanly on SIGTERM) and its exit status is MediaMTX's.
source "$(dirname "$0")/../../install/lib.sh"
source "$GTV_ROOT/tools/install/versions.sh"
source "$GTV_ROOT/tools/stack/ports.sh"

bin="$GTV_CACHE/bin/mediamtx-$MEDIAMTX_VERSION"
[ -x "$bin" ] || die "MediaMTX $MEDIAMTX_VERSION is not built; run tools/install/mediamtx.sh"

recordings="$GTV_STATE/recordings"
mkdir -p "$recordings"
# MediaMTX resolves nothing else relative to its working directory with our config (no log file, HLS in RAM,
# MoQ off), but run it from the state directory so that anything it might write lands there, not in the clone.
cd "$GTV_STATE"

# Environment overrides (MTX_<KEY>, applied after the file) keep state paths and ports out of mediamtx.yml:
# the file is shared with deploy/, and ports.env is the single port map.
export MTX_PATHDEFAULTS_RECORDPATH="$recordings/%path/%Y-%m-%d_%H-%M-%S-%f"
export MTX_RTSPADDRESS="$GTV_HOST:$GTV_MEDIAMTX_RTSP_PORT"
export MTX_HLSADDRESS="$GTV_HOST:$GTV_MEDIAMTX_HLS_PORT"
export MTX_WEBRTCADDRESS="$GTV_HOST:$GTV_MEDIAMTX_WEBRTC_PORT"
export MTX_WEBRTCLOCALUDPADDRESS="$GTV_HOST:$GTV_MEDIAMTX_WEBRTC_UDP_PORT"
# The ICE candidate WebRTC clients are sent: the address the UDP listener is reachable at. In a container
# (deploy/compose) the listener is on every interface and the host publishes its port on 127.0.0.1, so the
# compose file names that address (comma-separated list).
export MTX_WEBRTCADDITIONALHOSTS="${GTV_MEDIAMTX_WEBRTC_HOSTS:-$GTV_HOST}"
export MTX_PLAYBACKADDRESS="$GTV_HOST:$GTV_MEDIAMTX_PLAYBACK_PORT"
export MTX_APIADDRESS="$GTV_HOST:$GTV_MEDIAMTX_API_PORT"
export MTX_METRICSADDRESS="$GTV_HOST:$GTV_MEDIAMTX_METRICS_PORT"
# The camera-registry authorises every MediaMTX request (authMethod: http).
# The registry by its DNS name in a container network (deploy/compose), as haproxy.cfg reaches it.
export MTX_AUTHHTTPADDRESS="http://${GTV_CAMERA_REGISTRY_HOST:-$GTV_HOST}:$GTV_CAMERA_REGISTRY_PORT/internal/mediamtx/auth"

exec "$bin" "$GTV_ROOT/mediamtx/mediamtx.yml"
