#!/usr/bin/env bash
# While a backend waits for a remote server through jdblink, pg_stat_activity shows a wait
# event (docs/troubleshooting.md#wait-events): on PostgreSQL 17 and later jdblink's own,
# Extension / JdblinkConnect, JdblinkGetConnect or JdblinkGetResult; on 15 and 16 the
# generic Extension / Extension; Client / ClientRead for dblink_cancel_query on every
# version. Waits need sessions that block while another one looks, so this is a script.
#
#   test/wait-events.sh          (a test/cluster.sh server from the PG* environment)
#
# Each case runs in a session of its own (psql in the background, named by
# application_name) and blocks: on a remote pg_sleep of this very server, or on a fake
# server on 127.0.0.1 (test/wait-events-listener.java) that holds a startup or a
# CancelRequest until it is told to go on. Once the remote side shows that the call
# waits, the call's wait event is sampled from another session; then the remote lets the
# call end normally (the remote query is cancelled, the call has fail_on_error false; the
# fake server goes on), and the same statement (a DO block) must then see no wait event
# of its backend: neither an error's abort nor the wait for the client's next statement
# comes between, which would clear a wait event left behind. C dblink runs the same
# cases in a database of its own, if it is installed: its events are shown for
# comparison, not asserted (C dblink 15 shows none while connecting). On 17 and later
# pg_wait_events must list jdblink's three events. The last line is
# "wait-events: N passed, M failed"; the exit status is non-zero if any case failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "wait-events: $*" >&2; exit 2; }
. "$here/lib.sh"
require_superuser_server

version_num=$(psql_admin -At -c 'SHOW server_version_num')
major=$((version_num / 10000))
jdb_db=regress_wait_events_jdb
ref_db=regress_wait_events_ref
work=$(mktemp -d /tmp/jdblink-wait-events.XXXXXX)
gates=$work/gates
events=$work/listener.out
listener_pid=

cleanup() {
  [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null && wait "$listener_pid" 2>/dev/null
  psql_admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'wait_events_%'" \
    >/dev/null 2>&1
  psql_admin -c "DROP DATABASE IF EXISTS $jdb_db WITH (FORCE)" -c "DROP DATABASE IF EXISTS $ref_db WITH (FORCE)" \
    >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The fake server, one for every case; the script opens its gates by creating files.
mkdir -p "$gates"
javac -d "$work" "$here/wait-events-listener.java" || die "cannot compile test/wait-events-listener.java."
java -cp "$work" WaitEventsListener "$gates" >"$events" 2>&1 &
listener_pid=$!
for _ in $(seq 1 400); do
  fake_port=$(head -n 1 "$events" 2>/dev/null)
  [ -n "$fake_port" ] && break
  sleep 0.05
done
[ -n "$fake_port" ] || die "the fake server did not start: $(cat "$events")"
fake_connstr="host=127.0.0.1 port=$fake_port sslmode=disable gssencmode=disable user=fake dbname=fake"

# Waits up to 20 s for the fake server to report EVENT since the case began.
await_fake() {
  for _ in $(seq 1 200); do
    tail -n +$((events_seen + 1)) "$events" | grep -qx "$1" && return 0
    sleep 0.1
  done
  return 1
}

# Waits up to 20 s for the remote backend of the case to sleep in pg_sleep.
await_remote_sleep() {
  for _ in $(seq 1 200); do
    [ "$(psql_admin -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$remote_app' AND wait_event = 'PgSleep'")" = 1 ] \
      && return 0
    sleep 0.1
  done
  return 1
}

cancel_remote() {
  psql_admin -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '$remote_app'" >/dev/null
}

open_gate() {
  touch "$gates/$1"
}

# Sets case_wait to the wait event of the backend named APP while it runs the call
# (its query contains MARKER), as "TYPE / EVENT" (NULL for none; "not in the call" when it
# is elsewhere): the most frequent of five samples 0.05 s apart (one session, a statement
# each), kept in samples, since a poll loop passes between waits for a few microseconds
# (a sample may fall there, on either implementation).
#   sample_wait APP MARKER
sample_wait() {
  local sample="SELECT coalesce((SELECT coalesce(wait_event_type, 'NULL') || ' / ' || coalesce(wait_event, 'NULL')
                  FROM pg_stat_activity WHERE application_name = '$1' AND state = 'active'
                   AND position('$2' IN query) > 0), 'not in the call')"
  samples=$(for _ in 1 2 3 4 5; do echo "$sample;"; echo 'SELECT pg_sleep(0.05) \g /dev/null'; done | psql_admin -At)
  case_wait=$(printf '%s\n' "$samples" | sort | uniq -c | sort -rn | head -n 1 | sed -E 's/^ *[0-9]+ //')
}

# Runs one case on one side in database DB as backend APP, in the background: the
# statements SETUP, then CALL (a PL/pgSQL statement, containing MARKER) in a DO block
# that then reports the wait event its backend shows, which becomes case_after ("none"
# when it shows none). Both read the connection strings of the remote and of the fake
# server as current_setting('wait_events.remote') and current_setting('wait_events.fake').
# READY (a command) tells when the call waits; its wait event is then sampled into
# case_wait; END (a command) lets the call end. A session still running 10 s later is
# cancelled, the fake server's gates opened and its remote backend terminated.
#   run_case DB APP MARKER READY END SETUP CALL
run_case() {
  local db=$1 app=$2 marker=$3 ready=$4 end=$5 setup=$6 call=$7 out=$work/$2.out
  events_seen=$(wc -l <"$events")
  PGAPPNAME=$app timeout 60 psql -X -q -At -d "$db" >"$out" 2>&1 <<SQL &
SET wait_events.remote = '$remote_connstr';
SET wait_events.fake = '$fake_connstr';
$setup
DO \$do\$ BEGIN
  $call;
  RAISE NOTICE 'after: %', (SELECT coalesce(wait_event_type || ' / ' || wait_event, 'none')
                              FROM pg_stat_activity WHERE pid = pg_backend_pid());
END \$do\$;
SQL
  local session=$!
  if eval "$ready"; then
    sleep 0.2
    sample_wait "$app" "$marker"
  else
    case_wait="not waiting within 20 s" samples=
  fi
  eval "$end"
  for _ in $(seq 1 100); do
    kill -0 "$session" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$session" 2>/dev/null; then
    psql_admin -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '$app'" >/dev/null
    open_gate startup
    open_gate cancel
    psql_admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '$remote_app'" >/dev/null
  fi
  wait "$session"
  case_after=$(sed -n 's/^NOTICE:  after: //p' "$out")
  [ -n "$case_after" ] || case_after="no answer: $(tail -n 1 "$out")"
}

# Expected for jdblink on this server: its named event on 17+, the generic one before.
jdblink_event() {
  if [ "$major" -ge 17 ]; then echo "Extension / $1"; else echo "Extension / Extension"; fi
}

passed=0
failed=0
ref=false
fresh_database_with_extension "$jdb_db" jdblink || die "cannot create extension jdblink."
if extension_available dblink && fresh_database_with_extension "$ref_db" dblink; then
  ref=true
fi
echo "PostgreSQL $(psql_admin -At -c 'SHOW server_version'); C dblink $($ref && echo installed || echo 'not installed')"

# One case, run by jdblink and C dblink: NAME; EXPECTED for jdblink; GATES of the fake
# server open from the start ("startup", or none); then MARKER, READY, END, SETUP and
# CALL as run_case takes them.
#   check NAME EXPECTED GATES MARKER READY END SETUP CALL
check() {
  local name=$1 expected=$2 open=$3 marker=$4 ready=$5 end=$6 setup=$7 call=$8
  local side app remote_connstr remote_app jdb_wait jdb_after jdb_samples ref_wait=
  for side in jdb ref; do
    [ $side = ref ] && ! $ref && continue
    rm -f "$gates"/*
    [ -n "$open" ] && open_gate "$open"
    app=wait_events_${side}_${name}
    remote_app=wait_events_remote_${side}_${name}
    remote_connstr="dbname=postgres application_name=$remote_app"
    if [ $side = jdb ]; then
      run_case "$jdb_db" "$app" "$marker" "$ready" "$end" "$setup" "$call"
      jdb_wait=$case_wait jdb_after=$case_after jdb_samples=$samples
    else
      run_case "$ref_db" "$app" "$marker" "$ready" "$end" "$setup" "$call"
      ref_wait=$case_wait
    fi
  done
  local shown="jdblink $jdb_wait, afterwards $jdb_after${ref_wait:+ (C dblink: $ref_wait)}"
  if [ "$jdb_wait" = "$expected" ] && [ "$jdb_after" = none ]; then
    echo "PASS $name: $shown"; passed=$((passed + 1))
  else
    echo "FAIL $name: $shown; expected $expected, afterwards none (samples: $(echo $jdb_samples))"
    failed=$((failed + 1))
  fi
}

remote="current_setting('wait_events.remote')"
fake="current_setting('wait_events.fake')"
connect_remote="SELECT dblink_connect('c', $remote);"
result=$(jdblink_event JdblinkGetResult)
check dblink_query "$result" "" 'FROM dblink(' await_remote_sleep cancel_remote "$connect_remote" \
  "PERFORM * FROM dblink('c', 'SELECT pg_sleep(60)', false) AS t(x text)"
check dblink_connstr_query "$result" "" 'FROM dblink(' await_remote_sleep cancel_remote "" \
  "PERFORM * FROM dblink($remote, 'SELECT pg_sleep(60)', false) AS t(x text)"
check dblink_exec "$result" "" 'dblink_exec(' await_remote_sleep cancel_remote "$connect_remote" \
  "PERFORM dblink_exec('c', 'SELECT pg_sleep(60)', false)"
check dblink_get_result "$result" "" 'dblink_get_result(' await_remote_sleep cancel_remote \
  "$connect_remote SELECT dblink_send_query('c', 'SELECT pg_sleep(60)');" \
  "PERFORM * FROM dblink_get_result('c', false) AS t(x text)"
check dblink_fetch "$result" "" 'dblink_fetch(' await_remote_sleep cancel_remote \
  "$connect_remote SELECT dblink_open('c', 'cur', 'SELECT pg_sleep(60)');" \
  "PERFORM * FROM dblink_fetch('c', 'cur', 1, false) AS t(x text)"
connect=$(jdblink_event JdblinkConnect)
check dblink_connect "$connect" "" 'dblink_connect(' 'await_fake accept' 'open_gate startup' "" \
  "PERFORM dblink_connect('c', $fake)"
check dblink_connect_u "$connect" "" 'dblink_connect_u(' 'await_fake accept' 'open_gate startup' "" \
  "PERFORM dblink_connect_u($fake)"
get_connect=$(jdblink_event JdblinkGetConnect)
check dblink_connstr_connect "$get_connect" "" 'FROM dblink(' 'await_fake accept' 'open_gate startup' "" \
  "PERFORM * FROM dblink($fake, 'SET a = 1') AS t(x text)"
check dblink_exec_connstr_connect "$get_connect" "" 'dblink_exec(' 'await_fake accept' 'open_gate startup' "" \
  "PERFORM dblink_exec($fake, 'SET a = 1')"
check dblink_cancel_query "Client / ClientRead" startup 'dblink_cancel_query(' 'await_fake cancel' 'open_gate cancel' \
  "SELECT dblink_connect('c', $fake);" "PERFORM dblink_cancel_query('c')"

if [ "$major" -ge 17 ]; then
  registered=$(psql_admin -At -c "SELECT string_agg(type || ' / ' || name, ', ' ORDER BY name) FROM pg_wait_events WHERE name LIKE 'Jdblink%'")
  ref_registered=$(psql_admin -At -c "SELECT string_agg(name, ', ' ORDER BY name) FROM pg_wait_events WHERE name LIKE 'Dblink%'")
  expected="Extension / JdblinkConnect, Extension / JdblinkGetConnect, Extension / JdblinkGetResult"
  if [ "$registered" = "$expected" ]; then
    echo "PASS pg_wait_events: $registered (C dblink: $ref_registered)"; passed=$((passed + 1))
  else
    echo "FAIL pg_wait_events: '$registered', expected '$expected'"; failed=$((failed + 1))
  fi
else
  echo "SKIP pg_wait_events: PostgreSQL $major has no custom wait events"
fi

echo "wait-events: $passed passed, $failed failed"
exit $((failed > 0))
