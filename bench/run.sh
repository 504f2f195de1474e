#!/usr/bin/env bash
# Benchmarks: jdblink side by side with C dblink, in one run, on a throwaway cluster.
#
#   bench/run.sh [--quick] [--candidate EXT] [--out FILE] [WORKLOAD ...]
#
# WORKLOAD is one of first_call small connect connect_scram bulk_small bulk cancel
# (default: all).
#
# Starts a cluster with test/cluster.sh in a temporary directory (destroyed on exit) and
# creates three databases:
#   bench_remote  the remote side: tables t_N (a int, b text, c timestamptz) of N rows
#   bench_ref     CREATE EXTENSION dblink (the reference)
#   bench_jdb     CREATE EXTENSION jdblink (the candidate; --candidate dblink puts C
#                 dblink here too, which shows how much the numbers move by themselves)
# Every workload in bench/sql/ runs in a fresh psql session on each side, the sides
# alternating, and reports its time (measured in the server with clock_timestamp(), so
# psql's start is not counted) and the backend's peak resident memory (VmHWM). Results
# are checked (row counts, call counts) so a broken run cannot look fast.
#
# Prints a table and writes it as markdown to --out (default bench/results/latest.md);
# session logs go to bench/results/logs/. Exits non-zero if any session failed or
# returned a wrong result.
#
# Environment: BENCH_ROWS (rows of the large bulk table; default 10000000, 1000000 with
# --quick; the small bulk table has a tenth of that), BENCH_REPEAT (sessions per
# workload and side, median reported; default 3, 1 with --quick), BENCH_JVM_OPTIONS
# (jdblink.jvm_options; default -Xmx64m), BENCH_TIMEOUT (seconds per session; default
# 300), BENCH_CALLS (small queries; 2000), BENCH_CONNECTS (connect/disconnect pairs;
# 200), PGBIN (the PostgreSQL binaries, as for
# test/cluster.sh; default $(pg_config --bindir); a copy of the installation elsewhere
# finds its extensions relative to itself, which lets a build be measured before it is
# installed system-wide).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
PGBIN=${PGBIN:-$(pg_config --bindir)}
candidate=jdblink
out=$here/results/latest.md
quick=false
selected=

all_workloads="first_call small connect connect_scram bulk_small bulk cancel"
usage() { echo "usage: $0 [--quick] [--candidate EXT] [--out FILE] [WORKLOAD ...]; WORKLOAD: $all_workloads" >&2; exit 2; }
die() { echo "bench: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --candidate) [ $# -ge 2 ] || usage; candidate=$2; shift ;;
    --candidate=*) candidate=${1#--candidate=} ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift ;;
    --out=*) out=${1#--out=} ;;
    -*) usage ;;
    *) [[ " $all_workloads " == *" $1 "* ]] || usage; selected+=" $1 " ;;
  esac
  shift
done

if $quick; then
  rows=${BENCH_ROWS:-1000000}; repeat=${BENCH_REPEAT:-1}
else
  rows=${BENCH_ROWS:-10000000}; repeat=${BENCH_REPEAT:-3}
fi
jvm_options=${BENCH_JVM_OPTIONS:--Xmx64m}
session_timeout=${BENCH_TIMEOUT:-300}
calls=${BENCH_CALLS:-2000}
connects=${BENCH_CONNECTS:-200}
small_rows=$(( rows / 10 ))
[ "$small_rows" -ge 1 ] || die "BENCH_ROWS must be at least 10."

# The pg_sleep of the cancel workload. C dblink 15 cannot interrupt a running remote
# query, so the error only comes back when the sleep ends: it gets a short one.
sleep_for() { if [ "$1" = dblink ]; then echo 5; else echo 30; fi; }

started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
logs=$here/results/logs
mkdir -p "$logs" "$(dirname "$out")" || die "cannot create $logs or the directory of $out"
rm -f "$logs"/*.out "$logs"/*.err

# --- the cluster -------------------------------------------------------------------
clusterdir=$(mktemp -d /tmp/jdblink-bench.XXXXXX) || die "cannot create a temporary directory"
cleanup() { "$root/test/cluster.sh" destroy "$clusterdir" >/dev/null 2>&1; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
# Should this shell die without running its traps, a watcher still removes the cluster.
( trap '' INT TERM HUP; while kill -0 $$ 2>/dev/null; do sleep 1; done; cleanup ) >/dev/null 2>&1 &
cluster_env=$("$root/test/cluster.sh" start "$clusterdir") || die "could not start a throwaway cluster (see $clusterdir/server.log)"
eval "$cluster_env"
export PGHOST PGPORT PGUSER

psql_cmd() { "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
# The first error a session's stderr holds, without psql's prefixes.
first_error() { grep -m1 -E 'ERROR|FATAL|could not|No such' "$1" | sed -E 's/^psql:[^ ]* //; s/^(ERROR|FATAL): +//'; }

available() {
  [ "$(psql_cmd -d postgres -c "SELECT count(*) FROM pg_available_extensions WHERE name = '$1'")" = 1 ]
}
available dblink || die "C dblink (the reference) is not installed in this PostgreSQL installation; install postgresql-contrib."
if ! available "$candidate"; then
  [ "$candidate" = jdblink ] && die "jdblink is not installed in this PostgreSQL installation; run 'make install' first (or 'bench/run.sh --candidate dblink' to run the benchmarks with C dblink on both sides)."
  die "extension $candidate is not installed in this PostgreSQL installation."
fi

psql_cmd -d postgres >/dev/null <<'SQL' || die "could not create the benchmark databases."
CREATE DATABASE bench_remote TEMPLATE template0 ENCODING 'UTF8';
CREATE DATABASE bench_ref TEMPLATE template0 ENCODING 'UTF8';
CREATE DATABASE bench_jdb TEMPLATE template0 ENCODING 'UTF8';
SQL
psql_cmd -d bench_ref -c 'CREATE EXTENSION dblink' >/dev/null || die "CREATE EXTENSION dblink failed."

# The candidate must work before minutes are spent on it: one real call.
jvm_setting() { [ "$1" = jdblink ] && echo "SET jdblink.jvm_options = '$jvm_options';"; }
if ! { jvm_setting "$candidate"
       echo "CREATE EXTENSION $candidate;"
       echo "SELECT * FROM dblink('dbname=bench_remote', 'SELECT 1') AS t(a int);"
     } | psql_cmd -d bench_jdb >/dev/null 2>"$logs/candidate-check.err"; then
  die "$candidate is installed but a simple call fails: $(first_error "$logs/candidate-check.err")."
fi

# Frozen and analysed, so the first side to read a table does not pay for hint bits.
wanted() { [ -z "$selected" ] || [[ "$selected" == *" $1 "* ]]; }
tables=()
wanted bulk_small && tables+=("$small_rows")
wanted bulk && tables+=("$rows")
[ ${#tables[@]} -eq 0 ] || echo "bench: creating the remote tables (${tables[*]} rows)" >&2
for n in "${tables[@]}"; do
  psql_cmd -d bench_remote >/dev/null <<SQL || die "could not create the remote table t_$n."
CREATE TABLE t_$n AS SELECT g AS a, md5(g::text) AS b, now() AS c FROM generate_series(1, $n) g;
VACUUM (FREEZE, ANALYZE) t_$n;
SQL
done

# --- running sessions --------------------------------------------------------------
cand_label=$candidate; [ "$candidate" = dblink ] && cand_label="dblink (candidate)"
side_label() { if [ "$1" = ref ]; then echo "C dblink"; else echo "$cand_label"; fi; }
failures=0

# One session: prints "seconds hwm_kb check" on success; on failure prints nothing and
# leaves the reason in its .err log. $1 side (ref|jdb), $2 workload file, $3 log name,
# then extra psql arguments (-v name=value).
run_session() {
  local side=$1 file=$2 log=$3; shift 3
  local db=bench_ref ext=dblink
  [ "$side" = jdb ] && { db=bench_jdb; ext=$candidate; }
  { jvm_setting "$ext"; cat "$here/sql/$file" "$here/sql/epilogue.sql"; } |
    timeout --kill-after=10 "$session_timeout" "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
      -v remote=dbname=bench_remote -v remote_db=bench_remote "$@" -d "$db" \
      >"$logs/$log.out" 2>"$logs/$log.err"
  local rc=$?
  [ $rc -eq 124 ] || [ $rc -eq 137 ] && echo "ERROR:  session timed out after ${session_timeout}s" >>"$logs/$log.err"
  [ $rc -eq 0 ] && grep -m1 '^RESULT ' "$logs/$log.out" | cut -d' ' -f2-
}

# The error message that the first session of a workload reported with ERROR_TEXT.
error_text() { sed -n 's/^ERROR_TEXT //p' "$logs/$1.1.out" 2>/dev/null | grep . || echo "?"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -n1; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f MB", kb / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { if (s >= 10) printf "%.1f s", s; else if (s >= 1) printf "%.2f s", s; else printf "%.0f ms", s * 1000 }'; }

# Summary per side, filled by run_workload: time, peak memory, check, or an error.
declare -A time mem check_of error_of
rows_md=()
cancel_summary=

# Runs one workload on both sides and appends its row to rows_md.
# $1 key, $2 label, $3 file, $4 sessions per side, $5 expected check ("" = reported
# only), $6 notes, then psql arguments for both sides (-v name=value). The cancel
# workload's query differs per side (sleep_for).
run_workload() {
  local key=$1 label=$2 file=$3 n=$4 expected=$5 notes=$6; shift 6
  wanted "$key" || return 0
  local side r result ext
  declare -A times=() mems=()
  for side in ref jdb; do error_of[$side]=; check_of[$side]=; done
  local order
  for r in $(seq 1 "$n"); do
    # Alternate which side goes first, so neither always meets the colder caches.
    order="ref jdb"; [ $((r % 2)) -eq 0 ] && order="jdb ref"
    for side in $order; do
      [ -n "${error_of[$side]}" ] && continue
      ext=dblink; [ "$side" = jdb ] && ext=$candidate
      local args=("$@")
      [ "$key" = cancel ] && args+=(-v "query=SELECT pg_sleep($(sleep_for "$ext"))")
      result=$(run_session "$side" "$file" "$key.$side.$r" "${args[@]}")
      if [ -z "$result" ]; then
        error_of[$side]=$(first_error "$logs/$key.$side.$r.err")
        [ -n "${error_of[$side]}" ] || error_of[$side]="the session failed (see $logs/$key.$side.$r.err)"
        continue
      fi
      local s kb c
      read -r s kb c <<<"$result"
      times[$side]+="$s "; mems[$side]+="$kb "; check_of[$side]=$c
      if [ -n "$expected" ] && [ "$c" != "$expected" ]; then
        error_of[$side]="wrong result: $c instead of $expected"
      fi
      printf 'bench: %-34s %-18s run %d/%d  %9s  %s\n' "$label" "$(side_label "$side")" "$r" "$n" "$(secs "$s")" "$(mb "$kb")" >&2
    done
  done
  for side in ref jdb; do
    if [ -n "${error_of[$side]}" ]; then
      failures=$((failures + 1)); time[$side]=; mem[$side]=
      echo "bench: $label, $(side_label "$side"): ${error_of[$side]}" >&2
    else
      time[$side]=$(median ${times[$side]}); mem[$side]=$(maximum ${mems[$side]})
    fi
  done
  if [ "$key" = cancel ]; then
    cancel_summary="remote queries still running right after: C dblink ${check_of[ref]:-?}, $cand_label ${check_of[jdb]:-?}"
    cancel_summary="$cancel_summary; error: C dblink \"$(error_text "$key.ref")\", $cand_label \"$(error_text "$key.jdb")\""
    notes="$notes; $cancel_summary"
  fi
  local cell_ref cell_jdb ratio mem_ref mem_jdb
  cell_ref=$(secs "${time[ref]}"); [ -n "${error_of[ref]}" ] && cell_ref="failed: ${error_of[ref]}"
  cell_jdb=$(secs "${time[jdb]}"); [ -n "${error_of[jdb]}" ] && cell_jdb="failed: ${error_of[jdb]}"
  ratio=-
  if [ -z "${error_of[ref]}${error_of[jdb]}" ]; then
    ratio=$(awk -v a="${time[jdb]}" -v b="${time[ref]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  fi
  mem_ref=-; [ -n "${mem[ref]}" ] && mem_ref=$(mb "${mem[ref]}")
  mem_jdb=-; [ -n "${mem[jdb]}" ] && mem_jdb=$(mb "${mem[jdb]}")
  rows_md+=("| $label | $cell_ref | $cell_jdb | $ratio | $mem_ref | $mem_jdb | $notes |")
}

run_workload first_call "first call" first_call.sql "$repeat" 1 \
  "fresh session, one transient connection, SELECT 1; for jdblink this starts the JVM"
run_workload small "$(thousands "$calls") small queries" small_queries.sql "$repeat" "$calls" \
  "SELECT 1 on one named connection, in a PL/pgSQL loop" -v calls="$calls"
run_workload connect "$(thousands "$connects") connect/disconnect" connect.sql "$repeat" "$connects" \
  "dblink_connect + dblink_disconnect of a named connection (Unix socket, trust)" \
  -v calls="$connects" -v target="dbname=bench_remote"
run_workload connect_scram "$(thousands "$connects") connect/disconnect, SCRAM" connect.sql "$repeat" "$connects" \
  "as above over TCP to 127.0.0.1 with scram-sha-256 authentication (4096 iterations)" \
  -v calls="$connects" -v target="host=127.0.0.1 port=$PGPORT user=auth_scram password=auth_scram_pw dbname=bench_remote"
run_workload bulk_small "bulk $(thousands "$small_rows") rows" bulk.sql "$repeat" "$small_rows" \
  "count(*), sum(length(b)) over a transient connection; (int, text, timestamptz) rows" \
  -v query="SELECT a, b, c FROM t_$small_rows"
run_workload bulk "bulk $(thousands "$rows") rows" bulk.sql "$repeat" "$rows" \
  "as above" -v query="SELECT a, b, c FROM t_$rows"
run_workload cancel "cancel (statement_timeout 300 ms)" cancel.sql "$repeat" "" \
  "time until the error returns; remote pg_sleep($(sleep_for dblink)) for C dblink (it waits for the remote query to end), pg_sleep($(sleep_for "$candidate")) for $cand_label"

elapsed=$(( $(date +%s) - started ))

# --- the report --------------------------------------------------------------------
pg_version=$(psql_cmd -d postgres -c 'SHOW server_version')
java_version=$( { "${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java" -version 2>&1 || java -version 2>&1; } | head -n1)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)
mem_total=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
jar=$("$PGBIN/pg_config" --pkglibdir)/jdblink/jdblink.jar
jar_fact="not installed"
[ -f "$jar" ] && jar_fact="jar of $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC')"
{
  echo "# jdblink benchmarks"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/run.sh$($quick && echo ' --quick')$([ "$candidate" != jdblink ] && echo " --candidate $candidate")$(echo $selected | sed 's/^./ &/')\` in ${elapsed} s."
  echo "Machine: $(nproc) cores ($cpu), $mem_total RAM, $(. /etc/os-release && echo "$PRETTY_NAME");"
  echo "PostgreSQL $pg_version; $java_version; installed jdblink: $jar_fact;"
  echo "\`jdblink.jvm_options = '$jvm_options'\`. Load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "(other work may share the machine)."
  echo
  if [ "$repeat" -gt 1 ]; then
    echo "Times are the median of $repeat fresh sessions per side (the sides take turns going first),"
  else
    echo "Times are from one fresh session per side,"
  fi
  echo "measured inside the server; peak RSS is the backend's VmHWM (largest over the sessions),"
  echo "which includes the shared memory it touched. Ratio is $candidate time / C dblink time."
  echo
  echo "| workload | C dblink | $cand_label | ratio | C dblink peak RSS | $cand_label peak RSS | notes |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows_md[@]}"
} >"$out"

# The same table for the terminal, columns aligned, notes left out.
echo
grep '^| ' "$out" | grep -v '^|---' | awk -F' \\| ' '
  { sub(/^\| /, ""); n = NF - 1; for (i = 1; i <= n; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
  END { for (r = 1; r <= NR; r++) { line = ""; for (i = 1; i <= n; i++) line = line sprintf("%-" w[i] "s  ", cell[r, i]); print line } }'
[ -z "$cancel_summary" ] || echo "cancel: $cancel_summary"
echo
echo "bench: report written to $out (${elapsed} s)"
[ "$failures" -eq 0 ] || { echo "bench: $failures workload side(s) failed; see above and $logs" >&2; exit 1; }
