#!/usr/bin/env bash
# The remote side: dblink connections from the host to remote servers of PostgreSQL 13 to
# 18, C dblink on the same host being the reference.
#
#   test/remote-versions.sh [--results DIR] [MAJOR ...]
#
# The host is the server the PG* environment points at (a test/cluster.sh cluster: the
# user must be a superuser, dblink and jdblink must both be installed). One remote
# cluster per major version (default: 13 14 15 16 17 18) is started with
# test/cluster.sh --ssl on 127.0.0.1, all at once, and removed on exit whatever happens.
# Remote 15 is the installed server (pg_config) when that is PostgreSQL 15; the others,
# and 15 when it is not installed, come from test/pg-versions.sh.
#
# For each remote, test/remote-slice.sql runs twice on the host, in a fresh local database
# with CREATE EXTENSION dblink, then with CREATE EXTENSION jdblink, each time against a
# fresh database regression_remote on the remote; psql gets the remote's port and major
# version as the variables rport and rmajor. The two transcripts, LOCATION: lines removed
# as test/run-differential.sh removes them, must be identical. Output: one line
# "PASS remote NN" or "FAIL remote NN" (with the diff, at most JDBLINK_DIFF_LINES (150)
# lines) per remote, then "remote-versions: N passed, M failed"; the exit status is
# non-zero if any failed. Transcripts and diffs are kept in the results directory
# (default test/results/remotes/). Each psql run is limited to JDBLINK_TEST_TIMEOUT (120)
# seconds.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
slice=$here/remote-slice.sql
results=$here/results/remotes
majors=()
usage() { echo "usage: $0 [--results DIR] [MAJOR ...]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --results) [ $# -ge 2 ] || usage; results=$2; shift ;;
    --results=*) results=${1#--results=} ;;
    [0-9]*) majors+=("$1") ;;
    *) usage ;;
  esac
  shift
done
[ ${#majors[@]} -gt 0 ] || majors=(13 14 15 16 17 18)
per_run_timeout=${JDBLINK_TEST_TIMEOUT:-120}
max_diff_lines=${JDBLINK_DIFF_LINES:-150}

die() { echo "remote-versions: $*" >&2; exit 2; }

. "$here/lib.sh"
require_superuser_server
extension_available dblink || die "C dblink (the reference) is not installed in the host's PostgreSQL installation."
extension_available jdblink || die "jdblink is not installed in the host's PostgreSQL installation; run 'make install' first."
mkdir -p "$results" || die "cannot create the results directory $results"
results=$(cd "$results" && pwd)

# The bin directory of a server of major version $1.
server_bin() {
  local major=$1 bindir root
  if bindir=$(pg_config --bindir 2>/dev/null) && [ -x "$bindir/postgres" ] \
     && [ "$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')" = "$major" ]; then
    echo "$bindir"
  else
    root=$("$here/pg-versions.sh" server "$major") && echo "$root/bin"
  fi
}

# The remote clusters, started in parallel (the first slices run while the later ones
# start): $work/pgNN, its PG* lines in $work/pgNN.env once it runs, its errors in
# $work/pgNN.err, the start's process in starting[NN]. Each start runs in a session of its
# own, so that a signal to this script's process group (timeout, ^C) does not stop it
# half-way: the cleanup waits for the starts to end, then removes what they made, ignoring
# further signals while it does.
work=$(mktemp -d /tmp/jdblink-remotes.XXXXXX)
chmod 755 "$work"
cleanup() {
  trap '' INT TERM
  wait
  local major
  for major in "${majors[@]}"; do "$here/cluster.sh" destroy "$work/pg$major" >/dev/null 2>&1 & done
  wait
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
declare -A starting=()
for major in "${majors[@]}"; do
  bin=$(server_bin "$major" 2>"$work/pg$major.err") || continue
  PGBIN=$bin setsid -w "$here/cluster.sh" start "$work/pg$major" --ssl \
    >"$work/pg$major.env" 2>"$work/pg$major.err" &
  starting[$major]=$!
done

# Runs a command with the PG* environment of remote $1 (its superuser, Unix socket).
on_remote() {
  (
    export PGHOST=$work/pg$1/sock PGPORT PGUSER=postgres
    PGPORT=$(cat "$work/pg$1/port")
    "${@:2}"
  )
}

# Runs the slice against remote $1 in a fresh local database $2 with extension $3; the
# transcript goes to $4.
run_slice() {
  local major=$1 localdb=$2 extension=$3 out=$4
  on_remote "$major" fresh_database regression_remote \
    || { echo "could not create regression_remote on the remote" >"$out"; return; }
  fresh_database_with_extension "$localdb" "$extension" \
    || { echo "could not create $localdb with CREATE EXTENSION $extension" >"$out"; return; }
  psql_transcript "$per_run_timeout" "$slice" "$out" -v VERBOSITY=verbose -v SHOW_CONTEXT=always \
    -v rport="$(cat "$work/pg$major/port")" -v rmajor="$major" -d "$localdb"
}

# Prints "FAIL remote $1" (and ": $2" when given), then its standard input; counts it.
fail() {
  echo "FAIL remote $1${2:+: $2}"
  cat
  failed=$((failed + 1))
}

passed=0; failed=0
for major in "${majors[@]}"; do
  name=remote$major
  rm -f "$results/$name".*
  [ -z "${starting[$major]:-}" ] || wait "${starting[$major]}"
  if [ ! -s "$work/pg$major.env" ]; then
    fail "$major" "could not start a PostgreSQL $major cluster" \
      < <(cat "$work/pg$major.err"; tail -n 5 "$work/pg$major/server.log" 2>/dev/null)
    continue
  fi
  version=$(on_remote "$major" psql_admin -At -c 'SHOW server_version')
  if [ "${version%%.*}" != "$major" ]; then
    fail "$major" "the remote is PostgreSQL $version, not $major" </dev/null
    continue
  fi
  echo "remote $major: PostgreSQL $version"
  run_slice "$major" remote_slice_ref dblink "$results/$name.ref.out"
  run_slice "$major" remote_slice_jdb jdblink "$results/$name.jdb.out"
  sed '/^LOCATION:  /d' "$results/$name.ref.out" >"$results/$name.ref.norm"
  sed '/^LOCATION:  /d' "$results/$name.jdb.out" >"$results/$name.jdb.norm"
  diff=$results/$name.diff
  if diff -u --label "$name (C dblink)" --label "$name (jdblink)" \
       "$results/$name.ref.norm" "$results/$name.jdb.norm" >"$diff"; then
    rm -f "$diff"
    echo "PASS remote $major"; passed=$((passed + 1))
  else
    lines=$(wc -l <"$diff")
    fail "$major" < <(head -n "$max_diff_lines" "$diff"
      [ "$lines" -le "$max_diff_lines" ] || echo "... $((lines - max_diff_lines)) more lines in $diff")
  fi
done

psql_admin >/dev/null 2>&1 <<'SQL'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS remote_slice_ref WITH (FORCE);
DROP DATABASE IF EXISTS remote_slice_jdb WITH (FORCE);
SQL

echo "results in $results"
echo "remote-versions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
