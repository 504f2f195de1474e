#!/usr/bin/env bash
# Every test, as `make check` runs it after `make install`:
#   1. mvn verify: the JUnit tests (units, and cluster tests that start their own clusters);
#   2. the C bridge's smoke test (bridge/test/smoke.sh, its own throwaway cluster), and
#      whether the class list of the class archive is up to date (bridge/archive/train.sh);
#   3. a throwaway cluster (test/cluster.sh, removed on exit whatever happens);
#   4. the differential SQL tests (test/run-differential.sh) against that cluster;
#   5. the tests of what only jdblink has (test/run-jdblink-only.sh), same cluster, and
#      its superuser-only settings, one fresh session per case (test/superuser-settings.sh),
#      the wait events of calls blocked on a remote (test/wait-events.sh), then the remote
#      side: a slice of dblink against remote servers of PostgreSQL 13 to 18, C dblink on
#      the same cluster the reference (test/remote-versions.sh);
#   6. the documentation's examples (test/run-doc-examples.sh) against the same cluster;
#   7. the demo (demo/check.sh --run): every seed document's examples in a sandbox of its
#      own, the transcript checked against the seeds' results and demo/expected.out;
#   8. the other host versions (test/check-version.sh): jdblink built for PostgreSQL 17 and
#      18 and their SQL suites run against C dblink of the same version
#      (JDBLINK_HOST_VERSIONS, default "17 18"; empty runs only 15).
# Exits non-zero if anything failed. One summary line per host version, then the last line,
# a summary of everything.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
MVN=${MVN:-mvn}
results=$root/test/results
mkdir -p "$results"

# --- 1. JUnit ----------------------------------------------------------------------------
echo "== mvn verify"
mvn_log=$results/mvn-verify.log
timeout 20m $MVN -B -ntp -Dstyle.color=never verify 2>&1 | tee "$mvn_log"
mvn_rc=${PIPESTATUS[0]}
# Surefire/Failsafe print one closing total per execution, e.g.
# "Tests run: 42, Failures: 0, Errors: 0, Skipped: 1"; add them up.
junit_total=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$mvn_log" \
  | sed -E 's/^\[[A-Z]+\] //' \
  | awk -F'[:,] *' '{r+=$2; f+=$4; e+=$6; s+=$8} END {if (NR) printf "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d", r, f, e, s}')
[ -n "$junit_total" ] || junit_total="no test totals reported"
if [ "$mvn_rc" -eq 0 ]; then junit="JUnit passed ($junit_total)"; else junit="JUnit FAILED ($junit_total)"; fi

# --- 2. the C bridge's own smoke test (JVM start failures, the C data path) ---------------
echo "== bridge smoke test"
timeout 10m "$root/bridge/test/smoke.sh" 2>&1 | tee "$results/bridge-smoke.log"
smoke_rc=${PIPESTATUS[0]}
if [ "$smoke_rc" -eq 0 ]; then smoke="bridge smoke passed"; else smoke="bridge smoke FAILED"; fi
echo "== class list of the class archive (a training session against the committed list)"
timeout 5m "$root/bridge/archive/train.sh" --check 2>&1 | tee "$results/classlist.log"
classlist_rc=${PIPESTATUS[0]}
classlist=$(grep -E '^classlist: ' "$results/classlist.log" | tail -n 1)
[ -n "$classlist" ] || classlist="classlist FAILED: $(tail -n 1 "$results/classlist.log")"

# Runs one SQL runner, test/RUNNER, for at most LIMIT with its output shown and kept in
# $results/LOG. Sets suite_rc to its exit status and suite_line to its summary line (the
# last one starting with "PREFIX: "), or, when it printed none, to "WHAT FAILED: " and the
# log's last line.
#   run_suite LIMIT RUNNER LOG PREFIX WHAT
run_suite() {
  local limit=$1 runner=$2 log=$results/$3 prefix=$4 what=$5
  timeout "$limit" "$root/test/$runner" 2>&1 | tee "$log"
  suite_rc=${PIPESTATUS[0]}
  suite_line=$(grep -E "^$prefix: " "$log" | tail -n 1)
  [ -n "$suite_line" ] || suite_line="$what FAILED: $(tail -n 1 "$log")"
}

# --- 3. throwaway cluster ------------------------------------------------------------------
echo "== throwaway cluster"
cluster=$(mktemp -d /tmp/jdblink-check.XXXXXX)
chmod 755 "$cluster"
trap '"$root/test/cluster.sh" destroy "$cluster" >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT TERM
diff_rc=1
host_version=
differential="differential tests did not run"
only_rc=1
only="jdblink-only tests did not run"
settings_rc=1
settings="superuser settings test did not run"
waits_rc=1
waits="wait events test did not run"
remotes_rc=1
remotes="remote versions test did not run"
docs_rc=1
doc_examples="doc examples did not run"
if cluster_env=$("$root/test/cluster.sh" start "$cluster" --ssl); then
  eval "$cluster_env"
  export PGHOST PGPORT PGUSER
  host_version=$(psql -X -At -d postgres -c 'SHOW server_version' | sed 's/ .*//')
  echo "cluster in $cluster, port $PGPORT, PostgreSQL $host_version"

  # --- 4. differential SQL tests -----------------------------------------------------------
  echo "== differential SQL tests (C dblink vs jdblink)"
  run_suite 15m run-differential.sh differential.log differential "differential tests"
  diff_rc=$suite_rc differential=$suite_line

  # --- 5. jdblink-only SQL tests -----------------------------------------------------------
  echo "== jdblink-only SQL tests (features C dblink does not have)"
  run_suite 10m run-jdblink-only.sh jdblink-only.log jdblink-only "jdblink-only tests"
  only_rc=$suite_rc only=$suite_line
  echo "== superuser-only settings (values non-superusers give are refused, in fresh sessions)"
  run_suite 5m superuser-settings.sh superuser-settings.log superuser-settings "superuser settings test"
  settings_rc=$suite_rc settings=$suite_line
  echo "== wait events (pg_stat_activity while calls wait on a remote)"
  run_suite 5m wait-events.sh wait-events.log wait-events "wait events test"
  waits_rc=$suite_rc waits=$suite_line
  echo "== the remote side (remote servers of PostgreSQL 13 to 18, C dblink vs jdblink)"
  run_suite 5m remote-versions.sh remote-versions.log remote-versions "remote versions test"
  remotes_rc=$suite_rc remotes=$suite_line

  # --- 6. the documentation's examples -----------------------------------------------------
  echo "== documentation examples (docs/**/*.md against jdblink)"
  run_suite 5m run-doc-examples.sh doc-examples.log "doc examples" "doc examples"
  docs_rc=$suite_rc doc_examples=$suite_line
else
  tail -n 20 "$cluster/server.log" 2>/dev/null
  differential="differential tests did not run: could not start a throwaway cluster"
fi

# --- 7. the demo ------------------------------------------------------------------------------
echo "== demo (the seed documents' examples, checked)"
demo_log=$results/demo-check.log
timeout 5m "$root/demo/check.sh" --run 2>&1 | tee "$demo_log"
demo_rc=${PIPESTATUS[0]}
demo=$(grep -E '^demo check: ' "$demo_log" | tail -n 1)
[ -n "$demo" ] || demo="demo check FAILED: $(tail -n 1 "$demo_log")"

# --- 8. other host versions -------------------------------------------------------------------
# The versions run at the same time, each in its own cluster with its own ports and
# results (test/results/pgMAJOR/): most of a run is waiting on psql and servers, and one
# after the other would not fit CI's time on a 2-core machine. Each log is shown once
# its run has ended.
versions_rc=0
host_lines=()
host_majors=(${JDBLINK_HOST_VERSIONS-17 18})
host_pids=()
if [ ${#host_majors[@]} -gt 0 ]; then
  echo "== PostgreSQL ${host_majors[*]} hosts (jdblink built for each, checked against its C dblink), at the same time"
  # What the runs share is made before they start: the table of natives of the bridge
  # builds, and the cache of other versions' headers and servers (each run's remote side
  # wants every server).
  make -s -C "$root/bridge" ../target/jni/jdblink_natives.h PG_INCLUDEDIR_SERVER=. >/dev/null
  for major in "${host_majors[@]}"; do "$root/test/pg-versions.sh" headers "$major" >/dev/null; done
  for major in 13 14 16 17 18; do "$root/test/pg-versions.sh" server "$major" >/dev/null; done
fi
for major in "${host_majors[@]}"; do
  timeout 25m "$root/test/check-version.sh" "$major" >"$results/pg$major.log" 2>&1 &
  host_pids+=($!)
  trap 'kill "${host_pids[@]}" 2>/dev/null; exit 130' INT TERM
done
for i in "${!host_majors[@]}"; do
  major=${host_majors[$i]}
  wait "${host_pids[$i]}" || versions_rc=1
  echo "== PostgreSQL $major host"
  cat "$results/pg$major.log"
  line=$(grep -E "^PostgreSQL $major" "$results/pg$major.log" | tail -n 1)
  host_lines+=("${line:-PostgreSQL $major: FAILED: $(tail -n 1 "$results/pg$major.log")}")
done

echo "PostgreSQL $(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')${host_version:+ ($host_version)}: $differential; $only; $settings; $waits; $remotes"
for line in "${host_lines[@]}"; do echo "$line"; done
others=""
[ ${#host_lines[@]} -eq 0 ] || others="; other hosts $( [ $versions_rc -eq 0 ] && echo passed || echo FAILED ) (${JDBLINK_HOST_VERSIONS-17 18})"
if [ "$mvn_rc" -eq 0 ] && [ "$smoke_rc" -eq 0 ] && [ "$classlist_rc" -eq 0 ] && [ "$diff_rc" -eq 0 ] && [ "$only_rc" -eq 0 ] \
   && [ "$settings_rc" -eq 0 ] && [ "$waits_rc" -eq 0 ] && [ "$remotes_rc" -eq 0 ] && [ "$docs_rc" -eq 0 ] \
   && [ "$demo_rc" -eq 0 ] && [ "$versions_rc" -eq 0 ]; then
  echo "check: PASSED — $junit; $smoke; $classlist; $differential; $only; $settings; $waits; $remotes; $doc_examples; $demo$others"
  exit 0
fi
echo "check: FAILED — $junit; $smoke; $classlist; $differential; $only; $settings; $waits; $remotes; $doc_examples; $demo$others"
exit 1
