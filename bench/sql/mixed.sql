-- Mixed dblink work for :seconds seconds, one of several such sessions running at once;
-- what matters is the memory the session holds at the end (VmRSS, from the epilogue).
-- Each round, in a transaction of its own: a named connection, small queries, every row
-- of :table (:rows rows), a cursor, an asynchronous query and a remote error reported as
-- a notice (fail_on_error false). Every result is checked (a wrong one ends the
-- session); the check is the number of rounds.
SET client_min_messages = warning;
SELECT set_config('bench.seconds', :'seconds', false), set_config('bench.table', :'table', false),
       set_config('bench.rows', :'rows', false), set_config('bench.remote', :'remote', false) \g /dev/null
SELECT clock_timestamp() AS t0 \gset
DO $$
DECLARE
  rounds int := 0;
  table_rows bigint := current_setting('bench.rows')::bigint;
  n bigint;
  fetched bigint;
  deadline timestamptz := clock_timestamp() + make_interval(secs => current_setting('bench.seconds')::int);
BEGIN
  WHILE clock_timestamp() < deadline LOOP
    PERFORM dblink_connect('m', current_setting('bench.remote'));
    IF bench_small_queries('m', 50) <> 50 THEN
      RAISE EXCEPTION 'small queries: wrong sum';
    END IF;
    SELECT count(*) INTO n FROM dblink('m', 'SELECT a, b, c FROM ' || current_setting('bench.table'))
      AS t(a int, b text, c timestamptz);
    IF n <> table_rows THEN
      RAISE EXCEPTION 'bulk: % rows instead of %', n, table_rows;
    END IF;
    PERFORM dblink_open('m', 'cur', 'SELECT a, b FROM ' || current_setting('bench.table') || ' ORDER BY a');
    n := 0;
    FOR i IN 1 .. 10 LOOP
      SELECT count(*) INTO fetched FROM dblink_fetch('m', 'cur', 1000) AS t(a int, b text);
      n := n + fetched;
    END LOOP;
    PERFORM dblink_close('m', 'cur');
    IF n <> least(10000, table_rows) THEN
      RAISE EXCEPTION 'cursor: % rows fetched', n;
    END IF;
    PERFORM dblink_send_query('m', 'SELECT g FROM generate_series(1, 1000) g');
    SELECT count(*) INTO n FROM dblink_get_result('m') AS t(g int);
    SELECT n + count(*) INTO n FROM dblink_get_result('m') AS t(g int);
    IF n <> 1000 THEN
      RAISE EXCEPTION 'asynchronous query: % rows', n;
    END IF;
    SELECT count(*) INTO n FROM dblink('m', 'SELECT 1 / 0', false) AS t(x int);
    IF n <> 0 OR dblink_error_message('m') NOT LIKE '%division by zero%' THEN
      RAISE EXCEPTION 'remote error: % rows, message %', n, dblink_error_message('m');
    END IF;
    PERFORM dblink_disconnect('m');
    rounds := rounds + 1;
    COMMIT;
  END LOOP;
  IF rounds = 0 THEN
    RAISE EXCEPTION 'no round finished';
  END IF;
  PERFORM set_config('bench.check', rounds::text, false);
END
$$;
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
SELECT current_setting('bench.check') AS check \gset
