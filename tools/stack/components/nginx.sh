#!/usr/bin/env bash
# Runs one of the stack's two nginx instances in the foreground for process-compose:
#   nginx.sh          the console's static server (deploy/single-node/nginx/nginx.conf)
#   nginx.sh waf      the WAF in front of the API: ModSecurity v3 with the OWASP Core Rule Set
#                     (deploy/single-node/waf/nginx.conf)
# Renders the instance's template and the shared http-common.conf into $GTV_STATE/<instance>/ and execs
# nginx on it; "daemon off" is in the config.
# Readiness: curl -fsS http://127.0.0.1:8080/healthz (console), :8090/healthz (waf).
source "$(dirname "$0")/../common.sh"

instance=${1:-nginx}
case "$instance" in nginx | waf) ;; *) die "usage: $0 [waf]" ;; esac
run="$GTV_STATE/$instance"
export GTV_HOST GTV_NGINX_PORT GTV_WAF_PORT
export GTV_NGINX_RUN_DIR="$run" GTV_NGINX_SERVICE="$instance"
# HAProxy connects from loopback on one node; containers pass their network's CIDR.
export GTV_NGINX_TRUSTED_PROXY="${GTV_NGINX_TRUSTED_PROXY:-$GTV_HOST}"
# The console's files; the WAF's configuration and where it hands inspected requests back (HAProxy).
export GTV_NGINX_ROOT="$GTV_STATE/www/console"
export GTV_WAF_CONF_DIR="$GTV_ROOT/deploy/single-node/waf"
export GTV_WAF_UPSTREAM="${GTV_EDGE_HOST:-$GTV_HOST}:$GTV_EDGE_BEHIND_WAF_PORT"

# Workers (www-data when started as root) must traverse the state dir and read the console copy;
# the master (root) creates the temp directories below tmp/ and hands them to the workers' user.
gtv_state_root
mkdir -p "$run/main.d" "$run/http.d" "$run/tmp"
chmod 755 "$run"
rm -f "$run"/main.d/*.conf "$run"/http.d/*.conf

if [ "$(id -u)" -eq 0 ]; then
  echo 'user www-data www-data;' >"$run/main.d/user.conf"
fi

render() {
  local vars='${GTV_HOST} ${GTV_NGINX_PORT} ${GTV_NGINX_ROOT} ${GTV_NGINX_RUN_DIR} ${GTV_NGINX_TRUSTED_PROXY}
    ${GTV_NGINX_SERVICE} ${GTV_WAF_PORT} ${GTV_WAF_UPSTREAM} ${GTV_WAF_CONF_DIR}'
  envsubst "$vars" <"$GTV_ROOT/deploy/single-node/nginx/http-common.conf" >"$run/http-common.conf"
  envsubst "$vars" <"$GTV_ROOT/deploy/single-node/$instance/nginx.conf" >"$run/nginx.conf"
}

mods=/usr/lib/nginx/modules
if [ "$instance" = waf ]; then
  # ModSecurity keeps request bodies larger than its buffer here; workers write it.
  mkdir -p "$run/tmp/modsecurity"
  if [ "$(id -u)" -eq 0 ]; then chown www-data: "$run/tmp/modsecurity"; fi
  [ -f "$mods/ngx_http_modsecurity_module.so" ] ||
    die "ModSecurity's nginx module is missing: tools/gtv install (libnginx-mod-http-modsecurity)"
  [ -d /usr/share/modsecurity-crs/rules ] || die "the OWASP Core Rule Set is missing: tools/gtv install (modsecurity-crs)"
  printf 'load_module %s;\n' "$mods/ngx_http_modsecurity_module.so" >"$run/main.d/modsecurity.conf"
else
  mkdir -p "$GTV_NGINX_ROOT"
  chmod 755 "$GTV_STATE/www" "$GTV_NGINX_ROOT"
  # Brotli only when Debian's module (libnginx-mod-http-brotli-*) is installed and actually loads
  # into this nginx; otherwise gzip alone.
  if [ -f "$mods/ngx_http_brotli_filter_module.so" ] && [ -f "$mods/ngx_http_brotli_static_module.so" ]; then
    printf 'load_module %s;\nload_module %s;\n' \
      "$mods/ngx_http_brotli_filter_module.so" "$mods/ngx_http_brotli_static_module.so" >"$run/main.d/brotli.conf"
    cat >"$run/http.d/brotli.conf" <<'CONF'
brotli on;
brotli_static on;
brotli_comp_level 5;
brotli_min_length 1024;
brotli_types text/plain text/css application/javascript application/json application/manifest+json
             image/svg+xml font/ttf application/wasm;
CONF
    render
    if ! nginx -q -t -c "$run/nginx.conf" 2>/dev/null; then
      note "brotli module present but does not load; serving gzip only"
      rm -f "$run/main.d/brotli.conf" "$run/http.d/brotli.conf"
    fi
  fi
fi
render
nginx -q -t -c "$run/nginx.conf" || die "invalid nginx config $run/nginx.conf"
# The WAF's log lines quote requests (nginx appends the request line with its query to each error line):
# credentials in them are redacted before anything is written (deploy/single-node/waf/redact-log.sed).
[ "$instance" != waf ] || exec > >(exec sed -E -u -f "$GTV_WAF_CONF_DIR/redact-log.sed") 2>&1
exec nginx -c "$run/nginx.conf"
