-- Values and query texts of 100 MB (PostgreSQL allows 1 GB) with the default JVM
-- settings (a 64 MB Java heap), through every function that returns rows or sends SQL,
-- and the connection after a failure in the middle of a large result: usable at once,
-- its error message truthful, the remote backend idle. Values are shown as length()
-- and md5(). Rows of a few MB are large enough for the failure cases (over 1 MB, a
-- row takes the path that bypasses the Java heap).
\set localdb :DBNAME
\c regression_remote
CREATE TABLE big (id int, v text);
INSERT INTO big SELECT 1, repeat('b', 100 * 1024 * 1024);
\c :localdb
SELECT dblink_connect('c', 'dbname=regression_remote application_name=large_values');

-- values: text, bytea, jsonb
SELECT length(v), md5(v) FROM dblink('c', $$SELECT repeat('x', 100 * 1024 * 1024)$$) AS t(v text);
SELECT length(v), md5(v) FROM dblink('c', $$SELECT decode(repeat('0123', 25 * 1024 * 1024), 'hex')$$) AS t(v bytea);
SELECT length(v ->> 'k'), md5(v ->> 'k') FROM dblink('c',
  $$SELECT jsonb_build_object('k', repeat('j', 100 * 1024 * 1024))$$) AS t(v jsonb);

-- over TLS: the same reading path, chunk by chunk
\set tls_remote 'host=127.0.0.1 port=' :port ' dbname=regression_remote sslmode=require'
SELECT length(v), md5(v) FROM dblink(:'tls_remote', $$SELECT repeat('t', 100 * 1024 * 1024)$$) AS t(v text);

-- query texts of 100 MB: dblink, dblink_exec, dblink_open/fetch, send_query/get_result
SELECT length(v), md5(v) FROM dblink('c', 'SELECT ''' || repeat('s', 100 * 1024 * 1024) || '''::text') AS t(v text);
SELECT dblink_exec('c', 'UPDATE big SET v = ''' || repeat('e', 100 * 1024 * 1024) || '''');
SELECT dblink_open('c', 'cur', 'SELECT ''' || repeat('o', 100 * 1024 * 1024) || '''::text AS v UNION ALL SELECT v FROM big');
SELECT length(v), md5(v) FROM dblink_fetch('c', 'cur', 2) AS t(v text);
SELECT dblink_close('c', 'cur');
SELECT dblink_send_query('c', 'SELECT ''' || repeat('a', 100 * 1024 * 1024) || '''::text');
SELECT length(v), md5(v) FROM dblink_get_result('c') AS t(v text);
SELECT * FROM dblink_get_result('c') AS t(v text);

-- error positions inside huge query texts, as libpq shows them
SELECT * FROM dblink('c', 'SELECT ''' || repeat('p', 100 * 1024 * 1024) || ''' +* 1', false) AS t(v text);
SELECT dblink_error_message('c');
SELECT * FROM dblink('c', E'SELECT 1,\n' || repeat('y', 2 * 1024 * 1024) || E' 2\nFROM nowhere', false) AS t(v text);
SELECT dblink_error_message('c');
SELECT dblink_send_query('c', 'SELECT ''' || repeat('a', 2 * 1024 * 1024) || ''' zz zz'); -- the caret needs the text after the call
SELECT * FROM dblink_get_result('c', false) AS t(v text);
SELECT * FROM dblink_get_result('c') AS t(v text);
SELECT dblink_error_message('c');
SELECT dblink_open('c', 'cur2', 'selec ' || repeat('q', 2 * 1024 * 1024), false);
SELECT dblink_error_message('c');
SELECT dblink_exec('c', 'ROLLBACK'); -- dblink_open began a transaction

-- a local input error on row 2 of a large result: the connection is idle and usable
SELECT id, n, length(v) FROM dblink('c', $$SELECT i, CASE WHEN i = 2 THEN 'notanint' ELSE '1' END,
  repeat(' ', 2 * 1024 * 1024) FROM generate_series(1, 3) i$$) AS t(id int, n int, v text);
SELECT dblink_error_message('c');
SELECT * FROM dblink('c', 'SELECT 42') AS t(x int);
SELECT state FROM pg_stat_activity WHERE application_name = 'large_values';
SELECT dblink_exec('c', 'SELECT 1');

-- a remote error after large rows: raised, then the connection is usable
SELECT id, length(v) FROM dblink('c', $$SELECT i, CASE WHEN i < 3 THEN repeat('r', 2 * 1024 * 1024)
  ELSE (1 / 0)::text END FROM generate_series(1, 3) i$$) AS t(id int, v text);
SELECT dblink_error_message('c');
SELECT dblink_open('c', 'cur3', $$SELECT i, CASE WHEN i < 3 THEN repeat('r', 2 * 1024 * 1024)
  ELSE (1 / 0)::text END FROM generate_series(1, 3) i$$);
SELECT id, length(v) FROM dblink_fetch('c', 'cur3', 3, false) AS t(id int, v text);
SELECT dblink_error_message('c');
SELECT dblink_exec('c', 'ROLLBACK');
SELECT * FROM dblink('c', 'SELECT 43') AS t(x int);
SELECT state FROM pg_stat_activity WHERE application_name = 'large_values';

-- a remote statement_timeout during a large transfer
SELECT dblink_exec('c', 'SET statement_timeout = ''1s''');
SELECT length(v) FROM dblink('c', $$SELECT repeat('t', 20 * 1024 * 1024) FROM pg_sleep(0)
  UNION ALL SELECT 'late' FROM pg_sleep(2)$$) AS t(v text);
SELECT dblink_error_message('c');
SELECT * FROM dblink('c', 'SELECT 44') AS t(x int);
SELECT dblink_disconnect('c');
