#!/usr/bin/env bash
# Benchmarks: jdblink side by side with C dblink, in one run, on a throwaway cluster.
#
#   bench/run.sh [--quick] [--candidate EXT] [--out FILE] [WORKLOAD ...]
#
# WORKLOAD is one of first_call small connect connect_scram bulk_small bulk cancel
# numeric_heavy bytea_1k uuid_jsonb small_cold small_warm sessions50 mixed scram_fail
# (default: all).
#
# Starts a cluster with test/cluster.sh in a temporary directory (destroyed on exit) and
# creates three databases:
#   bench_remote  the remote side: tables t_N (a int, b text, c timestamptz) of N rows,
#                 and those of the transfer-by-type workloads (below), each created only
#                 when a selected workload reads it
#   bench_ref     CREATE EXTENSION dblink (the reference)
#   bench_jdb     CREATE EXTENSION jdblink (the candidate; --candidate dblink puts C
#                 dblink here too, which shows how much the numbers move by themselves)
# Every workload in bench/sql/ runs in a fresh psql session on each side, the sides
# alternating, and reports its time (measured in the server with clock_timestamp(), so
# psql's start is not counted) and the backend's peak resident memory (VmHWM). Results
# are checked (row counts, call counts) so a broken run cannot look fast.
#
# A second table, "JVM cost", holds what the JVM adds to a backend, against the goals of
# issue 11, from first_call (also the CPU of the whole process and its RssAnon growth),
# bulk (VmRSS at the end) and the workloads that feed only this table: small_cold (CPU of
# a fresh session's first small queries, the JVM start included), small_warm (CPU per
# small query once warm), sessions50 (private memory of 50 backends that made one call
# each, one pgbench driving them), mixed (VmRSS of 8 sessions after minutes of mixed work
# running at once) and scram_fail (VmRSS after many failed SCRAM logins). CPU is utime +
# stime of the backend process (all threads) from /proc, in clock ticks (10 ms here).
#
# A third table, "transfer by column type" (issue 13: binary rows), runs warm (a named
# connection that already made a call) every row of a remote table, declared in the AS
# clause with the remote's own types, on three sides: C dblink, jdblink with
# jdblink.binary_transfer set on, and jdblink with it set off ("jdblink text"; only when
# the candidate is jdblink). Besides the time, the CPU of the local backend and of the remote
# backend serving the connection (its pid from pg_backend_pid() there; /proc/PID/stat
# read with pg_read_file). Its workloads: numeric_heavy (int8, numeric(12,2), float8,
# date, timestamptz, interval), bytea_1k (int, a 1 kB bytea), uuid_jsonb (uuid, a jsonb
# object of five keys), and bulk_small and bulk, which add a row here besides their own
# in the first table.
#
# Prints the tables and writes them as markdown to --out (default
# bench/results/latest.md); session logs go to bench/results/logs/. Exits non-zero if
# any session failed or returned a wrong result.
#
# Environment: BENCH_ROWS (rows of the large bulk table; default 10000000, 1000000 with
# --quick; the small bulk table has a tenth of that), BENCH_REPEAT (sessions per
# workload and side, median reported; default 3, 1 with --quick), BENCH_JVM_OPTIONS
# (SET jdblink.jvm_options in each jdblink session; default: no SET, the installed
# settings are measured), BENCH_LIBJVM (SET jdblink.libjvm_path likewise: another Java
# runtime), BENCH_NUMERIC_ROWS (rows of numeric_heavy; 1000000, 100000 with --quick),
# BENCH_BYTEA_ROWS (rows of bytea_1k; 200000, 20000 with --quick), BENCH_JSONB_ROWS
# (rows of uuid_jsonb; 1000000, 100000 with --quick), BENCH_TIMEOUT (seconds per
# session; default 300), BENCH_CALLS (small queries, also of small_cold; 2000),
# BENCH_WARM_CALLS (measured queries of small_warm, after 3000; 20000), BENCH_CONNECTS
# (connect/disconnect pairs; 200), BENCH_SESSIONS (sessions of sessions50; 50),
# BENCH_MIXED_SECONDS (180, 20 with --quick), BENCH_SCRAM_FAILS (2000, 500 with
# --quick), PGBIN (the PostgreSQL binaries, as for test/cluster.sh; default
# $(pg_config --bindir); a copy of the installation elsewhere finds its extensions
# relative to itself, which lets a build be measured before it is installed
# system-wide).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
PGBIN=${PGBIN:-$(pg_config --bindir)}
candidate=jdblink
out=$here/results/latest.md
quick=false
selected=

all_workloads="first_call small connect connect_scram bulk_small bulk cancel numeric_heavy bytea_1k uuid_jsonb small_cold small_warm sessions50 mixed scram_fail"
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
  mixed_seconds=${BENCH_MIXED_SECONDS:-20}; scram_fails=${BENCH_SCRAM_FAILS:-500}
  numeric_rows=${BENCH_NUMERIC_ROWS:-100000}; bytea_rows=${BENCH_BYTEA_ROWS:-20000}
  jsonb_rows=${BENCH_JSONB_ROWS:-100000}
else
  rows=${BENCH_ROWS:-10000000}; repeat=${BENCH_REPEAT:-3}
  mixed_seconds=${BENCH_MIXED_SECONDS:-180}; scram_fails=${BENCH_SCRAM_FAILS:-2000}
  numeric_rows=${BENCH_NUMERIC_ROWS:-1000000}; bytea_rows=${BENCH_BYTEA_ROWS:-200000}
  jsonb_rows=${BENCH_JSONB_ROWS:-1000000}
fi
jvm_options=${BENCH_JVM_OPTIONS:-}
libjvm=${BENCH_LIBJVM:-}
session_timeout=${BENCH_TIMEOUT:-300}
calls=${BENCH_CALLS:-2000}
warmup_calls=3000
warm_calls=${BENCH_WARM_CALLS:-20000}
connects=${BENCH_CONNECTS:-200}
sessions=${BENCH_SESSIONS:-50}
mixed_sessions=8
mixed_rows=100000
small_rows=$(( rows / 10 ))
[ "$small_rows" -ge 1 ] || die "BENCH_ROWS must be at least 10."
for n in "$numeric_rows" "$bytea_rows" "$jsonb_rows"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "BENCH_NUMERIC_ROWS, BENCH_BYTEA_ROWS and BENCH_JSONB_ROWS must be positive integers."
done
# The cluster allows 60 connections: the sessions, one transient remote connection of
# theirs at a time, and the script's own.
[ "$sessions" -ge 1 ] && [ "$sessions" -le 55 ] || die "BENCH_SESSIONS must be between 1 and 55."
[ -z "$libjvm" ] || [ -f "$libjvm" ] || die "BENCH_LIBJVM: no such file $libjvm."
clk_tck=$(getconf CLK_TCK)

# The pg_sleep of the cancel workload. C dblink 15 cannot interrupt a running remote
# query, so the error only comes back when the sleep ends: it gets a short one.
sleep_for() { if [ "$1" = dblink ]; then echo 5; else echo 30; fi; }

started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
logs=$here/results/logs
mkdir -p "$logs" "$(dirname "$out")" || die "cannot create $logs or the directory of $out"
rm -f "$logs"/*.out "$logs"/*.err "$logs"/*.result "$logs"/*.pgbench

# --- the cluster -------------------------------------------------------------------
clusterdir=$(mktemp -d /tmp/jdblink-bench.XXXXXX) || die "cannot create a temporary directory"
driver=
cleanup() {
  [ -z "$driver" ] || kill "$driver" 2>/dev/null
  "$root/test/cluster.sh" destroy "$clusterdir" >/dev/null 2>&1
}
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
for db in bench_ref bench_jdb; do
  psql_cmd -d $db -f "$here/sql/helpers.sql" >/dev/null || die "could not create the helper functions in $db."
done
psql_cmd -d bench_ref -c 'CREATE EXTENSION dblink' >/dev/null || die "CREATE EXTENSION dblink failed."

# What a session of extension $1 sets first: only what BENCH_JVM_OPTIONS and BENCH_LIBJVM
# give, so that by default the installed settings are measured.
sql_literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }
jdblink_settings() {
  [ "$1" = jdblink ] || return 0
  [ -z "$jvm_options" ] || echo "SET jdblink.jvm_options = $(sql_literal "$jvm_options");"
  [ -z "$libjvm" ] || echo "SET jdblink.libjvm_path = $(sql_literal "$libjvm");"
}

# The candidate must work before minutes are spent on it: one real call. jdblink also
# tells which runtime and options its JVM got, for the report.
jvm_used=
if ! jvm_used=$( { jdblink_settings "$candidate"
                   echo "CREATE EXTENSION $candidate;"
                   echo "SELECT * FROM dblink('dbname=bench_remote', 'SELECT 1') AS t(a int) \\g /dev/null"
                   [ "$candidate" != jdblink ] ||
                     echo "SELECT current_setting('jdblink.libjvm_path'), current_setting('jdblink.jvm_options');"
                 } | psql_cmd -F ' ' -d bench_jdb 2>"$logs/candidate-check.err"); then
  die "$candidate is installed but a simple call fails: $(first_error "$logs/candidate-check.err")."
fi

# Frozen and analysed, so the first side to read a table does not pay for hint bits.
wanted() { [ -z "$selected" ] || [[ "$selected" == *" $1 "* ]]; }
tables=()
wanted bulk_small && tables+=("$small_rows")
wanted bulk && tables+=("$rows")
wanted mixed && [[ " ${tables[*]} " != *" $mixed_rows "* ]] && tables+=("$mixed_rows")
[ ${#tables[@]} -eq 0 ] || echo "bench: creating the remote tables (${tables[*]} rows)" >&2
for n in "${tables[@]}"; do
  psql_cmd -d bench_remote >/dev/null <<SQL || die "could not create the remote table t_$n."
CREATE TABLE t_$n AS SELECT g AS a, md5(g::text) AS b, now() AS c FROM generate_series(1, $n) g;
VACUUM (FREEZE, ANALYZE) t_$n;
SQL
done

# The tables of the transfer-by-type workloads: values of a realistic spread (lengths
# and digits vary as in real data, which text output pays for), from random() with a
# fixed seed so that every run reads the same rows. Their column lists (the remote's own
# types, which the AS clause declares) serve the queries in the transfer table below.
numeric_table=numeric_heavy_$numeric_rows
numeric_columns="id int8, amount numeric(12,2), ratio float8, booked date, stamp timestamptz, span interval"
bytea_table=bytea_1k_$bytea_rows
bytea_columns="id int, payload bytea"
jsonb_table=uuid_jsonb_$jsonb_rows
jsonb_columns="id uuid, doc jsonb"
create_remote() {
  local table=$1 columns=$2 select=$3
  echo "bench: creating the remote table $table" >&2
  psql_cmd -d bench_remote >/dev/null <<SQL || die "could not create the remote table $table."
SELECT setseed(0.13);
CREATE TABLE $table ($columns);
INSERT INTO $table $select;
VACUUM (FREEZE, ANALYZE) $table;
SQL
}
# ids spread over 12 digits; amounts log-uniform from 0.01 to 10^7, one in ten negative;
# floats of full precision; dates over 40 years; timestamps over 10 years to the
# microsecond; intervals of months, days and a time of day to the millisecond.
wanted numeric_heavy && create_remote "$numeric_table" "$numeric_columns" "
  SELECT g * 2654435761 % 1000000000000,
         (CASE WHEN random() < 0.1 THEN -1 ELSE 1 END * exp(random() * ln(1e9::float8)) / 100)::numeric(12,2),
         (random() - 0.3) * 1000,
         date '1990-01-01' + (random() * 15000)::int,
         timestamptz '2015-01-01 00:00+00' + random() * interval '3650 days',
         make_interval(months => (random() * 3)::int, days => (random() * 30)::int,
                       secs => round((random() * 86400)::numeric, 3)::float8)
    FROM generate_series(1, $numeric_rows::int8) g"
# 1024 bytes each (below the 2 kB at which PostgreSQL would compress or move them out).
wanted bytea_1k && create_remote "$bytea_table" "$bytea_columns" "
  SELECT g, decode(repeat(md5(g::text), 64), 'hex') FROM generate_series(1, $bytea_rows) g"
# An order-like document: five keys of number, string and boolean values.
wanted uuid_jsonb && create_remote "$jsonb_table" "$jsonb_columns" "
  SELECT md5(g::text)::uuid,
         jsonb_build_object('customer', g % 50000, 'status', (ARRAY['new', 'paid', 'shipped', 'returned'])[1 + g % 4],
                            'total', round((random() * 500)::numeric, 2), 'items', 1 + g % 7, 'gift', g % 11 = 0)
    FROM generate_series(1, $jsonb_rows) g"

# --- running sessions --------------------------------------------------------------
# The sides: ref (C dblink), jdb (the candidate) and, in the transfer table only, txt
# (jdblink with jdblink.binary_transfer off).
cand_label=$candidate; [ "$candidate" = dblink ] && cand_label="dblink (candidate)"
side_label() { case $1 in ref) echo "C dblink" ;; jdb) echo "$cand_label" ;; txt) echo "$cand_label text" ;; esac; }
side_db() { if [ "$1" = ref ]; then echo bench_ref; else echo bench_jdb; fi; }
side_ext() { if [ "$1" = ref ]; then echo dblink; else echo "$candidate"; fi; }
# Which side goes first takes turns (run R starts with the R-th side, round the list), so
# none always meets the colder caches. $1 run, then the sides (default: ref jdb).
side_order() {
  local r=$1; shift
  [ $# -gt 0 ] || set -- ref jdb
  local sides=("$@") i order=()
  for i in $(seq 0 $(($# - 1))); do order+=("${sides[$(( (r - 1 + i) % $# ))]}"); done
  echo "${order[*]}"
}

# One session: prints "seconds hwm_kb check" on success; on failure prints nothing and
# leaves the reason in its .err log. $1 side (ref|jdb), $2 workload file, $3 log name,
# then extra psql arguments (-v name=value).
run_session() {
  local side=$1 file=$2 log=$3; shift 3
  { jdblink_settings "$(side_ext "$side")"; cat "$here/sql/$file" "$here/sql/epilogue.sql"; } |
    timeout --kill-after=10 "$session_timeout" "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
      -v remote=dbname=bench_remote -v remote_db=bench_remote -v clk_tck="$clk_tck" "$@" \
      -d "$(side_db "$side")" >"$logs/$log.out" 2>"$logs/$log.err"
  local rc=$?
  [ $rc -eq 124 ] || [ $rc -eq 137 ] && echo "ERROR:  session timed out after ${session_timeout}s" >>"$logs/$log.err"
  [ $rc -eq 0 ] && grep -m1 '^RESULT ' "$logs/$log.out" | cut -d' ' -f2-
}

# The error message that the first session of a workload reported with ERROR_TEXT.
error_text() { sed -n 's/^ERROR_TEXT //p' "$logs/$1.1.out" 2>/dev/null | grep . || echo "?"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -n1; }
is_number() { [[ "$1" =~ ^-?[0-9]+(\.[0-9]*)?$ ]]; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f MB", kb / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { if (s >= 10) printf "%.1f s", s; else if (s >= 1) printf "%.2f s", s; else printf "%.0f ms", s * 1000 }'; }

# What the sessions of each workload measured, per side: metric[KEY.SIDE.NAME] holds one
# value per session (space-separated): seconds, hwm_kb and each "METRIC NAME VALUE" line
# the session printed; failed[KEY.SIDE] the first failure, which ends that side's runs.
declare -A metric failed check_of
failures=0
fail() {
  [ -z "${failed[$1.$2]:-}" ] || return 0
  failed[$1.$2]=$3; failures=$((failures + 1))
  echo "bench: $1, $(side_label "$2"): $3" >&2
}

# Adds a finished session to metric[], or records why it does not count. $1 key, $2 side,
# $3 log name, $4 what run_session printed, $5 expected check ("" = reported only).
collect() {
  local key=$1 side=$2 log=$3 result=$4 expected=$5
  local s kb c name value why
  if [ -z "$result" ]; then
    why=$(first_error "$logs/$log.err")
    fail "$key" "$side" "${why:-the session failed (see $logs/$log.err)}"
    return 1
  fi
  read -r s kb c <<<"$result"
  check_of[$side]=$c
  if [ -n "$expected" ] && [ "$c" != "$expected" ]; then
    fail "$key" "$side" "wrong result: $c instead of $expected"
    return 1
  fi
  # A figure that is not a number (psql prints ":name" for a NULL) is a broken measurement.
  while read -r name value; do
    is_number "$value" || { fail "$key" "$side" "no $name measured (see $logs/$log.out)"; return 1; }
    metric[$key.$side.$name]+="$value "
  done < <(printf 'seconds %s\nhwm_kb %s\n' "$s" "$kb"; sed -n 's/^METRIC //p' "$logs/$log.out")
}

# One progress line per session: its time, peak memory and other figures.
progress() {
  local label=$1 side=$2 r=$3 n=$4 log=$5 s kb
  read -r s kb _ < <(grep -m1 '^RESULT ' "$logs/$log.out" | cut -d' ' -f2-)
  printf 'bench: %-34s %-18s run %d/%d  %9s  %s  %s\n' "$label" "$(side_label "$side")" "$r" "$n" \
    "$(secs "$s")" "$(mb "$kb")" "$(sed -n 's/^METRIC //p' "$logs/$log.out" | tr '\n' ' ')" >&2
}

# The transfer table's workloads (keys transfer.NAME) run on a third side, jdblink text,
# when the candidate is jdblink; their sessions set jdblink.binary_transfer (psql variable
# binary) to on or off on jdblink's sides, nothing on C dblink's.
is_transfer() { [[ "$1" == transfer.* ]]; }
sides_of() { if is_transfer "$1" && [ "$candidate" = jdblink ]; then echo "ref jdb txt"; else echo "ref jdb"; fi; }
binary_of() { case $1 in txt) echo off ;; jdb) [ "$candidate" != jdblink ] || echo on ;; esac; }

# Runs a workload on each of its sides (sides_of): $1 key, $2 label, $3 file, $4
# sessions per side, $5 expected check ("" = reported only), then psql arguments for
# every side (-v name=value). The cancel workload's query differs per side (sleep_for).
measure() {
  local key=$1 label=$2 file=$3 n=$4 expected=$5; shift 5
  local side r result sides
  sides=$(sides_of "$key")
  for side in $sides; do check_of[$side]=; done
  for r in $(seq 1 "$n"); do
    for side in $(side_order "$r" $sides); do
      [ -n "${failed[$key.$side]:-}" ] && continue
      local args=("$@")
      [ "$key" = cancel ] && args+=(-v "query=SELECT pg_sleep($(sleep_for "$(side_ext "$side")"))")
      is_transfer "$key" && args+=(-v "binary=$(binary_of "$side")")
      result=$(run_session "$side" "$file" "$key.$side.$r" "${args[@]}")
      collect "$key" "$side" "$key.$side.$r" "$result" "$expected" &&
        progress "$label" "$side" "$r" "$n" "$key.$side.$r"
    done
  done
}

# The median of a metric (empty if none was measured) and the largest value.
median_of() { [ -z "${metric[$1]:-}" ] || median ${metric[$1]}; }
maximum_of() { [ -z "${metric[$1]:-}" ] || maximum ${metric[$1]}; }
# A cell that shows the failure of a side instead of its figure.
failed_cell() { [ -z "${failed[$1.$2]:-}" ] || echo "failed: ${failed[$1.$2]}"; }

# Runs a workload (see measure) and appends its row to the main table. $1 key, $2 label,
# $3 file, $4 sessions per side, $5 expected check, $6 notes, then psql arguments.
rows_md=()
cancel_summary=
run_workload() {
  local key=$1 label=$2 file=$3 n=$4 expected=$5 notes=$6; shift 6
  wanted "$key" || return 0
  measure "$key" "$label" "$file" "$n" "$expected" "$@"
  local -A time mem
  local side
  for side in ref jdb; do
    time[$side]=$(median_of "$key.$side.seconds"); mem[$side]=$(maximum_of "$key.$side.hwm_kb")
  done
  if [ "$key" = cancel ]; then
    cancel_summary="remote queries still running right after: C dblink ${check_of[ref]:-?}, $cand_label ${check_of[jdb]:-?}"
    cancel_summary="$cancel_summary; error: C dblink \"$(error_text "$key.ref")\", $cand_label \"$(error_text "$key.jdb")\""
    notes="$notes; $cancel_summary"
  fi
  local cell_ref cell_jdb ratio=- mem_ref=- mem_jdb=-
  cell_ref=$(failed_cell "$key" ref); [ -n "$cell_ref" ] || cell_ref=$(secs "${time[ref]}")
  cell_jdb=$(failed_cell "$key" jdb); [ -n "$cell_jdb" ] || cell_jdb=$(secs "${time[jdb]}")
  if [ -z "${failed[$key.ref]:-}${failed[$key.jdb]:-}" ]; then
    ratio=$(awk -v a="${time[jdb]}" -v b="${time[ref]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  fi
  [ -z "${mem[ref]}" ] || mem_ref=$(mb "${mem[ref]}")
  [ -z "${mem[jdb]}" ] || mem_jdb=$(mb "${mem[jdb]}")
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

# --- the transfer table (issue 13) -------------------------------------------------
# A cell of the transfer table: the median of metric $3 of workload $1 on side $2, or
# why there is none; $4 non-empty tells the failure's reason (only the first row does).
transfer_cell() {
  local key=$1 side=$2 name=$3 why=$4
  if [[ " $(sides_of "$key") " != *" $side "* ]]; then echo "-"
  elif [ -n "${failed[$key.$side]:-}" ]; then
    if [ -n "$why" ]; then failed_cell "$key" "$side"; else echo failed; fi
  else secs "$(median_of "$key.$side.$name")"; fi
}
# The ratio of the medians of metric $2 of workload $1, side $3 to C dblink; "-" if a
# side has no figure or C dblink's is 0 (less than a clock tick of CPU).
transfer_ratio() {
  local key=$1 name=$2 side=$3
  [[ " $(sides_of "$key") " == *" $side "* ]] && [ -z "${failed[$key.ref]:-}${failed[$key.$side]:-}" ] ||
    { echo "-"; return; }
  awk -v a="$(median_of "$key.$side.$name")" -v b="$(median_of "$key.ref.$name")" \
    'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

# Runs a transfer workload (transfer.sql, key transfer.$1) if $1 is selected and appends
# its rows to the transfer table: wall time, local CPU, remote CPU and their sum, the
# medians of each side and the ratios to C dblink. $2 label, $3 rows, $4 the remote
# query, $5 the columns of the AS clause, $6 notes.
transfer_md=()
run_transfer() {
  local name=$1 label=$2 n=$3 query=$4 columns=$5 notes=$6 key=transfer.$1
  wanted "$name" || return 0
  measure "$key" "$label" transfer.sql "$repeat" "$n" -v query="$query" -v columns="$columns"
  local figure metric_name why=yes
  for figure in "seconds:wall time" "cpu_s:local CPU" "remote_cpu_s:remote CPU" "both_cpu_s:local + remote CPU"; do
    metric_name=${figure%%:*}
    transfer_md+=("| $label | ${figure#*:} | $(transfer_cell "$key" ref "$metric_name" "$why") | $(transfer_cell "$key" jdb "$metric_name" "$why") | $(transfer_cell "$key" txt "$metric_name" "$why") | $(transfer_ratio "$key" "$metric_name" jdb) | $(transfer_ratio "$key" "$metric_name" txt) | $notes |")
    label=; notes=; why=
  done
}

run_transfer numeric_heavy "numeric_heavy, $(thousands "$numeric_rows") rows" "$numeric_rows" \
  "SELECT id, amount, ratio, booked, stamp, span FROM $numeric_table" "$numeric_columns" \
  "(int8, numeric(12,2), float8, date, timestamptz, interval), values of varied length"
run_transfer bytea_1k "bytea_1k, $(thousands "$bytea_rows") rows" "$bytea_rows" \
  "SELECT id, payload FROM $bytea_table" "$bytea_columns" "(int, bytea of 1024 bytes)"
run_transfer uuid_jsonb "uuid_jsonb, $(thousands "$jsonb_rows") rows" "$jsonb_rows" \
  "SELECT id, doc FROM $jsonb_table" "$jsonb_columns" "(uuid, jsonb object of 5 keys)"
run_transfer bulk_small "bulk $(thousands "$small_rows") rows" "$small_rows" \
  "SELECT a, b, c FROM t_$small_rows" "a int, b text, c timestamptz" \
  "(int, text, timestamptz): the table of bulk_small, in sessions of its own"
run_transfer bulk "bulk $(thousands "$rows") rows" "$rows" \
  "SELECT a, b, c FROM t_$rows" "a int, b text, c timestamptz" "as above, the table of bulk"

# --- workloads of the JVM cost table only ------------------------------------------
wanted small_cold && measure small_cold "$(thousands "$calls") small queries, cold" small_cold.sql \
  "$repeat" "$calls" -v calls="$calls"
wanted small_warm && measure small_warm "$(thousands "$warm_calls") small queries, warm" small_warm.sql \
  "$repeat" "$((warmup_calls + warm_calls))" -v warmup="$warmup_calls" -v calls="$warm_calls"
wanted scram_fail && measure scram_fail "$(thousands "$scram_fails") failed SCRAM logins" scram_fail.sql \
  "$repeat" "$scram_fails" -v calls="$scram_fails" \
  -v target="host=127.0.0.1 port=$PGPORT user=auth_scram password=wrong_pw dbname=bench_remote"

# Calls $2 SIDE RUN for each of the runs of workload $1 on both sides (taking turns going
# first), except on a side that failed.
each_run() {
  local key=$1 run=$2 r side
  for r in $(seq 1 "$repeat"); do
    for side in $(side_order "$r"); do
      [ -n "${failed[$key.$side]:-}" ] || "$run" "$side" "$r"
    done
  done
}

# sessions50: $sessions sessions that each made one call and stay open, driven by one
# pgbench; the private memory (Private_Clean + Private_Dirty of /proc/PID/smaps_rollup)
# and the Pss of their backends, summed. Every session is ended afterwards, also when
# something failed. $1 side, $2 run; records like collect.
sessions_app=bench_sessions
sessions_where() { echo "datname = '$(side_db "$1")' AND application_name = '$sessions_app'"; }
end_sessions() {
  [ -z "$driver" ] || { kill "$driver" 2>/dev/null; wait "$driver" 2>/dev/null; driver=; }
  psql_cmd -d postgres -c "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE $(sessions_where "$1")" \
    >/dev/null 2>&1 || echo "bench: could not end the sessions of sessions50 (they end with the cluster)" >&2
}
sessions_memory() {
  local side=$1 key=sessions50 log=sessions50.$1.$2
  local ext script=$logs/$log.pgbench ready=0 deadline=$((SECONDS + session_timeout))
  ext=$(side_ext "$side")
  { jdblink_settings "$ext"; cat "$here/sql/one_call_and_wait.pgbench"; } >"$script"
  PGAPPNAME=$sessions_app "$PGBIN/pgbench" -n -c "$sessions" -j 1 -t 1 -D wait="$session_timeout" \
    -f "$script" "$(side_db "$side")" >"$logs/$log.out" 2>"$logs/$log.err" &
  driver=$!
  # Ready when every session waits in pg_sleep, that is has made its call.
  while [ "$ready" != "$sessions" ] && [ $SECONDS -lt $deadline ] && kill -0 "$driver" 2>/dev/null; do
    sleep 0.5
    ready=$(psql_cmd -d postgres -c "SELECT count(*) FROM pg_stat_activity
      WHERE $(sessions_where "$side") AND state = 'active' AND query LIKE 'SELECT pg_sleep(%'")
  done
  local pids pid private pss loaded=0 total_private=0 total_pss=0 why=
  if [ "$ready" != "$sessions" ]; then
    why=$(first_error "$logs/$log.err")
    why="${ready:-0} of $sessions sessions got through their call${why:+: $why}"
  else
    pids=$(psql_cmd -d postgres -c "SELECT pid FROM pg_stat_activity WHERE $(sessions_where "$side")")
    for pid in $pids; do
      read -r private pss < <(awk '/^Private_(Clean|Dirty):/ { v += $2 } /^Pss:/ { p = $2 } END { print v, p }' \
                               "/proc/$pid/smaps_rollup" 2>/dev/null)
      is_number "$private" && is_number "$pss" || { why="cannot read /proc/$pid/smaps_rollup"; break; }
      total_private=$((total_private + private)); total_pss=$((total_pss + pss))
      # The extension's library in the backend shows that the call was really made there.
      grep -q "/$ext\.so\$" "/proc/$pid/maps" 2>/dev/null && loaded=$((loaded + 1))
    done
    [ -n "$why" ] || [ "$loaded" = "$sessions" ] || why="$loaded of $sessions backends have $ext.so loaded"
  fi
  end_sessions "$side"
  [ -z "$why" ] || { fail "$key" "$side" "$why (see $logs/$log.err)"; return 1; }
  metric[$key.$side.private_kb]+="$total_private "; metric[$key.$side.pss_kb]+="$total_pss "
  printf 'bench: %-34s %-18s private %s, Pss %s\n' "$sessions sessions after one call" "$(side_label "$side")" \
    "$(mb "$total_private")" "$(mb "$total_pss")" >&2
}
wanted sessions50 && each_run sessions50 sessions_memory

# mixed: $mixed_sessions sessions at once doing mixed work; per run, the median and the
# largest of their VmRSS at the end (mixed.SIDE.rss_median, rss_max).
mixed_run() {
  local side=$1 r=$2 key=mixed i pids=() log
  # A session runs for mixed_seconds, then finishes its round.
  local session_timeout=$((mixed_seconds + session_timeout))
  for i in $(seq 1 "$mixed_sessions"); do
    run_session "$side" mixed.sql "$key.$side.$r.$i" -v seconds="$mixed_seconds" \
      -v table="t_$mixed_rows" -v rows="$mixed_rows" >"$logs/$key.$side.$r.$i.result" &
    pids+=($!)
  done
  wait "${pids[@]}"
  for i in $(seq 1 "$mixed_sessions"); do
    log=$key.$side.$r.$i
    collect "$key" "$side" "$log" "$(cat "$logs/$log.result")" "" || return 1
    progress "mixed work, session $i" "$side" "$r" "$repeat" "$log"
  done
  local last
  last=$(printf '%s\n' ${metric[$key.$side.rss_kb]} | tail -n "$mixed_sessions")
  metric[$key.$side.rss_median]+="$(median $last) "; metric[$key.$side.rss_max]+="$(maximum $last) "
}
wanted mixed && each_run mixed mixed_run

# --- the JVM cost table ------------------------------------------------------------
# Figures in unit $1 (s, kB or us), $2 the value; signed with $3 = +.
show() {
  awk -v u="$1" -v v="$2" -v signed="${3:-}" 'BEGIN {
    sign = ""; if (signed != "") { sign = v < 0 ? "-" : "+"; if (v < 0) v = -v }
    if (u == "s") text = v >= 10 ? sprintf("%.1f s", v) : v >= 1 ? sprintf("%.2f s", v) : sprintf("%.0f ms", v * 1000)
    else if (u == "us") text = sprintf("%.0f µs", v)
    else if (v < 1024) text = sprintf("%.0f kB", v)
    else text = sprintf("%.1f MB", v / 1024)
    print sign text }'
}

# Appends a row to the JVM cost table: the medians of one figure of a workload on both
# sides. $1 label, $2 workload key, $3 metric, $4 unit (s, kB or us), $5 goal in that
# unit (whole MB if kB): +N (jdblink at most C dblink + N), xN (at most N times C
# dblink), =N (at most N), or empty (none); $6 notes. With a ratio goal the comparison
# column is the ratio, otherwise the difference. A failed side makes a goal unmet.
jvm_md=()
jvm_row() {
  local label=$1 key=$2 name=$3 unit=$4 goal=$5 notes=$6
  wanted "$key" || return 0
  local ref jdb cell_ref cell_jdb versus=- goal_text=- met=-
  ref=$(median_of "$key.ref.$name"); jdb=$(median_of "$key.jdb.$name")
  cell_ref=$(failed_cell "$key" ref); [ -n "$cell_ref" ] || cell_ref=$(show "$unit" "$ref")
  cell_jdb=$(failed_cell "$key" jdb); [ -n "$cell_jdb" ] || cell_jdb=$(show "$unit" "$jdb")
  local amount=${goal:1}
  case $goal in
    x1) goal_text="≤ C" ;;
    x*) goal_text="≤ $amount × C" ;;
    ?*) if [ "$unit" = kB ]; then amount="$((amount / 1024)) MB"; else amount=$(show "$unit" "$amount"); fi
        if [[ "$goal" == +* ]]; then goal_text="≤ C + $amount"; else goal_text="≤ $amount"; fi ;;
  esac
  if [ -n "${failed[$key.ref]:-}${failed[$key.jdb]:-}" ] || [ -z "$ref" ] || [ -z "$jdb" ]; then
    [ -z "$goal" ] || met=no
  else
    if [[ "$goal" == x* ]]; then
      versus=$(awk -v a="$jdb" -v b="$ref" 'BEGIN { if (b > 0) printf "ratio %.2f", a / b; else print "-" }')
    else
      versus=$(show "$unit" "$(awk -v a="$jdb" -v b="$ref" 'BEGIN { print a - b }')" +)
    fi
    [ -z "$goal" ] || met=$(awk -v a="$jdb" -v b="$ref" -v g="$goal" 'BEGIN {
      n = substr(g, 2) + 0; k = substr(g, 1, 1)
      ok = k == "+" ? a <= b + n : k == "x" ? b > 0 && a <= n * b : a <= n
      print ok ? "yes" : "no" }')
  fi
  jvm_md+=("| $label | $cell_ref | $cell_jdb | $versus | $goal_text | $met | $notes |")
}

# The bulk transfer whose VmRSS counts: the first of at least a million rows (bulk_small
# in a full run, bulk with --quick), else the larger one that ran.
bulk_key=bulk_small; bulk_rows=$small_rows
if { [ "$small_rows" -lt 1000000 ] || ! wanted bulk_small; } && wanted bulk; then bulk_key=bulk; bulk_rows=$rows; fi

mb24=$((24 * 1024))
jvm_row "first call: wall time" first_call seconds s +0.05 "as in the table above"
jvm_row "first call: CPU" first_call cpu_s s "" "utime + stime of the backend (all threads) for the call"
jvm_row "first call: private memory added" first_call anon_growth_kb kB =$((12 * 1024)) "RssAnon after the call − before"
jvm_row "VmRSS after bulk $(thousands "$bulk_rows") rows" "$bulk_key" rss_kb kB +$mb24 "at the end of the bulk session"
jvm_row "CPU of a fresh session's first $(thousands "$calls") small queries" small_cold cpu_s s x1.2 \
  "from before the first call (JVM start, dblink_connect) to after the last query"
jvm_row "CPU per small query once warm" small_warm us_per_query us x1 \
  "over $(thousands "$warm_calls") queries after $(thousands "$warmup_calls")"
jvm_row "$sessions sessions after one call: private memory" sessions50 private_kb kB "" \
  "sum of Private_Clean + Private_Dirty of their backends"
jvm_row "$sessions sessions after one call: Pss" sessions50 pss_kb kB "" "sum of Pss of their backends"
jvm_row "VmRSS after mixed work, median" mixed rss_median kB +$mb24 \
  "$mixed_sessions sessions at once for $mixed_seconds s; the median over the sessions"
jvm_row "VmRSS after mixed work, largest" mixed rss_max kB "" "the largest over the sessions"
jvm_row "VmRSS after $(thousands "$scram_fails") failed SCRAM logins" scram_fail rss_kb kB +$mb24 \
  "wrong password over TCP, each error caught"

elapsed=$(( $(date +%s) - started ))

# --- the report --------------------------------------------------------------------
pg_version=$(psql_cmd -d postgres -c 'SHOW server_version')
# The Java runtime jdblink ran on (the java beside its libjvm.so), else the default one.
read -r used_libjvm used_options <<<"$jvm_used"
java=${used_libjvm%/lib/server/libjvm.so}/bin/java
[ -n "$used_libjvm" ] && [ -x "$java" ] || java=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
java_version=$( { "$java" -version 2>&1 || java -version 2>&1; } | head -n1)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)
mem_total=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
jar=$("$PGBIN/pg_config" --pkglibdir)/jdblink/jdblink.jar
jar_fact="not installed"
[ -f "$jar" ] && jar_fact="jar of $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC')"
settings_fact="C dblink on both sides"
if [ "$candidate" = jdblink ]; then
  settings_fact="\`jdblink.libjvm_path = '$used_libjvm'\` ($([ -n "$libjvm" ] && echo BENCH_LIBJVM || echo installed)),"
  settings_fact="$settings_fact \`jdblink.jvm_options = '$used_options'\` ($([ -n "$jvm_options" ] && echo BENCH_JVM_OPTIONS || echo installed))"
fi
tick=$(secs "$(awk -v t="$clk_tck" 'BEGIN { print 1 / t }')")
main_header="| workload | C dblink | $cand_label | ratio | C dblink peak RSS | $cand_label peak RSS | notes |"
jvm_header="| measurement | C dblink | $cand_label | $cand_label − C or ratio | goal | met | notes |"
transfer_header="| workload | figure | C dblink | $cand_label | $cand_label text | $cand_label / C | $cand_label text / C | notes |"
{
  echo "# jdblink benchmarks"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/run.sh$($quick && echo ' --quick')$([ "$candidate" != jdblink ] && echo " --candidate $candidate")$(echo $selected | sed 's/^./ &/')\` in ${elapsed} s."
  echo "Machine: $(nproc) cores ($cpu), $mem_total RAM, $(. /etc/os-release && echo "$PRETTY_NAME");"
  echo "PostgreSQL $pg_version; $java_version; installed jdblink: $jar_fact;"
  echo "$settings_fact. Load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "(other work may share the machine)."
  if [ ${#rows_md[@]} -gt 0 ]; then
    echo
    if [ "$repeat" -gt 1 ]; then
      echo "Times are the median of $repeat fresh sessions per side (the sides take turns going first),"
    else
      echo "Times are from one fresh session per side,"
    fi
    echo "measured inside the server; peak RSS is the backend's VmHWM (largest over the sessions),"
    echo "which includes the shared memory it touched. Ratio is $candidate time / C dblink time."
    echo
    echo "$main_header"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows_md[@]}"
  fi
  if [ ${#transfer_md[@]} -gt 0 ]; then
    echo
    echo "## Transfer by column type (issue 13), warm"
    echo
    echo "Each session opens a named connection and makes one small call before the clock starts"
    echo "(warm: $cand_label's JVM start and the connection are not timed), then fetches every row"
    echo "of a remote table, its columns declared with the remote's own types, and checks the count."
    if [ "$repeat" -gt 1 ]; then
      echo "Medians of $repeat sessions per side, the sides taking turns going first."
    else
      echo "One session per side."
    fi
    echo "*$cand_label* runs with \`jdblink.binary_transfer = on\`, *$cand_label text* with it off."
    echo "Local CPU is the session's backend, remote CPU the backend in bench_remote that serves its"
    echo "connection (utime + stime of each whole process, all threads, in ticks of $tick): remote CPU"
    echo "is what producing the rows' format costs the sender, local CPU what reading it costs."
    echo "A ratio below 1 is cheaper than C dblink (which uses the text format); $cand_label against"
    echo "$cand_label text is what the binary format changes. \"-\": no figure, or C dblink's is"
    echo "under a tick."
    echo
    echo "$transfer_header"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${transfer_md[@]}"
  fi
  if [ ${#jvm_md[@]} -gt 0 ]; then
    echo
    echo "## JVM cost"
    echo
    if [ "$repeat" -gt 1 ]; then
      echo "What the JVM costs a backend, against the goals of issue 11: medians of $repeat runs per side."
    else
      echo "What the JVM costs a backend, against the goals of issue 11: one run per side."
    fi
    echo "CPU is utime + stime of the whole backend process (all threads) in clock ticks of $tick;"
    echo "memory is read from /proc: RssAnon and VmRSS of the backend's status, smaps_rollup"
    echo "of the backends of the $sessions sessions."
    echo
    echo "$jvm_header"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${jvm_md[@]}"
  fi
} >"$out"

# The same tables for the terminal, columns aligned, notes left out. Widths count
# characters, not bytes (UTF-8 continuation bytes are not counted).
print_table() {
  [ $# -gt 1 ] || return 0
  echo
  printf '%s\n' "$@" | awk -F' \\| ' '
    function width(s) { gsub(/[\200-\277]/, "", s); return length(s) }
    { sub(/^\| /, ""); n = NF - 1; for (i = 1; i <= n; i++) { cell[NR, i] = $i; if (width($i) > w[i]) w[i] = width($i) } }
    END { for (r = 1; r <= NR; r++) { line = ""
            for (i = 1; i <= n; i++) line = line cell[r, i] sprintf("%" (w[i] - width(cell[r, i]) + 2) "s", "")
            print line } }'
}
print_table "$main_header" "${rows_md[@]}"
print_table "$transfer_header" "${transfer_md[@]}"
[ -z "$cancel_summary" ] || echo "cancel: $cancel_summary"
print_table "$jvm_header" "${jvm_md[@]}"
echo
echo "bench: report written to $out (${elapsed} s)"
[ "$failures" -eq 0 ] || { echo "bench: $failures workload side(s) failed; see above and $logs" >&2; exit 1; }
