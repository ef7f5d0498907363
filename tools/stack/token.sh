#!/usr/bin/env bash
# Prints an admin access token for curl, ffprobe and players (tools/gtv token). The session is cached in
# $GTV_STATE/token/ (0700, session file 0600): the cached access token while it has more than a minute left,
# else a refresh with the cached refresh token, and a login only when there is no usable session (none yet,
# refresh token expired, revoked, or the stack was reset). So calling it in a loop does not open a session
# per call nor run into the login rate limit. Fails with a message on stderr and a non-zero exit; it never
# prints an empty token. Tokens and the password travel on stdin, never in argv where `ps` shows them.
source "$(dirname "$0")/common.sh"

edge="http://$GTV_HOST:$GTV_EDGE_HTTP_PORT"
dir="$GTV_STATE/token"
session="$dir/session.json"
margin=60

mkdir -p "$dir"
chmod 700 "$dir"
# One caller at a time: two concurrent refreshes of the same token would look like a replayed token, which
# revokes the whole session.
exec 9>"$dir/.lock"
flock -w 30 9 || die "another tools/gtv token holds $dir/.lock"

now=$(date +%s)
cached() { jq -r "$1 // empty" "$session" 2>/dev/null; }

# POSTs stdin as JSON to $1; sets http_status and http_body.
post() {
  local out
  out=$(curl -sS --max-time 10 -H 'content-type: application/json' --data @- -w '\n%{http_code}' "$edge$1") ||
    die "the edge does not answer at $edge (is the stack up? tools/gtv status)"
  http_status=${out##*$'\n'}
  http_body=${out%$'\n'*}
}

# Keeps a token pair answer (login or refresh) as the cached session; prints the access token.
keep() {
  local access
  access=$(jq -r '.accessToken // empty' <<<"$http_body")
  [ -n "$access" ] || die "the answer to $1 holds no access token"
  (umask 077 && jq --argjson now "$now" '{accessToken, refreshToken,
      accessExpiresAt: ($now + .expiresIn), refreshExpiresAt: ($now + .refreshExpiresIn)}' \
    <<<"$http_body" >"$session.new")
  mv -f "$session.new" "$session"
  printf '%s\n' "$access"
}

problem() { jq -r '.message // empty' <<<"$http_body" 2>/dev/null || true; }

if [ -f "$session" ]; then
  if [ "$(cached .accessExpiresAt)" -gt $((now + margin)) ] 2>/dev/null; then
    token=$(cached .accessToken)
    [ -n "$token" ] && { printf '%s\n' "$token"; exit 0; }
  fi
  if [ "$(cached .refreshExpiresAt)" -gt $((now + margin)) ] 2>/dev/null; then
    post /api/auth/refresh < <(jq -c '{refreshToken}' "$session")
    case "$http_status" in
      2??) keep refresh; exit 0 ;;
      # Revoked, expired, reused or unknown (a reset stack): log in again below.
      401) note "cached session refused ($(problem)); logging in again" ;;
      *) die "refreshing the session failed: HTTP $http_status $(problem)" ;;
    esac
  fi
  rm -f "$session"
fi

gtv_load_secrets
post /api/auth/login < <(GTV_PW=$GTV_ADMIN_PASSWORD jq -n '{username: "admin", password: env.GTV_PW}')
case "$http_status" in
  2??) keep login ;;
  429) die "login rate-limited (HTTP 429): $(problem)" ;;
  *) die "login as admin failed: HTTP $http_status $(problem)" ;;
esac
