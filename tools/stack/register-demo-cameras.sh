#!/usr/bin/env bash
# Registers the simulator's demo cameras through the public API, like any camera an operator adds:
# camera "Demo camera N" pulls rtsp://demo:<password>@127.0.0.1:8654/sim_N from the simulator's RTSP server,
# and its sub-stream sim_N_sub (the API stores the credential encrypted and never returns it). Idempotent:
# existing demo cameras get the current source URLs (unchanged ones cause no MediaMTX change).
# Then waits until the first demo camera plays through the edge.
source "$(dirname "$0")/common.sh"

cameras=${GTV_DEMO_CAMERAS:-4}
edge="http://$GTV_HOST:$GTV_EDGE_HTTP_PORT"
# The cached admin session of tools/gtv token: a second `up` does not log in again (logins are rate-limited).
token=$("$GTV_ROOT/tools/stack/token.sh") || die "cannot get an admin token to register the demo cameras"
auth=(-H "authorization: Bearer $token")

gtv_load_secrets
# The source URL holds the demo cameras' password: it reaches jq through the environment, never an argv.
# In containers (deploy/compose) MediaMTX reaches the simulator by its name, GTV_SIMULATOR_RTSP_HOST.
source_of() {
  printf 'rtsp://demo:%s@%s:%s/sim_%s' "$GTV_SIMULATOR_RTSP_PASSWORD" "${GTV_SIMULATOR_RTSP_HOST:-$GTV_HOST}" \
    "$GTV_SIMULATOR_RTSP_PORT" "$1"
}
export_sources() {
  GTV_DEMO_SOURCE=$(source_of "$1")
  GTV_DEMO_SUB_SOURCE=$(source_of "$1_sub")
  export GTV_DEMO_SOURCE GTV_DEMO_SUB_SOURCE
}

# One call to the API, its answer's body on stdout; a write's JSON comes on stdin (never argv: it holds the
# feed's credential). A registry busy with hundreds of cameras starting on a small host may answer 429/5xx
# or nothing for a moment: retried with backoff.
api() {
  local method=$1 path=$2 body='' answer code delay=1 attempt
  [ "$method" = GET ] || body=$(cat)
  answer=$(mktemp)
  for attempt in 1 2 3 4 5 6; do
    if [ "$method" = GET ]; then
      code=$(curl -sS --max-time 10 "${auth[@]}" -o "$answer" -w '%{http_code}' "$edge$path") || code=000
    else
      code=$(printf '%s' "$body" | curl -sS --max-time 10 -X "$method" "${auth[@]}" \
        -H 'content-type: application/json' --data @- -o "$answer" -w '%{http_code}' "$edge$path") || code=000
    fi
    case $code in
      2??) cat "$answer" && rm -f "$answer" && return 0 ;;
      429 | 5?? | 000) ;;
      # After a lost answer, our own earlier POST created it; a 409 at the first attempt is a real clash.
      409) [ "$method" = POST ] && [ "$attempt" -gt 1 ] && rm -f "$answer" && return 0 ;&
      *) note "$method $path answered $code" && break ;;
    esac
    [ "$attempt" -lt 6 ] || break
    note "$method $path answered $code (attempt $attempt): retrying in ${delay}s"
    sleep "$delay"
    delay=$((delay * 2))
  done
  rm -f "$answer"
  return 1
}

existing=$(api GET "/api/cameras?tag=demo&limit=500") || die "cannot list the demo cameras"
existing=$(jq -r '.items[] | "\(.id)\t\(.name)"' <<<"$existing")
added=0
for n in $(seq 1 "$cameras"); do
  name="Demo camera $n"
  id=$(awk -F'\t' -v name="$name" '$2 == name { print $1 }' <<<"$existing")
  if [ -n "$id" ]; then
    # A state directory from before the simulator served its feeds itself: current sources.
    export_sources "$n"
    jq -n '{sourceUrl: env.GTV_DEMO_SOURCE, subStreamUrl: env.GTV_DEMO_SUB_SOURCE}' |
      api PATCH "/api/cameras/$id" >/dev/null || die "could not update $name"
    continue
  fi
  export_sources "$n"
  jq -n --arg name "$name" \
    '{name: $name, sourceUrl: env.GTV_DEMO_SOURCE, subStreamUrl: env.GTV_DEMO_SUB_SOURCE, tags: ["demo"], lpr: {enabled: true, fps: 1}}' |
    api POST /api/cameras >/dev/null || die "could not register $name"
  added=$((added + 1))
done
[ "$added" -eq 0 ] || note "registered $added demo camera(s)"

first=$(api GET "/api/cameras?tag=demo&sort=createdAt&limit=1" | jq -r '.items[0].path') ||
  die "cannot find the first demo camera"
# MediaMTX asks the registry to authorise the viewer: the admin's token plays like any user's.
gtv_wait_for 90 curl -fsS -L -o /dev/null --max-time 5 "${auth[@]}" "$edge/hls/$first/index.m3u8" ||
  die "demo camera $first does not play through the edge ($edge/hls/$first/index.m3u8)"
echo "$first"
