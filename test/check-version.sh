#!/usr/bin/env bash
# jdblink on another PostgreSQL major version, checked against that version's C dblink:
#
#   test/check-version.sh MAJOR      (17 or 18; needs `make jar` done)
#
# Fetches the server headers and a runnable server of MAJOR (test/pg-versions.sh), builds
# the bridge from the headers alone (bridge/Makefile, PG_INCLUDEDIR_SERVER), installs it
# with the jar into a private copy of that server's tree, starts a throwaway cluster from
# it and runs the SQL suites there: the differential files (C dblink MAJOR is the
# reference), the jdblink-only files, the superuser-only settings, the wait events
# pg_stat_activity shows and the remote side (remote servers of PostgreSQL 13 to 18).
# Transcripts go to test/results/pgMAJOR/. Everything started is removed on exit. The
# last line is the summary, "PostgreSQL MAJOR (VERSION): …"; the exit status is non-zero
# if any part failed.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
major=${1:-}
[ -n "$major" ] || { echo "usage: $0 MAJOR" >&2; exit 2; }
results=$root/test/results/pg$major
mkdir -p "$results"
summary() { echo "PostgreSQL $major${version:+ ($version)}: $*"; }
version=

headers=$("$root/test/pg-versions.sh" headers "$major") || { summary "FAILED: could not fetch its server headers"; exit 1; }
server=$("$root/test/pg-versions.sh" server "$major") || { summary "FAILED: could not fetch a server"; exit 1; }

work=$(mktemp -d /tmp/jdblink-pg$major.XXXXXX)
chmod 755 "$work"
cluster=$work/cluster
trap '"$root/test/cluster.sh" destroy "$cluster" >/dev/null 2>&1; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "== building the bridge against the PostgreSQL $major headers in $headers"
build=$root/target/bridge-$major
if ! make -s -C "$root/bridge" PG_INCLUDEDIR_SERVER="$headers" BUILD_DIR="$build" >"$results/build.log" 2>&1; then
  cat "$results/build.log"
  summary "FAILED: the bridge does not build against its headers"; exit 1
fi

# The server tree is relocatable: a copy of it finds its libraries, share/ and extension
# files next to its own binaries, so installing into the copy leaves the cache untouched.
tree=$work/server
cp -a "$server" "$tree"
pkglib=$tree/lib/postgresql
extdir=$tree/share/postgresql/extension
install -m 755 "$build/jdblink.so" "$pkglib/jdblink.so"
install -m 644 "$root/bridge/jdblink.control" "$root"/bridge/jdblink--*.sql "$extdir/"
install -D -m 644 "$root/target/jdblink.jar" "$pkglib/jdblink/jdblink.jar"
install -m 644 "$root/bridge/archive/jdblink.classlist" "$pkglib/jdblink/"
install -m 755 "$root/bridge/archive/make-archive.sh" "$pkglib/jdblink/"
# The class archive for the runtime the bridge was built with (bridge/Makefile's default).
"$pkglib/jdblink/make-archive.sh" "${JAVA_HOME:-$(dirname "$(dirname "$(realpath "$(command -v javac)")")")}"
chmod -R a+rX "$work"

echo "== throwaway PostgreSQL $major cluster"
if ! cluster_env=$(PGBIN=$tree/bin "$root/test/cluster.sh" start "$cluster" --ssl); then
  tail -n 20 "$cluster/server.log" 2>/dev/null
  summary "FAILED: could not start a cluster"; exit 1
fi
eval "$cluster_env"
export PGHOST PGPORT PGUSER
version=$(psql -X -At -d postgres -c 'SHOW server_version')
echo "cluster in $cluster, port $PGPORT, PostgreSQL $version"

# Runs test/RUNNER ARGS with its output kept in $results/LOG and its PASS/FAIL lines (and
# the start of any diff) shown; sets suite_line to its summary line, the last one starting
# with "PREFIX: ". Returns the runner's status.
#   suite LIMIT LOG PREFIX RUNNER [ARGS...]
suite() {
  local limit=$1 log=$results/$2 prefix=$3 runner=$4
  shift 4
  timeout "$limit" "$root/test/$runner" "$@" >"$log" 2>&1
  local status=$?
  grep -E '^(PASS|FAIL) ' "$log" | sed "s/^/pg$major: /"
  grep -E '^(---|\+\+\+|@@|[-+])' "$log" | head -n 80
  suite_line=$(grep -E "^$prefix: " "$log" | tail -n 1)
  [ -n "$suite_line" ] || suite_line="$prefix FAILED: $(tail -n 1 "$log")"
  return $status
}

rc=0
suite 20m differential.log differential run-differential.sh --results "$results" || rc=1
differential=$suite_line
suite 10m jdblink-only.log jdblink-only run-jdblink-only.sh || rc=1
only=$suite_line
suite 5m superuser-settings.log superuser-settings superuser-settings.sh || rc=1
settings=$suite_line
suite 5m wait-events.log wait-events wait-events.sh || rc=1
waits=$suite_line
suite 5m remote-versions.log remote-versions remote-versions.sh --results "$results/remotes" || rc=1
remotes=$suite_line

if [ $rc -eq 0 ]; then
  summary "passed — $differential; $only; $settings; $waits; $remotes"
else
  summary "FAILED — $differential; $only; $settings; $waits; $remotes"
fi
exit $rc
