-- dblink_send_query, dblink_is_busy, dblink_get_result(text[, bool]), dblink_cancel_query,
-- dblink_error_message after each: one result per dblink_get_result call, then an empty
-- set; sending while busy; errors in results; cancel of a long query and reuse; other
-- calls while a query is in flight; lost remote backends; many connections at once.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE t (n int, s text);
INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 5) g;
\c :localdb
-- waits until a remote backend (by application_name) is in the given state
CREATE FUNCTION wait_for_remote(app text, wanted text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..1000 LOOP
    PERFORM pg_stat_clear_snapshot();
    IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = app AND state = wanted) THEN
      RETURN wanted;
    END IF;
    PERFORM pg_sleep(0.01);
  END LOOP;
  RETURN 'never ' || wanted;
END $$;
-- waits until dblink_is_busy says 0
CREATE FUNCTION wait_until_idle(conn text) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..1000 LOOP
    IF dblink_is_busy(conn) = 0 THEN
      RETURN 0;
    END IF;
    PERFORM pg_sleep(0.01);
  END LOOP;
  RETURN 1;
END $$;

-- opens conn, sends it a long query and terminates its remote backend (waiting for its end)
CREATE FUNCTION lose_remote_during_query(conn text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dblink_connect(conn, 'dbname=regression_remote application_name=async_victim');
  PERFORM dblink_send_query(conn, 'SELECT pg_sleep(60)');
  PERFORM wait_for_remote('async_victim', 'active');
  RETURN (SELECT string_agg(pg_terminate_backend(pid, 10000)::text, ',')
          FROM pg_stat_activity WHERE application_name = 'async_victim');
END $$;

-- no such connection; the unnamed connection is not usable by these functions
SELECT dblink_send_query('a', 'SELECT 1');
SELECT dblink_is_busy('a');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a', false) AS t(n int);
SELECT dblink_cancel_query('a');
SELECT dblink_connect('dbname=regression_remote');
SELECT dblink_send_query('', 'SELECT 1');
SELECT dblink_disconnect();

SELECT dblink_connect('a', 'dbname=regression_remote application_name=async_a');
-- nothing sent: no result, not busy
SELECT dblink_is_busy('a');
SELECT * FROM dblink_get_result('a') AS t(n int);
-- one query, its rows, then an empty set
SELECT dblink_send_query('a', 'SELECT n, s FROM t ORDER BY n');
SELECT wait_until_idle('a');
SELECT dblink_error_message('a');
SELECT * FROM dblink_get_result('a') AS t(n int, s text);
SELECT dblink_is_busy('a');
SELECT * FROM dblink_get_result('a') AS t(n int, s text);
SELECT * FROM dblink_get_result('a') AS t(n int, s text);
SELECT dblink_error_message('a');
-- sending while busy (results not all collected)
SELECT dblink_send_query('a', 'SELECT 1');
SELECT dblink_send_query('a', 'SELECT 2');
SELECT dblink_error_message('a');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_send_query('a', 'SELECT 3');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_send_query('a', 'SELECT 4');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
-- several statements: one result per call, commands as status
SELECT dblink_send_query('a', 'SELECT 1; SELECT 2, ''two''; UPDATE t SET s = s WHERE n < 3; SELECT n FROM t WHERE false; SET work_mem = ''3MB''; SELECT 6');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int, s text);
SELECT * FROM dblink_get_result('a') AS t(status text);
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a', true) AS t(status text);
SELECT * FROM dblink_get_result('a', false) AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
-- the rowtype check takes the result; the next call gets the next one
SELECT dblink_send_query('a', 'SELECT 1, 2; SELECT 3; SELECT 4 WHERE false');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int, m int);
SELECT * FROM dblink_get_result('a') AS t(n int);
-- a local input error in the middle of a result
SELECT dblink_send_query('a', 'SELECT s FROM t ORDER BY n; SELECT 7');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
-- errors in results
SELECT dblink_send_query('a', 'SELECT 1; SELECT 1 / 0; SELECT 3');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_error_message('a');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_send_query('a', 'SELECT 1 / 0');
SELECT * FROM dblink_get_result('a', false) AS t(n int);
SELECT dblink_error_message('a');
SELECT * FROM dblink_get_result('a', false) AS t(n int);
SELECT dblink_send_query('a', 'SELEC 1');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_error_message('a');
SELECT * FROM dblink_get_result('a') AS t(n int);
-- rows that arrive before the error are not returned
SELECT dblink_send_query('a', 'SELECT 10 / (4 - g) FROM generate_series(1, 10) g');
SELECT * FROM dblink_get_result('a', false) AS t(n int);
SELECT * FROM dblink_get_result('a', false) AS t(n int);
SELECT dblink_send_query('a', 'SELECT 10 / (4 - g) FROM generate_series(1, 10) g');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
-- an empty query string
SELECT dblink_send_query('a', '');
SELECT * FROM dblink_get_result('a', false) AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_send_query('a', ';');
SELECT * FROM dblink_get_result('a') AS t(n int);
-- a remote transaction across async queries
SELECT dblink_send_query('a', 'BEGIN; INSERT INTO t VALUES (100, ''x'')');
SELECT * FROM dblink_get_result('a') AS t(status text);
SELECT * FROM dblink_get_result('a') AS t(status text);
SELECT * FROM dblink_get_result('a') AS t(status text);
SELECT dblink_send_query('a', 'SELECT count(*) FROM t; ROLLBACK');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT * FROM dblink_get_result('a') AS t(status text);
SELECT * FROM dblink_get_result('a') AS t(status text);
-- remote DateStyle applies to values of async results
SELECT dblink_exec('a', 'SET datestyle = ''German''');
SELECT dblink_send_query('a', 'SELECT ''2024-12-31''::date');
SELECT * FROM dblink_get_result('a') AS t(d date);
SELECT * FROM dblink_get_result('a') AS t(d date);
SELECT dblink_exec('a', 'RESET datestyle');

-- other calls while a query is in flight
SELECT dblink_send_query('a', 'SELECT 1; SELECT 2');
SELECT * FROM dblink('a', 'SELECT 3') AS t(n int);
SELECT * FROM dblink('a', 'SELECT 3', false) AS t(n int);
SELECT dblink_error_message('a');
SELECT dblink_exec('a', 'SELECT 4; SET work_mem = ''4MB''');
SELECT dblink_is_busy('a');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_send_query('a', 'SELECT 1');
SELECT dblink_open('a', 'c', 'SELECT 5');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_exec('a', 'ROLLBACK');

-- cancel a long query, then use the connection again
SELECT dblink_send_query('a', 'SELECT pg_sleep(60)');
SELECT wait_for_remote('async_a', 'active');
SELECT dblink_is_busy('a');
SELECT dblink_cancel_query('a');
SELECT * FROM dblink_get_result('a', false) AS t(x text);
SELECT dblink_error_message('a');
SELECT * FROM dblink_get_result('a') AS t(x text);
SELECT * FROM dblink('a', 'SELECT ''reused''') AS t(x text);
SELECT dblink_cancel_query('a');
SELECT dblink_send_query('a', 'SELECT pg_sleep(60)');
SELECT wait_for_remote('async_a', 'active');
SELECT dblink_cancel_query('a');
SELECT * FROM dblink_get_result('a') AS t(x text);
SELECT * FROM dblink_get_result('a') AS t(x text);
SELECT * FROM dblink('a', 'SELECT ''reused again''') AS t(x text);

-- a local statement_timeout while waiting for a result: the same error (afterwards C
-- dblink's connection is left busy, jdblink's has cancelled the remote query and is
-- usable: see AsyncQueriesIT; here the connection is simply replaced)
SELECT dblink_connect('slow', 'dbname=regression_remote');
SET statement_timeout = '300ms';
SELECT dblink_send_query('slow', 'SELECT pg_sleep(1.5)');
SELECT * FROM dblink_get_result('slow') AS t(x text);
RESET statement_timeout;
SELECT dblink_disconnect('slow');

-- disconnect with a query in flight
SELECT dblink_connect('d', 'dbname=regression_remote');
SELECT dblink_send_query('d', 'SELECT pg_sleep(0.5)');
SELECT dblink_disconnect('d');
SELECT dblink_is_busy('d');
SELECT dblink_connect('d', 'dbname=regression_remote');
SELECT dblink_send_query('d', 'SELECT g FROM generate_series(1, 100000) g');
SELECT dblink_disconnect('d');

-- the remote backend ends during an async query
SELECT dblink_connect('v', 'dbname=regression_remote application_name=async_victim');
SELECT dblink_send_query('v', 'SELECT pg_sleep(60)');
SELECT wait_for_remote('async_victim', 'active');
SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'async_victim';
SELECT * FROM dblink_get_result('v', false) AS t(x text);
SELECT * FROM dblink_get_result('v') AS t(x text);
SELECT * FROM dblink_get_result('v') AS t(x text);
SELECT dblink_error_message('v');
SELECT dblink_is_busy('v');
SELECT dblink_error_message('v');
SELECT * FROM dblink_get_notify('v');
SELECT dblink_error_message('v');
SELECT dblink_send_query('v', 'SELECT 1');
SELECT dblink_error_message('v');
SELECT dblink_cancel_query('v');
SELECT dblink_disconnect('v');
-- a command refused while a query is unread keeps its text before the query's error
SELECT dblink_connect('e', 'dbname=regression_remote');
SELECT dblink_send_query('e', 'SELECT 1/0');
SELECT dblink_exec('e', 'SELECT 1', false);
SELECT * FROM dblink_get_result('e', false) AS t(x text);
SELECT dblink_error_message('e');
SELECT * FROM dblink_get_result('e', false) AS t(x text);
SELECT dblink_error_message('e');
SELECT dblink_send_query('e', 'SELECT 1/0');
SELECT * FROM dblink('e', 'SELECT 1', false) AS t(x text);
SELECT dblink_error_message('e');
SELECT dblink_exec('e', 'SET work_mem = ''4MB''', false);
SELECT dblink_error_message('e');
SELECT dblink_disconnect('e');
-- commands refused while the lost query is still unread add to the error text, and what
-- dblink() then reads from the lost connection is added after them
SELECT lose_remote_during_query('v');
SELECT dblink_exec('v', 'SELECT 1', false);
SELECT dblink_error_message('v');
SELECT dblink_exec('v', 'SELECT 2', false);
SELECT dblink_error_message('v');
SELECT * FROM dblink('v', 'SELECT 3', false) AS t(i int);
SELECT dblink_error_message('v');
SELECT dblink_exec('v', 'SELECT 4', false);
SELECT dblink_error_message('v');
SELECT dblink_disconnect('v');
-- dblink_is_busy and dblink_get_notify read what arrived, as libpq's PQconsumeInput: the
-- server's last words are in the error text before dblink_get_result returns them, and
-- the end of the stream, once read, makes the connection lost
SELECT lose_remote_during_query('v');
SELECT dblink_is_busy('v');
SELECT dblink_error_message('v');
SELECT dblink_exec('v', 'SELECT 1', false);
SELECT dblink_error_message('v');
SELECT dblink_is_busy('v');
SELECT dblink_error_message('v');
SELECT dblink_is_busy('v');
SELECT dblink_error_message('v');
SELECT * FROM dblink('v', 'SELECT 2', false) AS t(i int);
SELECT dblink_error_message('v');
SELECT dblink_cancel_query('v');
SELECT dblink_disconnect('v');
SELECT lose_remote_during_query('v');
SELECT * FROM dblink_get_notify('v');
SELECT dblink_error_message('v');
SELECT dblink_is_busy('v');
SELECT dblink_error_message('v');
SELECT * FROM dblink_get_result('v', false) AS t(x text);
SELECT dblink_error_message('v');
SELECT * FROM dblink_get_result('v', false) AS t(x text);
SELECT dblink_error_message('v');
SELECT dblink_send_query('v', 'SELECT 1');
SELECT dblink_error_message('v');
SELECT dblink_disconnect('v');
-- an ordinary error that has arrived is in the error text once dblink_is_busy saw it
SELECT dblink_connect('v', 'dbname=regression_remote');
SELECT dblink_send_query('v', 'SELECT 1/0');
SELECT wait_until_idle('v');
SELECT dblink_error_message('v');
SELECT * FROM dblink_get_result('v', false) AS t(x text);
SELECT dblink_error_message('v');
SELECT * FROM dblink_get_result('v', false) AS t(x text);
SELECT dblink_disconnect('v');
SELECT dblink_connect('v', 'dbname=regression_remote');
SELECT dblink_send_query('v', 'SELECT 1; SELECT pg_terminate_backend(pg_backend_pid()); SELECT 3');
SELECT * FROM dblink_get_result('v') AS t(x int);
SELECT * FROM dblink_get_result('v') AS t(x bool);
SELECT * FROM dblink_get_result('v') AS t(x bool);
SELECT * FROM dblink_get_result('v') AS t(x int);
SELECT dblink_disconnect('v');
SELECT 'local backend alive' AS check;

-- many connections in flight at once
SELECT dblink_connect('f' || g, 'dbname=regression_remote') FROM generate_series(1, 8) g;
SELECT dblink_send_query('f' || g, 'SELECT ' || g || ', pg_sleep(0.2), count(*) FROM generate_series(1, 1000 * ' || g || ')') FROM generate_series(1, 8) g;
SELECT r.* FROM generate_series(8, 1, -1) g, LATERAL dblink_get_result('f' || g) AS r(n int, s text, c bigint);
SELECT r.* FROM generate_series(1, 8) g, LATERAL dblink_get_result('f' || g) AS r(n int, s text, c bigint);
SELECT dblink_disconnect('f' || g) FROM generate_series(1, 8) g;

-- NULL arguments (STRICT) and contexts that cannot take a set
SELECT dblink_send_query(NULL, 'SELECT 1');
SELECT dblink_is_busy(NULL);
SELECT * FROM dblink_get_result(NULL) AS t(n int);
SELECT dblink_cancel_query(NULL);
SELECT dblink_send_query('a', 'SELECT 1');
SELECT dblink_get_result('a');
SELECT * FROM dblink_get_result('a');
SELECT * FROM dblink_get_result('a') AS t(n int);
SELECT dblink_disconnect('a');
