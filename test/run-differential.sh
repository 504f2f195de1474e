#!/usr/bin/env bash
# Differential SQL tests: every test/sql/*.sql runs once against C dblink (the reference)
# and once against jdblink; the two psql transcripts must be identical.
#
#   test/run-differential.sh [--ref-only] [--candidate EXT] [--results DIR] [NAME|FILE ...]
#
# The server is the one the PG* environment points at; the user must be a superuser.
# Both extensions must be installed in that server's PostgreSQL installation (with
# --ref-only only dblink is needed). For every test file and side, three databases are
# created afresh:
#   regression_remote  the remote side; each test file's setup fills it
#   regression_ref     local side with CREATE EXTENSION dblink
#   regression_jdb     local side with CREATE EXTENSION jdblink
# Tests reach the remote with 'dbname=regression_remote' (the backends know PGHOST/PGPORT
# of their own cluster) or over TCP with host=127.0.0.1 and the psql variable :port.
#
# Only what must differ is normalised: psql's LOCATION: lines (source file and line of the
# C or Java code). Anything else must be listed, with its reason, in
# test/deliberate-differences. Transcripts and diffs are kept in the results directory
# (default test/results/); at most JDBLINK_DIFF_LINES (150) lines of each diff are
# printed. Each psql run is limited to JDBLINK_TEST_TIMEOUT (300) seconds.
# With --ref-only only the reference side runs and its transcripts are saved. --candidate EXT puts another extension on the jdblink side
# (regression_jdb); `--candidate dblink` compares C dblink with itself, which checks that
# the tests are deterministic.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
sqldir=$here/sql
allowfile=$here/deliberate-differences
results=$here/results
ref_only=false
candidate=jdblink
per_file_timeout=${JDBLINK_TEST_TIMEOUT:-300}
max_diff_lines=${JDBLINK_DIFF_LINES:-150}
selected=()

usage() { echo "usage: $0 [--ref-only] [--candidate EXT] [--results DIR] [NAME|FILE ...]" >&2; exit 2; }
die() { echo "run-differential: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --ref-only) ref_only=true ;;
    --results) [ $# -ge 2 ] || usage; results=$2; shift ;;
    --candidate) [ $# -ge 2 ] || usage; candidate=$2; shift ;;
    --candidate=*) candidate=${1#--candidate=} ;;
    --results=*) results=${1#--results=} ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) selected+=("$1") ;;
  esac
  shift
done

# Test files: all of test/sql, or the ones named (by path or by base name).
files=()
if [ ${#selected[@]} -eq 0 ]; then
  for f in "$sqldir"/*.sql; do [ -e "$f" ] && files+=("$f"); done
else
  for s in "${selected[@]}"; do
    if [ -f "$s" ]; then files+=("$(cd "$(dirname "$s")" && pwd)/$(basename "$s")")
    elif [ -f "$sqldir/$s" ]; then files+=("$sqldir/$s")
    elif [ -f "$sqldir/$s.sql" ]; then files+=("$sqldir/$s.sql")
    else die "no test file named \"$s\" in $sqldir"; fi
  done
fi
[ ${#files[@]} -gt 0 ] || die "no test files in $sqldir"

. "$here/lib.sh"
require_superuser_server
extension_available dblink || die "C dblink (the reference) is not installed in this server's PostgreSQL installation; install postgresql-contrib."
if ! $ref_only && ! extension_available "$candidate"; then
  if [ "$candidate" = jdblink ]; then
    die "jdblink is not installed in this server's PostgreSQL installation; run 'make install' first (or use --ref-only)."
  fi
  die "extension $candidate is not installed in this server's PostgreSQL installation."
fi
port=$(psql_admin -At -c 'SHOW port')

mkdir -p "$results" || die "cannot create the results directory $results"
results=$(cd "$results" && pwd)

# Fresh databases for one run of one file: the remote and the given local one.
fresh_databases() {
  fresh_database regression_remote
  fresh_database_with_extension "$1" "$2"
}

# Runs one test file against one local database; the transcript goes to $3.
run_one() {
  local file=$1 localdb=$2 out=$3
  psql_transcript "$per_file_timeout" "$file" "$out" -v VERBOSITY=verbose -v SHOW_CONTEXT=always \
    -v port="$port" -d "$localdb"
}

# The deliberate-differences entries for one test: sed expressions applied to both
# transcripts. Format (blocks separated by blank lines, '#' starts a comment line):
#   file: NAME            (test file base name, or * for every file)
#   sed: EXPRESSION       (one or more; GNU sed syntax)
#   reason: WHY           (required: an entry without a reason is refused)
allowances_for() {
  local name=$1
  [ -f "$allowfile" ] || return 0
  awk -v name="$name" -v src="$allowfile" '
    function flush() {
      if (nsed > 0 || fname != "") {
        if (reason == "") { printf "%s: entry ending at line %d has no reason\n", src, NR > "/dev/stderr"; bad = 1 }
        else if (fname == name || fname == "*") for (i = 1; i <= nsed; i++) print seds[i]
      }
      fname = ""; reason = ""; nsed = 0
    }
    /^#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^file:/ { fname = $0; sub(/^file:[ \t]*/, "", fname); next }
    /^sed:/ { s = $0; sub(/^sed:[ \t]*/, "", s); seds[++nsed] = s; next }
    /^reason:/ { reason = $0; sub(/^reason:[ \t]*/, "", reason); next }
    { printf "%s:%d: unrecognised line\n", src, NR > "/dev/stderr"; bad = 1 }
    END { flush(); exit bad }
  ' "$allowfile"
}

normalise() {
  local in=$1 out=$2; shift 2
  local args=(-e '/^LOCATION:  /d')
  local expr
  for expr in "$@"; do args+=(-e "$expr"); done
  sed "${args[@]}" "$in" >"$out"
}

allowances_for '' >/dev/null || die "test/deliberate-differences is malformed"

passed=0; failed=0; failures=()
for file in "${files[@]}"; do
  name=$(basename "$file" .sql)
  ref_out=$results/$name.ref.out
  jdb_out=$results/$name.jdb.out
  rm -f "$ref_out" "$jdb_out" "$results/$name.diff"

  if ! fresh_databases regression_ref dblink; then
    echo "$name: could not create the reference databases"; failed=$((failed + 1)); failures+=("$name"); continue
  fi
  run_one "$file" regression_ref "$ref_out"
  if $ref_only; then
    echo "$name: ran (reference only) -> $ref_out"
    passed=$((passed + 1))
    continue
  fi

  if ! fresh_databases regression_jdb "$candidate"; then
    echo "FAIL $name: could not create regression_jdb with CREATE EXTENSION $candidate"
    failed=$((failed + 1)); failures+=("$name"); continue
  fi
  run_one "$file" regression_jdb "$jdb_out"

  if ! exprs=$(allowances_for "$name"); then
    die "test/deliberate-differences is malformed"
  fi
  mapfile -t allow <<<"$exprs"
  [ -n "$exprs" ] || allow=()
  normalise "$ref_out" "$results/$name.ref.norm" "${allow[@]}"
  normalise "$jdb_out" "$results/$name.jdb.norm" "${allow[@]}"
  if diff -u --label "$name (C dblink)" --label "$name ($candidate)" \
       "$results/$name.ref.norm" "$results/$name.jdb.norm" >"$results/$name.diff"; then
    echo "PASS $name"
    rm -f "$results/$name.diff"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    lines=$(wc -l <"$results/$name.diff")
    head -n "$max_diff_lines" "$results/$name.diff"
    if [ "$lines" -gt "$max_diff_lines" ]; then
      echo "... $((lines - max_diff_lines)) more lines in $results/$name.diff"
    fi
    failed=$((failed + 1)); failures+=("$name")
  fi
done

# Leave nothing open on the server that the next run would trip over.
psql_admin >/dev/null 2>&1 <<'SQL'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regression_remote WITH (FORCE);
DROP DATABASE IF EXISTS regression_ref WITH (FORCE);
DROP DATABASE IF EXISTS regression_jdb WITH (FORCE);
SQL

echo "results in $results"
if $ref_only; then
  echo "differential: reference only, $passed files run, $failed failed"
else
  echo "differential: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
