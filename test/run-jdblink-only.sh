#!/usr/bin/env bash
# Tests of what only jdblink has (so no C dblink transcript to compare with): each
# test/jdblink-only/NAME.sql runs in a fresh database with jdblink and its transcript must
# equal NAME.out. The server's port and socket directory are replaced by PORT and SOCKDIR.
#   test/run-jdblink-only.sh [--accept] [NAME ...]     (server from the PG* environment)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/jdblink-only
accept=false
[ "${1:-}" = --accept ] && { accept=true; shift; }
names=("$@")
[ ${#names[@]} -eq 0 ] && for f in "$dir"/*.sql; do names+=("$(basename "$f" .sql)"); done
die() { echo "run-jdblink-only: $*" >&2; exit 2; }
. "$here/lib.sh"
require_superuser_server
port=$(psql_admin -At -c 'SHOW port')
sockdir=$(psql_admin -At -c 'SHOW unix_socket_directories')
failed=0
passed=0
for name in "${names[@]}"; do
  psql_admin >/dev/null 2>&1 <<SQL
DROP DATABASE IF EXISTS regression_remote WITH (FORCE);
DROP DATABASE IF EXISTS regression_jdb_only WITH (FORCE);
CREATE DATABASE regression_remote;
CREATE DATABASE regression_jdb_only;
SQL
  psql -X -q -d regression_jdb_only -c 'CREATE EXTENSION jdblink' >/dev/null
  out=$(psql -X -a -v VERBOSITY=verbose -v port="$port" -d regression_jdb_only -f "$dir/$name.sql" 2>&1 \
        | grep -v '^LOCATION:' | sed -e "s|$sockdir|SOCKDIR|g" -e "s|$port|PORT|g" -e "s|^psql:[^:]*:[0-9]*: ||")
  if $accept || [ ! -f "$dir/$name.out" ]; then
    printf '%s\n' "$out" >"$dir/$name.out"; echo "WROTE $name"
  elif diff -u "$dir/$name.out" <(printf '%s\n' "$out"); then
    echo "PASS $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; failed=$((failed + 1))
  fi
  psql_admin -c 'DROP DATABASE regression_jdb_only WITH (FORCE)' -c 'DROP DATABASE regression_remote WITH (FORCE)' >/dev/null 2>&1
done
echo "jdblink-only: $passed passed, $failed failed"
exit $((failed > 0))
