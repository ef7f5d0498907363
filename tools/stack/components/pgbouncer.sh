#!/usr/bin/env bash
# PgBouncer in the foreground, for process-compose. Renders the repository's pgbouncer.ini
# template and an auth_file of SCRAM secrets into $GTV_STATE/pgbouncer, then execs.
# PgBouncer connects to PostgreSQL lazily, so it may start before PostgreSQL is ready.
# SIGTERM: immediate shutdown (1.18); SIGINT: safe shutdown (waits for transactions).
source "$(dirname "$0")/../common.sh"

template="$GTV_ROOT/deploy/single-node/pgbouncer/pgbouncer.ini"
dir="$GTV_STATE/pgbouncer"
run="$dir/run"
# The postgres user: PgBouncer refuses to run as root, and this one may use the server's socket.
user=$(gtv_service_user postgres)

gtv_state_dir "$dir" "$user"
# Traversable, not listable: other OS users may reach the socket in run/.
chmod 711 "$dir"
mkdir -p "$run"
chmod 755 "$run"
[ "$(id -u)" -ne 0 ] || chown "$user:" "$run"

gtv_load_secrets
umask 077
{
  echo '; Written by tools/stack/components/pgbouncer.sh from secrets.env. SCRAM secrets only.'
  # Same salt as postgres-bootstrap.sh: the secret must equal the one in pg_authid.
  printf '"gtvision" "%s"\n' "$(GTV_SCRAM_PASSWORD=$GTV_DB_PASSWORD gtv_scram_secret "$GTV_DB_SCRAM_SALT")"
  printf '"pgbouncer_stats" "%s"\n' "$(GTV_SCRAM_PASSWORD=$GTV_PGBOUNCER_STATS_PASSWORD gtv_scram_secret)"
  printf '"pgbouncer_admin" "%s"\n' "$(GTV_SCRAM_PASSWORD=$GTV_PGBOUNCER_ADMIN_PASSWORD gtv_scram_secret)"
} >"$dir/userlist.txt.new"
gtv_install_private "$dir/userlist.txt.new" "$dir/userlist.txt" "$user"
rm -f "$dir/userlist.txt.new"

rendered=$(sed -e "s|@POSTGRES_SOCKET_DIR@|$GTV_STATE/postgres/run|g" \
    -e "s|@POSTGRES_PORT@|$GTV_POSTGRES_PORT|g" \
    -e "s|@LISTEN_ADDR@|$GTV_HOST|g" \
    -e "s|@LISTEN_PORT@|$GTV_PGBOUNCER_PORT|g" \
    -e "s|@RUN_DIR@|$run|g" \
    -e "s|@STATE_DIR@|$dir|g" \
    "$template")
! grep -v '^;' <<<"$rendered" | grep -q '@[A-Z_]*@' || die "unrendered placeholder in $template"
printf '%s\n' "$rendered" >"$dir/pgbouncer.ini.new"
gtv_install_private "$dir/pgbouncer.ini.new" "$dir/pgbouncer.ini" "$user"
rm -f "$dir/pgbouncer.ini.new"

gtv_as "$user" /usr/sbin/pgbouncer "$dir/pgbouncer.ini"
