#!/usr/bin/env bash
# Generates the single-node stack's secrets in $GTV_STATE/secrets.env (mode 0600), once.
# Idempotent: values already in the file are kept, missing ones are added, so a newer
# checkout that needs a new secret just gains it. Never prints a secret value.
# The file is shell-sourceable: `set -a; . "$GTV_STATE/secrets.env"; set +a`.
#   secrets.sh                  make sure every secret exists
#   secrets.sh rotate-jwt-key   also replace the JWT signing key, keeping the old public key as retired
#                               (tools/gtv rotate-jwt-key then restarts the services that read them)
source "$(dirname "$0")/../install/lib.sh"

file="$GTV_STATE/secrets.env"
mkdir -p "$GTV_STATE"
chmod a+rx "$GTV_STATE"
umask 077

# Components start in parallel and each makes sure the secrets exist: one writer at a time. The wait is
# long because on a loaded 2-core host twenty components queue here at once.
exec 9>"$GTV_STATE/.secrets.lock"
flock -w 120 9 || die "another process holds $GTV_STATE/.secrets.lock"

touch "$file"
chmod 600 "$file"
added=()

action=${1:-}
[ -z "$action" ] || [ "$action" = rotate-jwt-key ] || die "usage: secrets.sh [rotate-jwt-key]"

has() { grep -q "^$1=" "$file"; }
value() { sed -n "s/^$1='\(.*\)'\$/\1/p" "$file" | tail -n 1; }
add() {
  has "$1" && return 0
  printf "%s='%s'\n" "$1" "$2" >>"$file"
  added+=("$1")
}
# For the few values derived from the state rather than generated once (no secret in them).
put() {
  if has "$1"; then
    local rest
    rest=$(grep -v "^$1=" "$file")
    printf '%s\n%s=%s\n' "$rest" "$1" "'$2'" | sed '/^$/d' >"$file.tmp"
    mv -f "$file.tmp" "$file"
  else
    printf "%s='%s'\n" "$1" "$2" >>"$file"
  fi
}
# URL-safe so that it can sit in a connection URL without escaping.
token() { openssl rand -base64 "$1" | tr '+/' '-_' | tr -d '=\n'; }

add GTV_DB_PASSWORD "$(token 32)"
# Fixed salts make the SCRAM secrets reproducible from the password, so PgBouncer's auth_file
# and pg_authid hold the same secret: PgBouncer can only log in to the server with a SCRAM
# secret (rather than the plaintext) when both are identical.
add GTV_DB_SCRAM_SALT "$(openssl rand -base64 16)"
add GTV_DB_ADMIN_PASSWORD "$(token 32)"
add GTV_DB_ADMIN_SCRAM_SALT "$(openssl rand -base64 16)"
# PgBouncer's own console users (no PostgreSQL role): stats for the Prometheus exporter,
# admin for PAUSE/RESUME/RELOAD during maintenance and failover.
add GTV_PGBOUNCER_STATS_PASSWORD "$(token 32)"
add GTV_PGBOUNCER_ADMIN_PASSWORD "$(token 32)"
add GTV_REDIS_PASSWORD "$(token 32)"
# AES-256-GCM key for camera credentials at rest: 32 random bytes, standard base64.
add GTV_ENCRYPTION_KEY "$(openssl rand -base64 32)"
add GTV_INTERNAL_SERVICE_TOKEN "$(token 32)"
# Basic auth (user gtv) of the log store, VictoriaLogs, and of its agent.
add GTV_VICTORIALOGS_PASSWORD "$(token 32)"
# The password of the demo cameras (user "demo"): the simulator's RTSP server, which MediaMTX pulls them
# from, serves no one without it.
add GTV_SIMULATOR_RTSP_PASSWORD "$(token 24)"
# NATS: one user per service (deploy/single-node/nats/nats.conf gives each only its subjects),
# and an admin user for operators and the integration tests.
for nats_user in CAMERA_REGISTRY INGEST FRAME_EXTRACTION ANALYTICS ADMIN; do
  add "GTV_NATS_${nats_user}_PASSWORD" "$(token 32)"
done
# The first admin's password: camera-registry creates the account with it when no user exists.
add GTV_ADMIN_PASSWORD "$(token 18)"

# JWT signing pair (ES256, P-256): small keys, fast signatures, supported by MediaMTX's JWKS auth.
# Tokens name their key (kid: the key's RFC 7638 thumbprint); the registry publishes the public keys as a
# JWKS at /api/auth/.well-known/jwks.json.
add GTV_JWT_PRIVATE_KEY_FILE "$GTV_STATE/jwt-es256-private.pem"
add GTV_JWT_PUBLIC_KEY_FILE "$GTV_STATE/jwt-es256-public.pem"
private_key=$(value GTV_JWT_PRIVATE_KEY_FILE)
public_key=$(value GTV_JWT_PUBLIC_KEY_FILE)
# Rotation: the current public key joins the retired ones (named after the moment it stopped signing), then
# a new pair replaces the current one. Sessions survive: their next refresh gets a token of the new key.
retired_dir="$GTV_STATE/jwt-retired"
mkdir -p "$retired_dir"
if [ "$action" = rotate-jwt-key ] && [ -s "$private_key" ]; then
  [ -s "$public_key" ] || openssl pkey -in "$private_key" -pubout -out "$public_key"
  cp "$public_key" "$retired_dir/es256-public-$(date +%s).pem"
  rm -f "$private_key" "$public_key"
  added+=(jwt-rotation)
fi
if [ ! -s "$private_key" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$private_key.tmp" 2>/dev/null
  mv -f "$private_key.tmp" "$private_key"
  rm -f "$public_key"
  added+=(jwt-private-key)
fi
if [ ! -s "$public_key" ]; then
  openssl pkey -in "$private_key" -pubout -out "$public_key.tmp"
  mv -f "$public_key.tmp" "$public_key"
  added+=(jwt-public-key)
fi
chmod 600 "$private_key" "$public_key"
# A retired key verifies until the last token it signed has expired: access tokens live at most 3600 s
# (ACCESS_TOKEN_TTL_SECONDS' maximum) plus 30 s of tolerated clock skew. Older ones are dropped; services
# forget them at their next restart (`tools/gtv up` restarts them, as their fingerprint changed).
retired=()
for retired_key in "$retired_dir"/es256-public-*.pem; do
  [ -e "$retired_key" ] || continue
  retired_at=${retired_key##*-}
  retired_at=${retired_at%.pem}
  if [ $(($(date +%s) - retired_at)) -gt 3660 ]; then
    rm -f "$retired_key"
  else
    chmod 600 "$retired_key"
    retired+=("$retired_key")
  fi
done
retired_list=$(IFS=,; echo "${retired[*]}")
[ "$(value GTV_JWT_RETIRED_PUBLIC_KEY_FILES)" = "$retired_list" ] && has GTV_JWT_RETIRED_PUBLIC_KEY_FILES ||
  put GTV_JWT_RETIRED_PUBLIC_KEY_FILES "$retired_list"

if [ ${#added[@]} -gt 0 ]; then
  note "secrets: generated ${added[*]} in $file"
fi
