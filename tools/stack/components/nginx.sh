#!/usr/bin/env bash
# Runs nginx (console static files) in the foreground for process-compose.
# Renders deploy/single-node/nginx/nginx.conf (a template) into $GTV_STATE/nginx/nginx.conf and execs
# nginx on it; "daemon off" is in the config. Readiness: curl -fsS http://127.0.0.1:8080/healthz
source "$(dirname "$0")/../common.sh"

run="$GTV_STATE/nginx"
www="$GTV_STATE/www/console"
export GTV_HOST GTV_NGINX_PORT
export GTV_NGINX_RUN_DIR="$run"
export GTV_NGINX_ROOT="$www"
# HAProxy connects from loopback on one node; containers pass their network's CIDR.
export GTV_NGINX_TRUSTED_PROXY="${GTV_NGINX_TRUSTED_PROXY:-$GTV_HOST}"

# Workers (www-data when started as root) must traverse the state dir and read the console copy;
# the master (root) creates the temp directories below tmp/ and hands them to the workers' user.
gtv_state_root
mkdir -p "$run/main.d" "$run/http.d" "$run/tmp" "$www"
chmod 755 "$run" "$GTV_STATE/www" "$www"
rm -f "$run"/main.d/*.conf "$run"/http.d/*.conf

if [ "$(id -u)" -eq 0 ]; then
  echo 'user www-data www-data;' >"$run/main.d/user.conf"
fi

render() {
  envsubst '${GTV_HOST} ${GTV_NGINX_PORT} ${GTV_NGINX_ROOT} ${GTV_NGINX_RUN_DIR} ${GTV_NGINX_TRUSTED_PROXY}' \
    <"$GTV_ROOT/deploy/single-node/nginx/nginx.conf" >"$run/nginx.conf"
}

# Brotli only when Debian's module (libnginx-mod-http-brotli-*) is installed and actually loads
# into this nginx; otherwise gzip alone.
mods=/usr/lib/nginx/modules
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
render
nginx -q -t -c "$run/nginx.conf" || die "invalid nginx config $run/nginx.conf"
exec nginx -c "$run/nginx.conf"
