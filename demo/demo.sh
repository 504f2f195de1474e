#!/usr/bin/env bash
# `make demo`: build and install jdblink, start a sandbox PostgreSQL server in sandbox/
# (inside the checkout), create a local and a "remote" database with sample data, and run
# dblink's documented examples, printing each statement and its result.
# `make demo-stop` (demo/demo.sh stop): stop the sandbox server and remove sandbox/.
#
# Environment:
#   JDBLINK_DEMO_EXTENSION  extension to demonstrate (default jdblink; `dblink` runs the
#                           same demo on C dblink, without building anything)
#   JDBLINK_DEMO_PORT       TCP port of the sandbox server (default 54329)
# Running it again reuses the running sandbox and recreates the demo databases.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sandbox=$root/sandbox
extension=${JDBLINK_DEMO_EXTENSION:-jdblink}
port=${JDBLINK_DEMO_PORT:-54329}

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
runuser -u postgres -- test -x "$root" \
  || die "the postgres user cannot reach $root; use a checkout in a directory every user can read."
running=false
[ -f "$sandbox/data/postmaster.pid" ] && [ "$(cat "$sandbox/port" 2>/dev/null)" = "$port" ] \
  && runuser -u postgres -- "$(pg_config --bindir)/pg_ctl" -D "$sandbox/data" status >/dev/null 2>&1 \
  && running=true
if ! $running && ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
  die "port $port is taken by another program; choose a free one with JDBLINK_DEMO_PORT=<port> make demo."
fi

# --- build and install -----------------------------------------------------------------------
if [ "$extension" = jdblink ]; then
  mkdir -p "$root/target"
  log=$root/target/demo-make-install.log
  echo "== make install (log: $log)"
  if ! make -C "$root" install >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "make install failed; the end of its log is above."
  fi
fi

# --- sandbox server and sample databases -----------------------------------------------------
echo "== sandbox server in $sandbox (port $port)"
env_lines=$(CLUSTER_PORT=$port "$root/test/cluster.sh" start "$sandbox") \
  || die "the sandbox server did not start; see $sandbox/server.log."
eval "$env_lines"
export PGHOST PGPORT PGUSER
psql_quiet() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
[ "$(psql_quiet -d postgres -At -c "SELECT count(*) FROM pg_available_extensions WHERE name = '$extension'")" = 1 ] \
  || die "extension $extension is not installed in this PostgreSQL installation."

echo "== databases demo_remote (sample data) and demo_local (CREATE EXTENSION $extension)"
psql_quiet -d postgres >/dev/null <<'SQL'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS demo_local WITH (FORCE);
DROP DATABASE IF EXISTS demo_remote WITH (FORCE);
CREATE DATABASE demo_remote;
CREATE DATABASE demo_local;
SQL
psql_quiet -d demo_remote -f "$root/demo/remote-data.sql" >/dev/null
psql_quiet -d demo_local -f "$root/demo/local-data.sql" >/dev/null
psql_quiet -d demo_local -c "CREATE EXTENSION $extension" >/dev/null

# --- the examples ----------------------------------------------------------------------------
echo "== examples (demo/demo.sql)"
echo
psql -X -a -d demo_local <"$root/demo/demo.sql" 2>&1

cat <<EOF

The demo sandbox is running. Open a session in it with:
  psql -h $PGHOST -p $PGPORT -U postgres demo_local
Stop it and remove the sandbox with:
  make demo-stop
EOF
