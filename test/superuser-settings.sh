#!/usr/bin/env bash
# jdblink's settings are superuser-only (docs/settings.md): a value a non-superuser tries
# to give is refused and the superuser's value stays in force, however it was given, also
# before the jdblink library is loaded into the session (when the names are still
# placeholders anyone may set). Every case needs a fresh session, so this is a script
# rather than a test/jdblink-only/*.sql file; its transcript must equal
# test/superuser-settings.out.
#
#   test/superuser-settings.sh [--accept]     (a test/cluster.sh server from PG* environment)
#
# For each way a superuser sets the three settings (postgresql.conf, ALTER SYSTEM as
# documented, ALTER DATABASE, ALTER ROLE, ALTER ROLE IN DATABASE, ALTER ROLE ALL), the
# non-superuser auth_scram tries to clear them by each route: PGOPTIONS at login,
# options=-c in a dblink connection string (then dblink from that inner session), SET,
# set_config(), SET LOCAL, a function's SET clause, ALTER ROLE, ALTER DATABASE (it owns
# the database) and ALTER SYSTEM. After each, the settings are shown and a connection to
# 127.0.0.2, outside the allowed 127.0.0.1, must be refused. Then the controls (a
# superuser's and a granted role's own values are kept), session_preload_libraries, and
# fail-closed (configuration files that cannot be read; a server command line that
# mentions jdblink).
# Connections go to 127.0.0.1 (this server) and 127.0.0.2 (refused before dialling) only.
# The cluster's configuration, role and database settings are restored on exit.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
expected=$here/superuser-settings.out
accept=false
[ "${1:-}" = --accept ] && accept=true
die() { echo "superuser-settings: $*" >&2; exit 2; }
. "$here/lib.sh"
require_superuser_server

port=$(psql_admin -At -c 'SHOW port')
sockdir=$(psql_admin -At -c 'SHOW unix_socket_directories')
conf=$(psql_admin -At -c 'SHOW config_file')
libjvm=$(psql_admin -At -c "LOAD 'jdblink'" -c 'SHOW jdblink.libjvm_path')
db=regress_superuser_settings
user=auth_scram
login="port=$port dbname=$db user=$user password=auth_scram_pw"
allowed="host=127.0.0.1 $login"
forbidden="host=127.0.0.2 $login"
opts=$(psql_admin -At -c 'SHOW data_directory')/postmaster.opts
conf_backup=$(mktemp /tmp/jdblink-superuser-settings.XXXXXX)
opts_backup=$(mktemp /tmp/jdblink-superuser-settings.XXXXXX)
cp "$conf" "$conf_backup"
cp "$opts" "$opts_backup"

# Everything this test may set, reset: before it starts and on exit, whatever happens.
reset_settings() {
  psql_admin >/dev/null 2>&1 <<SQL
LOAD 'jdblink';
ALTER SYSTEM RESET jdblink.allowed_hosts;
ALTER SYSTEM RESET jdblink.libjvm_path;
ALTER SYSTEM RESET jdblink.jvm_options;
ALTER ROLE ALL RESET ALL;
ALTER ROLE $user RESET ALL;
REVOKE SET ON PARAMETER jdblink.allowed_hosts FROM $user;
DROP DATABASE IF EXISTS $db WITH (FORCE);
SELECT pg_reload_conf();
SQL
}
cleanup() {
  cat "$conf_backup" >"$conf" && rm -f "$conf_backup"
  cat "$opts_backup" >"$opts" && rm -f "$opts_backup"
  reset_settings
}
trap cleanup EXIT
reset_settings

psql_admin >/dev/null <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER $user;
\c $db
CREATE EXTENSION jdblink;
SQL

# Runs SQL (stdin) in a fresh session as ROLE with PGOPTIONS=OPTIONS, echoing statements.
#   session ROLE OPTIONS
session() {
  PGOPTIONS=$2 psql -X -a -q -v VERBOSITY=verbose -v allowed="$allowed" -v forbidden="$forbidden" -v libjvm="$libjvm" \
    -U "$1" -d "$db" 2>&1
}

# After a reload: waits until a new session sees the postmaster's value of
# jdblink.allowed_hosts be $1 (pg_reload_conf only signals the postmaster).
await_reload() {
  for _ in $(seq 1 100); do
    [ "$(psql_admin -At -c 'SHOW jdblink.allowed_hosts' 2>/dev/null)" = "$1" ] && return 0
    sleep 0.1
  done
  echo "the server did not reload its configuration"
}

# What every case checks once the library is loaded (by the first jdblink call): the
# superuser-only settings (jdblink.remote_notices is anyone's).
probe='SELECT dblink_get_connections();
SELECT name, replace(setting, :'"'libjvm'"', '"'LIBJVM'"') AS setting, source FROM pg_settings WHERE name LIKE '"'jdblink.%'"' AND context = '"'superuser'"' ORDER BY name;
SELECT dblink_connect('"'guard'"', :'"'forbidden'"');'

# Every route by which the non-superuser tries to clear the settings, each in a fresh session.
attacks() {
  echo "-- route: PGOPTIONS at login (the value read again outlives the transaction that loaded jdblink)"
  session $user '-c jdblink.allowed_hosts= -c jdblink.libjvm_path=/nonexistent/libjvm.so -c jdblink.jvm_options=-Xmx1m' <<SQL
BEGIN;
$probe
ROLLBACK;
SHOW jdblink.allowed_hosts;
SELECT dblink_connect('guard', :'forbidden');
SQL
  echo "-- route: options=-c in a dblink connection string, then dblink from that session"
  session $user '' <<'SQL'
SELECT dblink_connect('inner', :'allowed' || ' options=''-cjdblink.allowed_hosts= -cjdblink.jvm_options=-Xmx1m''');
SELECT * FROM dblink('inner', 'SELECT dblink_connect(' || quote_literal(:'forbidden') || ')') AS t(r text);
SELECT * FROM dblink('inner', format($$SELECT name, replace(setting, %L, 'LIBJVM'), source FROM pg_settings WHERE name LIKE 'jdblink.%%' AND context = 'superuser' ORDER BY name$$, :'libjvm')) AS t(name text, setting text, source text);
SQL
  echo "-- route: SET"
  session $user '' <<SQL
SET jdblink.allowed_hosts = '';
SET jdblink.libjvm_path = '/nonexistent/libjvm.so';
SET jdblink.jvm_options = '-Xmx1m';
$probe
SQL
  echo "-- route: set_config()"
  session $user '' <<SQL
SELECT set_config('jdblink.allowed_hosts', '', false), set_config('jdblink.jvm_options', '-Xmx1m', false);
$probe
SQL
  echo "-- route: SET LOCAL"
  session $user '' <<SQL
BEGIN;
SET LOCAL jdblink.allowed_hosts = '';
SET LOCAL jdblink.jvm_options = '-Xmx1m';
$probe
ROLLBACK;
SQL
  echo "-- route: a function's SET clause"
  session $user '' <<SQL
CREATE FUNCTION guard_connect(text) RETURNS text LANGUAGE sql
  SET jdblink.allowed_hosts = '' AS 'SELECT dblink_connect(''guard'', \$1)';
$probe
SQL
  echo "-- route: ALTER ROLE, ALTER DATABASE (the non-superuser owns it), ALTER SYSTEM"
  session $user '' <<SQL
ALTER SYSTEM SET jdblink.allowed_hosts = '';
ALTER ROLE $user SET jdblink.allowed_hosts = '';
ALTER ROLE $user IN DATABASE $db SET jdblink.allowed_hosts = '';
ALTER DATABASE $db SET jdblink.allowed_hosts = '';
$probe
ALTER ROLE $user SET jdblink.allowed_hosts = '';
ALTER DATABASE $db SET jdblink.allowed_hosts = '';
SQL
}

# The superuser's three values, in the form each way of setting them takes.
values="jdblink.allowed_hosts = '127.0.0.1'
jdblink.libjvm_path = '$libjvm'
jdblink.jvm_options = '-Xss2m'"

run() {
  echo "== superuser's value from postgresql.conf"
  printf '%s\n' "$values" >>"$conf"
  psql_admin -At -c 'SELECT pg_reload_conf()' >/dev/null
  await_reload 127.0.0.1
  attacks
  cat "$conf_backup" >"$conf"
  psql_admin -At -c 'SELECT pg_reload_conf()' >/dev/null
  await_reload ''

  echo "== superuser's value from ALTER SYSTEM, in a new session, as docs/settings.md says"
  psql -X -a -q -d postgres -v libjvm="$libjvm" <<'SQL' 2>&1
LOAD 'jdblink';
ALTER SYSTEM SET jdblink.allowed_hosts = '127.0.0.1';
ALTER SYSTEM SET jdblink.libjvm_path = :'libjvm';
ALTER SYSTEM SET jdblink.jvm_options = '-Xss2m';
SELECT pg_reload_conf();
SQL
  await_reload 127.0.0.1
  attacks
  psql_admin -c "LOAD 'jdblink'" -c 'ALTER SYSTEM RESET jdblink.allowed_hosts' \
    -c 'ALTER SYSTEM RESET jdblink.libjvm_path' -c 'ALTER SYSTEM RESET jdblink.jvm_options' \
    -c 'SELECT pg_reload_conf()' >/dev/null
  await_reload ''

  local target
  for target in "DATABASE $db" "ROLE $user" "ROLE $user IN DATABASE $db" "ROLE ALL"; do
    echo "== superuser's value from ALTER $target"
    while IFS= read -r v; do psql_admin -c "ALTER $target SET $v"; done <<<"$values"
    attacks
    psql_admin -c "ALTER $target RESET ALL"
  done

  echo "== controls: a superuser's and a granted role's own values are kept"
  psql_admin -c "ALTER ROLE $user SET jdblink.allowed_hosts = '127.0.0.1'"
  session postgres '-c jdblink.allowed_hosts=127.0.0.3' <<<"$probe"
  psql_admin -c "GRANT SET ON PARAMETER jdblink.allowed_hosts TO $user"
  session $user '-c jdblink.allowed_hosts=127.0.0.3' <<<"$probe"
  psql_admin -c "REVOKE SET ON PARAMETER jdblink.allowed_hosts FROM $user"
  echo "-- jdblink in session_preload_libraries: loaded at login, the same rule"
  psql_admin -c "ALTER ROLE $user SET session_preload_libraries = 'jdblink'"
  session $user '-c jdblink.allowed_hosts=' <<SQL
SHOW jdblink.allowed_hosts;
$probe
SQL
  psql_admin -c "ALTER ROLE $user RESET session_preload_libraries"

  echo "== fail closed: the configuration files cannot be read, then can again"
  echo "jdblink.allowed_hosts = 'unterminated" >>"$conf"
  CONF=$conf CONF_BACKUP=$conf_backup session $user '-c jdblink.allowed_hosts=' <<SQL
SELECT dblink_get_connections();
SELECT dblink_connect('guard', :'forbidden');
\\! cat "\$CONF_BACKUP" >"\$CONF"
$probe
SQL
  echo "-- the server's command line mentions jdblink (postmaster.opts as pg_ctl -o '-c jdblink...' writes it)"
  printf '%s "-c" "jdblink.allowed_hosts=127.0.0.1"\n' "$(tr -d '\n' <"$opts_backup")" >"$opts"
  session $user '-c jdblink.allowed_hosts=' <<'SQL'
SELECT dblink_connect('guard', :'forbidden');
SQL
  session $user '' <<<"$probe"
  cat "$opts_backup" >"$opts"
  psql_admin -c "ALTER ROLE $user RESET ALL"
}

out=$(run | grep -v '^LOCATION:' \
      | sed -e "s|$sockdir|SOCKDIR|g" -e "s|$port|PORT|g" \
            -e "s|^psql:[^:]*:[0-9]*: ||")
if $accept || [ ! -f "$expected" ]; then
  printf '%s\n' "$out" >"$expected"; echo "WROTE $expected"
elif diff -u "$expected" <(printf '%s\n' "$out"); then
  echo "superuser-settings: passed (transcript equal to test/superuser-settings.out)"
else
  echo "superuser-settings: FAILED (transcript differs from test/superuser-settings.out)"; exit 1
fi
