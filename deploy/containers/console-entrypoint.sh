#!/bin/sh
# The console's nginx: renders the templates shared with the single node (deploy/single-node/nginx/nginx.conf and
# http-common.conf)
# into a tmpfs and runs it in the foreground; the variables are the image's ENV, overridable per deployment.
set -eu
run=$GTV_NGINX_RUN_DIR
mkdir -p "$run/main.d" "$run/http.d" "$run/tmp"
vars='${GTV_HOST} ${GTV_NGINX_PORT} ${GTV_NGINX_ROOT} ${GTV_NGINX_RUN_DIR} ${GTV_NGINX_TRUSTED_PROXY} ${GTV_NGINX_SERVICE}'
envsubst "$vars" </etc/gtv/http-common.conf.template >"$run/http-common.conf"
envsubst "$vars" </etc/gtv/nginx.conf.template >"$run/nginx.conf"
exec nginx -c "$run/nginx.conf"
