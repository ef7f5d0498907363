#!/usr/bin/env bash
# Replaces the JWT signing key of the compose deployment, as `tools/gtv rotate-jwt-key` does on the single node:
#   deploy/compose/rotate-jwt-key.sh
# secrets.sh makes the new key and keeps the old public key as retired (until its last token has expired);
# the services' key files are refreshed in place (compose_prepare_secrets), then every service that verifies
# tokens is restarted, the signer (camera-registry) last so that nobody is handed a token of the new key a
# service does not know yet, and this returns once the edge routes to them again.
# Nobody is logged out: tokens of the old key verify everywhere, refreshes answer tokens of the new one.
source "$(dirname "$0")/../containers/podman.sh"
source "$GTV_ROOT/deploy/compose/compose.sh"

[ -n "$(containers_of camera-registry)" ] || die "the compose deployment is not up: deploy/compose/up.sh"
GTV_STATE=$GTV_COMPOSE_STATE "$GTV_ROOT/tools/stack/secrets.sh" rotate-jwt-key
compose_prepare_secrets
step "Restarting the services that verify tokens with the new key"
restart() {
  local service
  for service in "$@"; do
    # shellcheck disable=SC2046
    podman restart $(containers_of "$service") >/dev/null || die "could not restart $service"
  done
  for service in "$@"; do wait_condition "$service" service_healthy; done
}
# shellcheck disable=SC2046
restart $(compose_token_verifiers | grep -vx camera-registry)
restart camera-registry
wait_routed
step "JWT signing key rotated"
