#!/bin/bash
# The WAF image's entrypoint where no checkout is mounted (Kubernetes): renders the single node's templates,
# deploy/single-node/waf/nginx.conf and deploy/single-node/nginx/http-common.conf, from GTV_WAF_CONF_DIR
# (the gtv-waf ConfigMap, which also holds the ModSecurity files they include) into GTV_NGINX_RUN_DIR and
# runs nginx in the foreground as the image's unprivileged user. Compose runs tools/stack/components/nginx.sh
# waf from the mounted checkout instead; both pass the log through redact-log.sed.
#   GTV_WAF_UPSTREAM          host:port of HAProxy's inner listener, where inspected requests go
#   GTV_NGINX_TRUSTED_PROXY   address/CIDR of the edge's pods, whose X-Forwarded-For is believed
set -euo pipefail
export GTV_HOST=${GTV_HOST:-0.0.0.0} GTV_WAF_PORT=${GTV_WAF_PORT:-8090} GTV_NGINX_SERVICE=waf
export GTV_WAF_CONF_DIR=${GTV_WAF_CONF_DIR:-/etc/gtv/waf} GTV_NGINX_RUN_DIR=${GTV_NGINX_RUN_DIR:-/tmp/waf}
: "${GTV_WAF_UPSTREAM:?HAProxy inner listener, host:port}" "${GTV_NGINX_TRUSTED_PROXY:?CIDR of the edge pods}"
export GTV_WAF_UPSTREAM GTV_NGINX_TRUSTED_PROXY
run=$GTV_NGINX_RUN_DIR conf=$GTV_WAF_CONF_DIR
mkdir -p "$run/main.d" "$run/tmp/modsecurity"
printf 'load_module %s;\n' /usr/lib/nginx/modules/ngx_http_modsecurity_module.so >"$run/main.d/modsecurity.conf"
vars='${GTV_HOST} ${GTV_NGINX_RUN_DIR} ${GTV_NGINX_TRUSTED_PROXY} ${GTV_NGINX_SERVICE} ${GTV_WAF_PORT}
  ${GTV_WAF_UPSTREAM} ${GTV_WAF_CONF_DIR}'
envsubst "$vars" <"$conf/http-common.conf" >"$run/http-common.conf"
envsubst "$vars" <"$conf/nginx.conf" >"$run/nginx.conf"
# -e: the compiled-in error log under /var/log is not writable here (read-only root filesystem).
nginx -q -e stderr -t -c "$run/nginx.conf"
exec > >(exec sed -E -u -f "$conf/redact-log.sed") 2>&1
exec nginx -e stderr -c "$run/nginx.conf"
