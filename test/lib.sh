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
