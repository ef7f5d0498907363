#!/usr/bin/env bash
# PostgreSQL 15 in the foreground, for process-compose.
# First run: initdb into $GTV_STATE/postgres/data (SCRAM auth, superuser password from
# secrets.env). Every run: installs the repository's postgresql.conf and pg_hba.conf.
# Roles and databases are created by postgres-bootstrap.sh once the server is ready.
source "$(dirname "$0")/../common.sh"

PG_BIN=${GTV_PG_BIN:-/usr/lib/postgresql/15/bin}
conf_dir="$GTV_ROOT/deploy/single-node/postgres"
dir="$GTV_STATE/postgres"
data="$dir/data"
run="$dir/run"
user=$(gtv_service_user postgres)

gtv_state_dir "$dir" "$user"
# Traversable, not listable: clients of any OS user may reach the socket in run/
# (the data directory itself stays 0700, as PostgreSQL requires).
chmod 711 "$dir"
mkdir -p "$run"
chmod 755 "$run"
[ "$(id -u)" -ne 0 ] || chown "$user:" "$run"

if [ ! -s "$data/PG_VERSION" ]; then
  [ ! -e "$data" ] || die "$data exists but holds no cluster; move it away to re-initialise"
  step "Initialising the PostgreSQL cluster in $data"
  gtv_load_secrets
  # initdb into a scratch directory and rename, so an interrupted initdb never leaves a
  # half-made cluster behind that a later start would mistake for a real one.
  rm -rf "$data.init"
  pwfile="$dir/.initdb-password"
  (umask 077 && printf '%s\n' "$GTV_DB_ADMIN_PASSWORD" >"$pwfile")
  [ "$(id -u)" -ne 0 ] || chown "$user:" "$pwfile"
  # Checksums catch silent storage corruption; their CPU cost is a few percent.
  ( gtv_as "$user" "$PG_BIN/initdb" --pgdata="$data.init" --username=postgres \
      --pwfile="$pwfile" --auth-local=peer --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 --data-checksums --no-instructions ) >&2 || { rm -f "$pwfile"; die "initdb failed"; }
  rm -f "$pwfile"
  mv "$data.init" "$data"
fi

gtv_install_private "$conf_dir/postgresql.conf" "$data/postgresql.conf" "$user"
# GTV_POSTGRES_CLIENT_NETWORK (deploy/compose: the containers' network) may also log in with a password
# over TCP, as 127.0.0.1 may on the single node: the PostgreSQL exporter runs in a container of its own.
if [ -n "${GTV_POSTGRES_CLIENT_NETWORK:-}" ]; then
  printf 'host    all       all       %s    scram-sha-256\n' "$GTV_POSTGRES_CLIENT_NETWORK" |
    cat "$conf_dir/pg_hba.conf" - >"$dir/pg_hba.conf.new"
  gtv_install_private "$dir/pg_hba.conf.new" "$data/pg_hba.conf" "$user"
  rm -f "$dir/pg_hba.conf.new"
else
  gtv_install_private "$conf_dir/pg_hba.conf" "$data/pg_hba.conf" "$user"
fi
# Only the OS user that owns the cluster may log in as the superuser without a password.
printf '# Written by tools/stack/components/postgres.sh.\ngtv  %s  postgres\n' "$user" >"$dir/pg_ident.conf.new"
gtv_install_private "$dir/pg_ident.conf.new" "$data/pg_ident.conf" "$user"
rm -f "$dir/pg_ident.conf.new"

# SIGTERM asks PostgreSQL for a "smart" shutdown, which waits for every client to leave:
# with PgBouncer or a service still connected it would hang until the supervisor kills it.
# The supervisor's SIGTERM is therefore turned into SIGINT, a fast shutdown (clients are
# disconnected, a checkpoint is written, nothing committed is lost).
( gtv_as "$user" "$PG_BIN/postgres" -D "$data" \
    -c listen_addresses="$GTV_HOST" -c port="$GTV_POSTGRES_PORT" \
    -c unix_socket_directories="$run" ) &
pg_pid=$!
trap 'kill -INT "$pg_pid" 2>/dev/null || true' TERM INT
status=0
while :; do
  status=0
  wait "$pg_pid" || status=$?
  kill -0 "$pg_pid" 2>/dev/null || break
done
exit "$status"
