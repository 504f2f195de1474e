#!/usr/bin/env bash
# `make demo`: build and install jdblink, start a sandbox PostgreSQL server (with SSL) in
# sandbox/ inside the checkout, create the databases and roles the examples need
# (demo/setup.sql), and run the examples of the documents jdblink is specified from
# (demo/0*.sql, one file per document, in order), printing each statement and its result
# as psql does. The transcript is also kept in sandbox/demo.out; demo/check.sh checks it.
# `make demo-stop` (demo/demo.sh stop): stop the sandbox server and remove sandbox/.
#
# Environment:
#   JDBLINK_DEMO_EXTENSION  extension to demonstrate (default jdblink; `dblink` runs the
#                           same demo on C dblink, without building anything)
#   JDBLINK_DEMO_PORT       TCP port of the sandbox server (default 54329; `auto`: any free one)
#   JDBLINK_DEMO_SANDBOX    the sandbox directory (default sandbox/ in the checkout)
#   JDBLINK_DEMO_INSTALL    `no` skips `make install` (for make check, which has just run it)
# Running it again reuses the running sandbox and recreates the demo's databases and roles.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sandbox=${JDBLINK_DEMO_SANDBOX:-$root/sandbox}
extension=${JDBLINK_DEMO_EXTENSION:-jdblink}
port=${JDBLINK_DEMO_PORT:-54329}
install=${JDBLINK_DEMO_INSTALL:-yes}
# The examples' roles that are not superusers, or whose connection strings carry a
# password, log in with a password over TCP, as on a real server: dblink refuses a
# non-superuser's connection that did not use one.
hba_line="host      all regress_dblink_user,user1,user2,my_remote_user,reporter 127.0.0.1/32 scram-sha-256"

die() { echo "demo: $*" >&2; exit 1; }

stop() {
  if [ -d "$sandbox" ]; then
    "$root/test/cluster.sh" destroy "$sandbox"
    echo "The demo sandbox was stopped and removed."
  else
    echo "There is no demo sandbox to stop."
  fi
}

case "${1:-start}" in
  start) ;;
  stop) stop; exit 0 ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac

# --- what the machine needs ----------------------------------------------------------------
mapfile -t packages < "$root/test/debian-packages"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "$(id -u)" -ne 0 ]; then
  [ ${#missing[@]} -eq 0 ] || die "packages are missing; install them with: sudo apt-get install ${missing[*]}"
  die "the demo must run as root (sudo make demo): its sandbox server runs as the postgres user."
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi
command -v pg_config >/dev/null || die "pg_config is not on the PATH; install postgresql-server-dev-15."
[ -f "$(pg_config --includedir-server)/postgres.h" ] \
  || die "the PostgreSQL server headers are missing; install postgresql-server-dev-15."
if [ "$extension" = jdblink ]; then
  command -v javac >/dev/null || [ -x "${JAVA_HOME:-/nonexistent}/bin/javac" ] \
    || die "no Java 17 JDK was found; install openjdk-17-jdk-headless."
  command -v mvn >/dev/null || die "Maven is not installed; install maven."
fi
runuser -u postgres -- test -x "$(dirname "$sandbox")" \
  || die "the postgres user cannot reach $(dirname "$sandbox"); use a checkout in a directory every user can read."
running=false
[ -f "$sandbox/data/postmaster.pid" ] && [ "$(cat "$sandbox/port" 2>/dev/null)" = "$port" ] \
  && runuser -u postgres -- "$(pg_config --bindir)/pg_ctl" -D "$sandbox/data" status >/dev/null 2>&1 \
  && running=true
if ! $running && [ "$port" != auto ] && ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
  die "port $port is taken by another program; choose a free one with JDBLINK_DEMO_PORT=<port> make demo."
fi

# --- build and install -----------------------------------------------------------------------
if [ "$extension" = jdblink ] && [ "$install" != no ]; then
  mkdir -p "$root/target"
  log=$root/target/demo-make-install.log
  echo "== make install (log: $log)"
  if ! make -C "$root" install >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "make install failed; the end of its log is above."
  fi
fi

# --- sandbox server ---------------------------------------------------------------------------
# A sandbox made by an older demo (without SSL or the password rule) is made afresh.
if [ -f "$sandbox/data/pg_hba.conf" ] && { ! grep -qxF "$hba_line" "$sandbox/data/pg_hba.conf" \
     || ! grep -qx 'ssl = on' "$sandbox/data/postgresql.conf"; }; then
  echo "== the sandbox in $sandbox is from an older demo: making it afresh"
  "$root/test/cluster.sh" destroy "$sandbox"
fi
cluster_port=$port
[ "$port" != auto ] || cluster_port=
env_lines=$(CLUSTER_PORT=$cluster_port CLUSTER_HBA_LINES=$hba_line "$root/test/cluster.sh" start "$sandbox" --ssl) \
  || die "the sandbox server did not start; see $sandbox/server.log."
eval "$env_lines"
echo "== sandbox server in $sandbox (port $PGPORT, SSL on)"
# psql logs in over TCP, as the documents' users do; it finds the passwords of the
# examples' \c commands in the sandbox's pgpass file.
export PGHOST=127.0.0.1 PGPORT PGUSER PGPASSFILE=$sandbox/pgpass
(
  umask 077
  printf '127.0.0.1:%s:*:%s\n' "$PGPORT" regress_dblink_user:secret "$PGPORT" user1:secret1 \
    "$PGPORT" user2:secret2 >"$PGPASSFILE"
)
psql_quiet() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
[ "$(psql_quiet -d postgres -At -c "SELECT count(*) FROM pg_available_extensions WHERE name = '$extension'")" = 1 ] \
  || die "the extension $extension is not installed in this PostgreSQL; run make install as root."

# Where the transcript of jdblink's own functions begins (demo/check.sh leaves it out of
# the comparison when the demo shows C dblink).
JDBLINK_ONLY_MARK="== jdblink's own functions (demo/1*.sql), which C dblink does not have"

# The SQL files' placeholders: the sandbox's port and the extension demonstrated.
fill_in() { sed -e "s/@PORT@/$PGPORT/g" -e "s/@EXTENSION@/$extension/g" "$@"; }

echo "== databases, roles and sample data (demo/setup.sql)"
fill_in "$root/demo/setup.sql" | psql_quiet -d postgres >/dev/null \
  || die "demo/setup.sql failed with the error above."

# --- the examples ----------------------------------------------------------------------------
transcript=$sandbox/demo.out
echo "== the examples of dblink's documentation (PostgreSQL's, Neon's, Aiven's; demo/0*.sql), as psql prints them"
echo
: >"$transcript"
for file in "$root"/demo/0*.sql; do
  fill_in "$file" | psql -X -a -d postgres 2>&1 | tee -a "$transcript"
  echo | tee -a "$transcript"
done
# jdblink's own functions (demo/1*.sql), which C dblink does not have
if [ "$extension" = jdblink ]; then
  echo "$JDBLINK_ONLY_MARK" | tee -a "$transcript"
  echo | tee -a "$transcript"
  for file in "$root"/demo/1*.sql; do
    fill_in "$file" | psql -X -a -d postgres 2>&1 | tee -a "$transcript"
    echo | tee -a "$transcript"
  done
fi

stop_command="make demo-stop"
[ "$sandbox" = "$root/sandbox" ] || stop_command="JDBLINK_DEMO_SANDBOX=$sandbox $stop_command"
cat <<EOF
The demo sandbox is running; the transcript above is kept in $transcript.
Open a session in it (as the superuser, in the database of Neon's examples) with:
  psql -h 127.0.0.1 -p $PGPORT -U postgres neondb
Stop it and remove the sandbox with:
  $stop_command
EOF
