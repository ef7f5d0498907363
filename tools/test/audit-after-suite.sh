#!/usr/bin/env bash
# After the integration suites, on the same stack: the audit trail's hash chain is unbroken
# (tools/gtv audit-verify) and it holds a record of each kind of action the suites performed, so an
# auditor reading it after a day like the suite's would find every login, change, search and view.
source "$(dirname "$0")/../install/lib.sh"
source "$GTV_ROOT/tools/stack/common.sh"

# What the stack-e2e and console suites do, by audit action name (apps' @Audited and the auditor).
EXPECTED=(
  auth.login auth.login-failed user.created api-key.created api-key.revoked
  camera.created camera.updated camera.deleted video.session-opened
  plate.search detection.viewed snapshot.viewed
  watchlist.created watchlist.entry-added watchlist.deleted
  camera-group.created camera-grant.created camera-grant.deleted
)

"$GTV_ROOT/tools/gtv" audit-verify >/dev/null || die "the audit chain is broken: tools/gtv audit-verify names the first bad record"
token=$("$GTV_ROOT/tools/stack/token.sh")
missing=()
for action in "${EXPECTED[@]}"; do
  # The token on stdin (-H @-), never in argv where ps shows it.
  found=$(printf 'authorization: Bearer %s\n' "$token" \
    | curl -fsS -H @- "http://$GTV_HOST:$GTV_EDGE_HTTP_PORT/api/audit?action=$action&limit=1" \
    | jq '.items | length')
  [ "$found" -gt 0 ] || missing+=("$action")
done
[ "${#missing[@]}" -eq 0 ] || die "the audit trail has no record of: ${missing[*]}"
note "audit trail: chain intact, a record of each of the ${#EXPECTED[@]} kinds of action the suites performed"
