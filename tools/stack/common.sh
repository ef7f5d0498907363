# Helpers shared by the stack's component scripts. Sourced, never executed.
# Why: every component prepares its state directory, reads secrets and drops root the same way.
source "$(dirname "${BASH_SOURCE[0]}")/../install/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

GTV_SECRETS_FILE="$GTV_STATE/secrets.env"

# The state root must be traversable by the unprivileged users the servers run as
# (postgres, redis, nats); what is private inside it is protected file by file.
gtv_state_root() {
  mkdir -p "$GTV_STATE"
  chmod a+rx "$GTV_STATE"
}

# The OS user a server runs as: its own system user when we are root (PostgreSQL and
# PgBouncer refuse to run as root; Redis and NATS should not), else whoever runs the stack.
gtv_service_user() {
  if [ "$(id -u)" -eq 0 ]; then echo "$1"; else id -un; fi
}

# Creates a component's private state directory owned by the user it runs as.
gtv_state_dir() {
  local dir=$1 user=$2
  gtv_state_root
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown "$user:" "$dir"; fi
  chmod 700 "$dir"
}

# Replaces the current shell (or subshell) with "$@" run as $1. setpriv execs in place (no
# intermediate process, no PAM session as with runuser), so the server keeps the caller's pid
# and receives the supervisor's signals directly. Use `( gtv_as ... )` to run and continue.
gtv_as() {
  local user=$1; shift
  if [ "$(id -u)" -eq 0 ] && [ "$user" != root ]; then
    exec setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
  fi
  exec "$@"
}

# Prints the path of a runnable copy of a program built into the cache: the cache is under $HOME, which a
# service user may not be able to traverse (/root is 0700). The copy is root-owned and read-only to that
# user, so it cannot alter the program it runs; replaced by rename, never in place, so a running copy is
# never written to.
gtv_runnable_copy() {
  local bin=$1 name=$2 dir="$GTV_STATE/bin"
  [ -x "$bin" ] || die "$bin is not built; run tools/gtv install"
  gtv_state_root
  mkdir -p "$dir"
  chmod 755 "$dir"
  if ! cmp -s "$bin" "$dir/$name"; then
    install -m 755 "$bin" "$dir/$name.tmp.$$"
    mv -f "$dir/$name.tmp.$$" "$dir/$name"
  fi
  echo "$dir/$name"
}

# Installs a file readable only by the component's user (rendered configs can hold secrets).
gtv_install_private() {
  local src=$1 dest=$2 user=$3
  local tmp="$dest.tmp.$$"
  (umask 077 && cat "$src" >"$tmp")
  if [ "$(id -u)" -eq 0 ]; then chown "$user:" "$tmp"; fi
  mv -f "$tmp" "$dest"
}

# Loads secrets as plain shell variables, deliberately not exported, so that they never
# reach the environment of the servers we exec. Generates the file on first use; the
# generator is locked, so components started in parallel agree on one set of secrets.
gtv_load_secrets() {
  # The compose containers are handed the file read-only (deploy/compose): nothing to generate there.
  [ -n "${GTV_SECRETS_READ_ONLY:-}" ] || "$GTV_ROOT/tools/stack/secrets.sh"
  # shellcheck disable=SC1090
  . "$GTV_SECRETS_FILE"
}

# Prints a PostgreSQL SCRAM-SHA-256 secret (the format of pg_authid and of PgBouncer's
# auth_file) for the password in GTV_SCRAM_PASSWORD and the base64 salt $1 (random if absent).
# The password goes through the environment, never argv, so `ps` cannot show it.
# Perl is always present where PostgreSQL is (postgresql-common is written in it).
gtv_scram_secret() {
  local salt=${1:-$(openssl rand -base64 16)}
  GTV_SCRAM_SALT=$salt perl -MDigest::SHA=hmac_sha256,sha256 -MMIME::Base64 -e '
    my $password = $ENV{GTV_SCRAM_PASSWORD} // die "GTV_SCRAM_PASSWORD unset\n";
    my $salt = decode_base64($ENV{GTV_SCRAM_SALT});
    my $iterations = 4096;
    # PBKDF2-HMAC-SHA-256 with one output block, as RFC 5802 defines SaltedPassword.
    my $u = hmac_sha256($salt . pack("N", 1), $password);
    my $salted = $u;
    for (2 .. $iterations) { $u = hmac_sha256($u, $password); $salted ^= $u; }
    my $stored_key = sha256(hmac_sha256("Client Key", $salted));
    my $server_key = hmac_sha256("Server Key", $salted);
    printf "SCRAM-SHA-256\$%d:%s\$%s:%s\n", $iterations, encode_base64($salt, ""),
      encode_base64($stored_key, ""), encode_base64($server_key, "");
  '
}

# Polls "$@" every half second until it succeeds or $1 seconds have passed.
gtv_wait_for() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# The stack settings of the latest `tools/gtv up` (tools/stack/settings.sh), exported for the server this
# script execs: they override what the supervisor's environment held when it started.
gtv_load_settings() {
  [ -f "$GTV_STATE/stack.env" ] || return 0
  set -a
  # shellcheck disable=SC1091
  . "$GTV_STATE/stack.env"
  set +a
}
