#!/usr/bin/env bash
# Peak backend memory (VmHWM) of the 4 x 250k-row asynchronous case, C dblink vs jdblink.
# Four named connections each get dblink_send_query of 250 000 rows; the backend polls
# dblink_is_busy on all four until none is busy (C dblink's libpq then holds every result
# in memory), then takes each result with dblink_get_result.
#   test/bench/async-memory.sh        (PG* environment: a superuser on a scratch server)
set -euo pipefail
rows=${ROWS:-250000}
run() {
  local ext=$1 db=memory_$1
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psql -X -q -d "$db" -c "CREATE EXTENSION $ext"
  psql -X -q -At -d "$db" -c "\\timing on" -f - <<SQL
CREATE FUNCTION vm(field text) RETURNS text LANGUAGE sql AS \$\$
  SELECT trim(split_part(l, ':', 2)) FROM regexp_split_to_table(pg_read_file('/proc/' || pg_backend_pid() || '/status'), E'\n') l
  WHERE l LIKE field || ':%' \$\$;
SELECT count(dblink_connect('m' || g, 'dbname=postgres')) FROM generate_series(1, 4) g;
SELECT '$ext before: VmHWM ' || regexp_replace(vm('VmHWM'), '\s+', ' ', 'g') || ', VmRSS ' || regexp_replace(vm('VmRSS'), '\s+', ' ', 'g');
SELECT sum(dblink_send_query('m' || g, 'SELECT g, md5(g::text), now() FROM generate_series(1, $rows) g')) FROM generate_series(1, 4) g;
DO \$\$BEGIN
  WHILE (SELECT sum(dblink_is_busy('m' || g)) FROM generate_series(1, 4) g) > 0 LOOP
    PERFORM pg_sleep(0.05);
  END LOOP;
END\$\$;
SELECT '$ext rows: ' || count(*) FROM generate_series(1, 4) g,
  LATERAL dblink_get_result('m' || g) AS t(n int, h text, at timestamptz);
SELECT '$ext after: VmHWM ' || regexp_replace(vm('VmHWM'), '\s+', ' ', 'g') || ', VmRSS ' || regexp_replace(vm('VmRSS'), '\s+', ' ', 'g');
SQL
  psql -X -q -d postgres -c "DROP DATABASE $db"
}
run dblink
run jdblink
