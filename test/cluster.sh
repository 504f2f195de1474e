#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for tests, benchmarks and the demo.
#
#   test/cluster.sh start DIR [--ssl]   create (if new) and start a cluster under DIR;
#                                        prints PGHOST=… PGPORT=… PGUSER=… lines to eval
#   test/cluster.sh stop DIR            stop it (data kept)
#   test/cluster.sh destroy DIR         stop it and remove DIR
#
# The server runs as the `postgres` OS user (initdb refuses root), listens on a free
# port on 127.0.0.1 and on a Unix socket in DIR/sock. pg_hba gives: local trust for
# everyone; over TCP, roles auth_password / auth_md5 / auth_scram need that method
# (password = role name + "_pw"), auth_sslonly must use SSL, everyone else is trusted.
# The postmaster (so every backend) has PGHOST/PGPORT set to this cluster.
# With --ssl the server has ssl=on with a self-signed certificate (DIR/server.crt).
# With --ssl and CLUSTER_SSL_DIR=D in the environment (files from test/tls-fixtures.sh D),
# a NEW cluster instead uses D/server.crt and D/server.key, trusts client certificates
# from D/ca.crt, and DIR/server.crt is a copy of D/ca.crt (the root to verify with).
# With PGBIN=D in the environment the server is D's (default: pg_config --bindir).
# With CLUSTER_PORT=N in the environment, start uses exactly that port (and fails if it
# is taken) instead of a free random one.
# With CLUSTER_HBA_LINES in the environment (pg_hba.conf lines, newline-separated), a NEW
# cluster gets those lines just before the final "everyone else is trusted" line, e.g.
# to make more roles log in with a password over TCP (the demo does).
set -euo pipefail

PGBIN=${PGBIN:-$(pg_config --bindir)}
# A server build may come without psql (test/pg-versions.sh): the installed one serves.
PSQL=$PGBIN/psql
[ -x "$PSQL" ] || PSQL=$(command -v psql)
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|destroy DIR [--ssl]" >&2; exit 2; }
shift 2
ssl=off
for arg in "$@"; do
  case "$arg" in --ssl) ssl=on ;; *) echo "unknown option $arg" >&2; exit 2 ;; esac
done

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

port_free() {
  ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && ! [ -e "/tmp/.s.PGSQL.$1" ]
}

pick_port() {
  local p
  if [ -n "${CLUSTER_PORT:-}" ]; then
    if port_free "$CLUSTER_PORT"; then echo "$CLUSTER_PORT"; return 0; fi
    echo "port $CLUSTER_PORT is already in use" >&2; return 1
  fi
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  echo "no free TCP port found" >&2; return 1
}

print_env() {
  echo "PGHOST=$dir/sock"
  echo "PGPORT=$(cat "$dir/port")"
  echo "PGUSER=postgres"
}

running() {
  [ -f "$dir/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

do_init() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  chown postgres: "$dir" 2>/dev/null || true
  as_postgres mkdir -p "$dir/sock"
  as_postgres "$PGBIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/sock'
max_connections = 60
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
logging_collector = off
ssl = $ssl
CONF
  if [ "$ssl" = on ] && [ -n "${CLUSTER_SSL_DIR:-}" ]; then
    local fixtures
    fixtures=$(cd "$CLUSTER_SSL_DIR" && pwd)
    cat >>"$dir/data/postgresql.conf" <<CONF
ssl_cert_file = '$fixtures/server.crt'
ssl_key_file = '$fixtures/server.key'
ssl_ca_file = '$fixtures/ca.crt'
CONF
    cp "$fixtures/ca.crt" "$dir/server.crt"
    chmod 644 "$dir/server.crt"
  elif [ "$ssl" = on ]; then
    openssl req -new -x509 -days 2 -nodes -subj "/CN=localhost" \
      -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1
    chown postgres: "$dir/data/server.key" "$dir/data/server.crt"
    chmod 600 "$dir/data/server.key"
    cp "$dir/data/server.crt" "$dir/server.crt"
    chmod 644 "$dir/server.crt"
  fi
  cat >"$dir/data/pg_hba.conf" <<HBA
local     all all                         trust
hostssl   all auth_sslonly 127.0.0.1/32   trust
host      all auth_sslonly 127.0.0.1/32   reject
host      all auth_password 127.0.0.1/32  password
host      all auth_md5 127.0.0.1/32       md5
host      all auth_scram 127.0.0.1/32     scram-sha-256
HBA
  [ -z "${CLUSTER_HBA_LINES:-}" ] || printf '%s\n' "$CLUSTER_HBA_LINES" >>"$dir/data/pg_hba.conf"
  echo "host      all all 127.0.0.1/32            trust" >>"$dir/data/pg_hba.conf"
  chown postgres: "$dir/data/pg_hba.conf"
}

do_start() {
  [ -d "$dir/data" ] || do_init
  dir=$(cd "$dir" && pwd)
  if running; then print_env; return 0; fi
  local attempt port
  local attempts=5
  [ -z "${CLUSTER_PORT:-}" ] || attempts=1
  for attempt in $(seq 1 "$attempts"); do
    port=$(pick_port) || return 1
    echo "$port" >"$dir/port"
    # The server's own PGHOST/PGPORT point at itself, so a backend's libpq (or jdblink)
    # reaches a sibling database with just 'dbname=x', as in dblink's documentation.
    if as_postgres env PGHOST="$dir/sock" PGPORT="$port" "$PGBIN/pg_ctl" -D "$dir/data" \
         -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null 2>&1; then
      if [ ! -f "$dir/roles-created" ]; then
        as_postgres "$PSQL" -X -q -h "$dir/sock" -p "$port" -U postgres -d postgres \
          -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SET client_min_messages = error;
SET password_encryption = 'md5';
CREATE ROLE auth_md5 LOGIN PASSWORD 'auth_md5_pw';
SET password_encryption = 'scram-sha-256';
CREATE ROLE auth_password LOGIN PASSWORD 'auth_password_pw';
CREATE ROLE auth_scram LOGIN PASSWORD 'auth_scram_pw';
CREATE ROLE auth_sslonly LOGIN PASSWORD 'auth_sslonly_pw';
CREATE ROLE auth_trust LOGIN;
SQL
        touch "$dir/roles-created"
      fi
      print_env
      return 0
    fi
  done
  echo "could not start a cluster in $dir; see $dir/server.log" >&2
  return 1
}

do_stop() {
  [ -d "$dir/data" ] || return 0
  # A test may have left the postmaster stopped (SIGSTOP, a frozen remote): resume it so
  # that it can act on the shutdown (it then kills its backends, stopped ones included).
  [ -f "$dir/data/postmaster.pid" ] && kill -CONT "$(head -1 "$dir/data/postmaster.pid")" 2>/dev/null
  running && as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
}

case "$cmd" in
  start) do_start ;;
  stop) do_stop ;;
  destroy) do_stop; rm -rf "$dir" ;;
  *) echo "usage: $0 start|stop|destroy DIR [--ssl]" >&2; exit 2 ;;
esac
