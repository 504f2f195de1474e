#!/usr/bin/env bash
# Checks the demo's transcript, so that the demo cannot break silently:
#   1. every result the seed documents show is in it, verbatim (blocks below);
#   2. all of it equals demo/expected.out, once the sandbox's port and the extension's
#      name are put back as the placeholders @PORT@ and @EXTENSION@.
#
#   demo/check.sh [TRANSCRIPT]   check a transcript (default: sandbox/demo.out of `make demo`)
#   demo/check.sh --run          run the demo in a throwaway sandbox on a free port (no
#                                `make install`: jdblink must be installed), check it,
#                                remove the sandbox; test/check.sh does this
#   demo/check.sh --accept [T]   write the transcript, with placeholders, to demo/expected.out
#                                (after changing the demo; read the diff before committing)
# JDBLINK_DEMO_EXTENSION=dblink checks C dblink's transcript against the same files.
# The last line is `demo check: PASSED` or `demo check: FAILED — <why>`; exit status 1 on failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
extension=${JDBLINK_DEMO_EXTENSION:-jdblink}
expected=$root/demo/expected.out

fail() { echo "demo check: FAILED — $*"; exit 1; }

mode=check
case "${1:-}" in
  --run) mode=run; shift ;;
  --accept) mode=accept; shift ;;
esac

if [ "$mode" = run ]; then
  sandbox=$(mktemp -d /tmp/jdblink-demo-check.XXXXXX)
  chmod 755 "$sandbox"
  trap '"$root/test/cluster.sh" destroy "$sandbox" >/dev/null 2>&1 || true' EXIT
  trap 'exit 130' INT TERM
  log=$sandbox.log
  if ! JDBLINK_DEMO_SANDBOX=$sandbox JDBLINK_DEMO_PORT=auto JDBLINK_DEMO_INSTALL=no \
       "$root/demo/demo.sh" >"$log" 2>&1; then
    tail -n 20 "$log"
    rm -f "$log"
    fail "demo/demo.sh failed (the end of its output is above)"
  fi
  rm -f "$log"
  transcript=$sandbox/demo.out
else
  transcript=${1:-$root/sandbox/demo.out}
fi
[ -s "$transcript" ] || fail "there is no transcript $transcript; run make demo first"

# The sandbox's port is in the transcript's first \c to a URI; the examples use no other
# five-digit numbers.
port=$(grep -oE '^\\c postgres://[^@]*@127\.0\.0\.1:[0-9]+' "$transcript" | head -n 1 | sed 's/.*://')
[ -n "$port" ] || fail "the transcript $transcript has no \\c to the sandbox (did the demo run to the end?)"
normalised=$(sed -E -e "s/\\b$port\\b/@PORT@/g" \
  -e "/^(CREATE EXTENSION|WHERE e\\.extname)/ s/\\b$extension\\b/@EXTENSION@/" \
  -e 's/[[:space:]]+$//' "$transcript")

if [ "$mode" = accept ]; then
  printf '%s\n' "$normalised" >"$expected"
  echo "demo check: wrote $expected"
  exit 0
fi

# --- 1. the seeds' results ----------------------------------------------------------------------
# Each block is the statement of a seed and the result it shows there (trailing blanks do
# not count: the seeds are not consistent about them). Results the seeds leave to the
# reader's data are checked by expected.out only.
missing=()
expect() { # NAME, block on stdin
  local block
  block=$(sed -E 's/[[:space:]]+$//')
  [[ "$normalised" == *"$block"* ]] || missing+=("$1")
}
expect "000/001 unnamed dblink_connect" <<'BLOCK'
SELECT dblink_connect('dbname=postgres options=-csearch_path=');
 dblink_connect
----------------
 OK
(1 row)
BLOCK
expect "000/001 named dblink_connect" <<'BLOCK'
SELECT dblink_connect('myconn', 'dbname=postgres options=-csearch_path=');
 dblink_connect
----------------
 OK
(1 row)
BLOCK
expect "000/001 dblink_connect to foreign server fdtest as regress_dblink_user" <<'BLOCK'
\c - regress_dblink_user
You are now connected to database "contrib_regression" as user "regress_dblink_user".
SELECT dblink_connect('myconn', 'fdtest');
 dblink_connect
----------------
 OK
(1 row)
BLOCK
expect "000/001 the 11 rows of foo through fdtest" <<'BLOCK'
SELECT * FROM dblink('myconn','SELECT * FROM foo') AS t(a int, b text, c text[]);
 a  | b |       c
----+---+---------------
  0 | a | {a0,b0,c0}
  1 | b | {a1,b1,c1}
  2 | c | {a2,b2,c2}
  3 | d | {a3,b3,c3}
  4 | e | {a4,b4,c4}
  5 | f | {a5,b5,c5}
  6 | g | {a6,b6,c6}
  7 | h | {a7,b7,c7}
  8 | i | {a8,b8,c8}
  9 | j | {a9,b9,c9}
 10 | k | {a10,b10,c10}
(11 rows)
BLOCK
expect "000/001 cleanup" <<'BLOCK'
DROP USER MAPPING FOR regress_dblink_user SERVER fdtest;
DROP USER MAPPING
DROP USER regress_dblink_user;
DROP ROLE
DROP SERVER fdtest;
DROP SERVER
BLOCK
expect "002 named dblink_connect with sslmode=require" <<'BLOCK'
SELECT dblink_connect('my_remote_db', 'host=127.0.0.1 port=@PORT@ dbname=my_remote_database user=my_remote_user password=my_remote_password sslmode=require');
 dblink_connect
----------------
 OK
(1 row)
BLOCK
expect "002 unnamed dblink_connect with sslmode=require" <<'BLOCK'
SELECT dblink_connect('host=127.0.0.1 port=@PORT@ dbname=my_remote_database user=my_remote_user password=my_remote_password sslmode=require');
 dblink_connect
----------------
 OK
(1 row)
BLOCK
expect "002 dblink_get_connections" <<'BLOCK'
SELECT * FROM dblink_get_connections();
 dblink_get_connections
------------------------
 {my_remote_db}
(1 row)
BLOCK
expect "004 dblink_connect through db2remote as user1" <<'BLOCK'
You are now connected to database "defaultdb" as user "user1".
-- establish a dblink connection to the remote database
SELECT dblink_connect('myconn', 'db2remote');
 dblink_connect
----------------
 OK
(1 row)
BLOCK
expect "004 the 3 rows of db2's foo" <<'BLOCK'
SELECT * FROM dblink('myconn','SELECT * FROM foo') AS t(a int);
  a
-----
 100
 200
 300
(3 rows)
BLOCK

# --- 2. the whole transcript ----------------------------------------------------------------------
# C dblink's demo has no part for jdblink's own functions (demo.sh's mark and what follows).
expected_text=$(if [ "$extension" = jdblink ]; then cat "$expected"; else sed "/^== jdblink's own functions/,\$d" "$expected"; fi)
differences=$(diff -u --label demo/expected.out --label transcript <(printf '%s\n' "$expected_text") <(printf '%s\n' "$normalised"))
diff_rc=$?

if [ ${#missing[@]} -gt 0 ]; then
  [ "$diff_rc" -eq 0 ] || printf '%s\n' "$differences" | head -n 100
  fail "seed results missing: $(IFS=';'; echo "${missing[*]}")"
fi
if [ "$diff_rc" -ne 0 ]; then
  printf '%s\n' "$differences" | head -n 100
  fail "the transcript differs from demo/expected.out (diff above)"
fi
echo "demo check: PASSED — every seed's results are in the transcript, which matches demo/expected.out"
