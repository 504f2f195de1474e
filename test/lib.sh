# Sourced by the SQL test runners (run-differential.sh, run-doc-examples.sh,
# run-jdblink-only.sh): how they reach the server the PG* environment names.
# The runner defines die MESSAGE (print and exit 2) before sourcing this file.

# psql in database postgres, quiet, stopping at the first error.
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

# Dies unless the PG* environment reaches a server, and as a superuser (the runners
# create and drop databases).
require_superuser_server() {
  psql_admin -At -c 'SELECT 1' >/dev/null 2>&1 \
    || die "cannot connect to the server given by the PG* environment (PGHOST=${PGHOST:-} PGPORT=${PGPORT:-})."
  [ "$(psql_admin -At -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')" = t ] \
    || die "the user given by the PG* environment must be a superuser."
}

# True if extension $1 is installed in the server's PostgreSQL installation.
extension_available() {
  [ "$(psql_admin -At -c "SELECT count(*) FROM pg_available_extensions WHERE name = '$1'")" = 1 ]
}

# Drops and creates database $1 (from template0, UTF8, C collation).
fresh_database() {
  psql_admin >/dev/null 2>&1 <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $1 WITH (FORCE);
CREATE DATABASE $1 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
SQL
}

# fresh_database $1, then extension $2 in it. The status is CREATE EXTENSION's.
fresh_database_with_extension() {
  fresh_database "$1"
  psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "CREATE EXTENSION $2" >/dev/null 2>&1
}

# psql_transcript SECONDS INPUT OUT [PSQL-ARGS...]: runs the psql script INPUT (from stdin,
# so that psql does not prefix messages with file:line), echoed, errors not stopping it,
# and writes what psql printed (stdout and stderr) to OUT. psql is killed after SECONDS,
# and the transcript then ends in a line that says so.
psql_transcript() {
  local seconds=$1 input=$2 out=$3
  shift 3
  timeout --kill-after=10 "$seconds" psql -X -a -q -v ON_ERROR_STOP=0 "$@" <"$input" >"$out" 2>&1
  local rc=$?
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "*** $(basename "$0" .sh): psql timed out after ${seconds}s ***" >>"$out"
  fi
}
