#!/usr/bin/env bash
# Registers the simulator's demo cameras through the public API, like any camera an operator adds:
# camera "Demo camera N" pulls rtsp://127.0.0.1:8554/sim_N. Idempotent (existing names are skipped).
# Then waits until the first demo camera plays through the edge.
source "$(dirname "$0")/common.sh"

cameras=${GTV_DEMO_CAMERAS:-4}
edge="http://$GTV_HOST:$GTV_EDGE_HTTP_PORT"
# The cached admin session of tools/gtv token: a second `up` does not log in again (logins are rate-limited).
token=$("$GTV_ROOT/tools/stack/token.sh") || die "cannot get an admin token to register the demo cameras"
auth=(-H "authorization: Bearer $token")

existing=$(curl -fsS --max-time 10 "${auth[@]}" "$edge/api/cameras?tag=demo&limit=500" | jq -r '.items[].name')
added=0
for n in $(seq 1 "$cameras"); do
  name="Demo camera $n"
  grep -qxF "$name" <<<"$existing" && continue
  jq -n --arg name "$name" --arg url "rtsp://$GTV_HOST:$GTV_MEDIAMTX_RTSP_PORT/sim_$n" \
    '{name: $name, sourceUrl: $url, tags: ["demo"], lpr: {enabled: true, fps: 1}}' |
    curl -fsS --max-time 10 "${auth[@]}" -H 'content-type: application/json' --data @- \
      -o /dev/null "$edge/api/cameras" || die "could not register $name"
  added=$((added + 1))
done
[ "$added" -eq 0 ] || note "registered $added demo camera(s)"

first=$(curl -fsS --max-time 10 "${auth[@]}" "$edge/api/cameras?tag=demo&sort=createdAt&limit=1" | jq -r '.items[0].path')
# MediaMTX asks the registry to authorise the viewer: the admin's token plays like any user's.
gtv_wait_for 60 curl -fsS -L -o /dev/null --max-time 5 "${auth[@]}" "$edge/hls/$first/index.m3u8" ||
  die "demo camera $first does not play through the edge ($edge/hls/$first/index.m3u8)"
echo "$first"
