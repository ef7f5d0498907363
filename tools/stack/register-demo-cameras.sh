#!/usr/bin/env bash
# Registers the simulator's demo cameras through the public API, like any camera an operator adds:
# camera "Demo camera N" pulls rtsp://gtv:<service token>@127.0.0.1:8554/sim_N, and its sub-stream sim_N_sub
# (only the service identity may read a demo feed; the API stores the credential encrypted and never
# returns it). Idempotent: existing demo cameras get the current source URLs (unchanged ones cause no
# MediaMTX change).
# Then waits until the first demo camera plays through the edge.
source "$(dirname "$0")/common.sh"

cameras=${GTV_DEMO_CAMERAS:-4}
edge="http://$GTV_HOST:$GTV_EDGE_HTTP_PORT"
# The cached admin session of tools/gtv token: a second `up` does not log in again (logins are rate-limited).
token=$("$GTV_ROOT/tools/stack/token.sh") || die "cannot get an admin token to register the demo cameras"
auth=(-H "authorization: Bearer $token")

gtv_load_secrets
# The source URL holds the service token: it reaches jq through the environment, never an argv.
source_of() { printf 'rtsp://gtv:%s@%s:%s/sim_%s' "$GTV_INTERNAL_SERVICE_TOKEN" "$GTV_HOST" "$GTV_MEDIAMTX_RTSP_PORT" "$1"; }
export_sources() {
  GTV_DEMO_SOURCE=$(source_of "$1")
  GTV_DEMO_SUB_SOURCE=$(source_of "$1_sub")
  export GTV_DEMO_SOURCE GTV_DEMO_SUB_SOURCE
}

existing=$(curl -fsS --max-time 10 "${auth[@]}" "$edge/api/cameras?tag=demo&limit=500" | jq -r '.items[] | "\(.id)\t\(.name)"')
added=0
for n in $(seq 1 "$cameras"); do
  name="Demo camera $n"
  id=$(awk -F'\t' -v name="$name" '$2 == name { print $1 }' <<<"$existing")
  if [ -n "$id" ]; then
    # A state directory from before demo feeds needed credentials or had sub-streams: current sources.
    export_sources "$n"
    jq -n '{sourceUrl: env.GTV_DEMO_SOURCE, subStreamUrl: env.GTV_DEMO_SUB_SOURCE}' |
      curl -fsS --max-time 10 -X PATCH "${auth[@]}" -H 'content-type: application/json' --data @- \
        -o /dev/null "$edge/api/cameras/$id" || die "could not update $name"
    continue
  fi
  export_sources "$n"
  jq -n --arg name "$name" \
    '{name: $name, sourceUrl: env.GTV_DEMO_SOURCE, subStreamUrl: env.GTV_DEMO_SUB_SOURCE, tags: ["demo"], lpr: {enabled: true, fps: 1}}' |
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
