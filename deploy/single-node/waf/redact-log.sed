# Every line the WAF's nginx writes (error log: ModSecurity's rule matches, with nginx's request line and
# upstream URL appended; access log) passes this filter before it reaches a file or the container's log
# (tools/stack/components/nginx.sh waf, deploy/containers/waf-entrypoint.sh): sed -E -u -f redact-log.sed.
# nginx appends the request line with its query to every error line and offers no setting to leave it out,
# and a query may carry a credential (the live socket's one-time ticket, /ws/live/?token=). The names are
# those haproxy.cfg redacts in the edge's own log line (txn.log_query), case-insensitively.
s/([?&;])(token|access_token|jwt|api_key|apikey|key|password|refresh_token)=[^&;[:space:]"']*/\1\2=[redacted]/gI
# A rule that matched a credential argument names it and quotes its value ("ARGS:token: <value>",
# "variable `ARGS_GET:token' (Value: `<value>' )"). crs-exclusions.conf (10007) keeps the rule set off these
# arguments, so this is the second line of defence.
s/((ARGS|ARGS_GET|ARGS_POST):(token|access_token|jwt|api_key|apikey|key|password|refresh_token)(' \(Value: `|: ))[^"'[:space:]]*/\1[redacted]/gI
