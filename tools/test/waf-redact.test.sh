#!/usr/bin/env bash
# Test of the WAF's log filter (deploy/single-node/waf/redact-log.sed), on lines as nginx and ModSecurity
# write them: a credential in a query (request line, upstream URL, a matched QUERY_STRING) or quoted as a
# matched argument is replaced, case-insensitively; what an operator needs (rule id, request id, path, the
# other arguments) stays; the names are the ones haproxy.cfg redacts in the edge's own log line.
source "$(dirname "$0")/../install/lib.sh"

sed_file="$GTV_ROOT/deploy/single-node/waf/redact-log.sed"
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
redact() { sed -E -f "$sed_file"; }

line='[info] *1 ModSecurity: Warning. Matched "Operator `Rx'"'"' with parameter `x'"'"' against variable `ARGS:token'"'"' (Value: `S3cret-1'"'"' ) [data "Matched Data: s&sos found within ARGS_GET:api_key: S3cret-2"] [id "942100"] [uri "/ws/live/"] [unique_id "rid-1"], client: 10.0.0.1, server: _, request: "GET /ws/live/?Token=S3cret-3&x=%3Cscript%3E HTTP/1.1", upstream: "http://h:8081/api/a?b=1&access_token=S3cret-4;refresh_token=S3cret-5", host: "h"'
out=$(printf '%s\n' "$line" | redact)
case "$out" in *S3cret*) fail "a credential is left: $out" ;; esac
for kept in '[id "942100"]' '[unique_id "rid-1"]' 'request: "GET /ws/live/?Token=[redacted]&x=%3Cscript%3E HTTP/1.1"' \
  'ARGS:token'"'"' (Value: `[redacted]'"'"' )' 'ARGS_GET:api_key: [redacted]' 'b=1&access_token=[redacted]'; do
  case "$out" in *"$kept"*) ;; *) fail "missing '$kept' in: $out" ;; esac
done
# Names that merely end like a credential's are left alone.
plain='request: "GET /api/detections?plate=TOKEN1&monkey=1&tokens=2 HTTP/1.1"'
[ "$(printf '%s\n' "$plain" | redact)" = "$plain" ] || fail "changed: $(printf '%s\n' "$plain" | redact)"
# The same names as the edge's own redaction.
edge_names=$(grep -o '(token|[a-z_|]*)=' "$GTV_ROOT/haproxy/haproxy.cfg" | head -1)
grep -qF "$edge_names" "$sed_file" || fail "redact-log.sed does not redact the names haproxy.cfg does: $edge_names"
echo "waf-redact: ok"
