#!/usr/bin/env bash
# Smoke test of the C bridge on a throwaway cluster, against the installed jdblink
# (`make install` first). Two parts, each a psql script compared with its expected output:
#   startup  - the JVM cannot start (bad settings) and the backend survives; a deep
#              stack does not crash the backend; calls reach the real Java side
#   scripted - the C data path (tuples, rowtype checks, GUCs, notices, errors, cancel)
#              against the scripted session in fake/, which -Djdblink.session makes
#              the bridge serve instead of DblinkSession
#   differential - the real Java side against C dblink (two databases, same script)
# Usage: bridge/test/smoke.sh            exit status 0 when both match
#        SMOKE_ACCEPT=1 bridge/test/smoke.sh   store the outputs as the expected ones
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/jdblink-smoke.XXXXXX)
chmod 755 "$work"
cluster="$work/cluster"
trap '"$root/test/cluster.sh" destroy "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# the scripted session, compiled against the project's classes
javac -nowarn -d "$work/fake" -cp "$root/target/classes" \
  "$here/fake/org/jdblink/dblink/ScriptedSession.java"
chmod -R a+rX "$work/fake"
installed_jar="$(pg_config --pkglibdir)/jdblink/jdblink.jar"

eval "$("$root/test/cluster.sh" start "$cluster")"
export PGHOST PGPORT PGUSER PGDATABASE=postgres
psql -X -q -c "CREATE EXTENSION jdblink" >/dev/null

status=0
run() {
  local name=$1
  psql -X -a -q -v ON_ERROR_STOP=0 <"$here/sql/$name.sql" >"$work/$name.out" 2>&1 || true
  if [ -n "${SMOKE_ACCEPT:-}" ]; then cp "$work/$name.out" "$here/expected/$name.out"; fi
  if diff -u "$here/expected/$name.out" "$work/$name.out"; then
    echo "ok   $name"
  else
    echo "FAIL $name"; status=1
  fi
}

run startup
# (a later -Djava.class.path wins; a backslash keeps the space inside the option value)
PGOPTIONS="-c jdblink.jvm_options=-Djava.class.path=$installed_jar:$work/fake\ -Djdblink.session=org.jdblink.dblink.ScriptedSession" run scripted
# the same script through jdblink and through C dblink; only LOCATION lines may differ
psql -X -q -c "CREATE DATABASE ref" -c "CREATE DATABASE jd" >/dev/null
psql -X -q -d ref -c "CREATE EXTENSION dblink" >/dev/null
psql -X -q -d jd -c "CREATE EXTENSION jdblink" >/dev/null
for db in ref jd; do
  psql -X -d $db <"$here/sql/differential.sql" 2>&1 | grep -v '^LOCATION:' >"$work/differential.$db.out" || true
done
if diff -u "$work/differential.ref.out" "$work/differential.jd.out"; then
  echo "ok   differential"
else
  echo "FAIL differential"; status=1
fi
exit $status
