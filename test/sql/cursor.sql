-- dblink_open, dblink_fetch, dblink_close in all their overloads: dblink's remote
-- transaction (BEGIN on an idle connection, COMMIT when the last cursor it counted
-- closes, a user's own transaction left alone), fetch counts, missing cursors, the
-- rowtype check, remote errors with fail_on_error, and dblink_error_message after each.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE foo (f1 int, f2 text, f3 text[]);
INSERT INTO foo SELECT g, chr(96 + g), ARRAY[chr(96 + g), chr(97 + g)] FROM generate_series(1, 10) g;
CREATE TABLE ledger (n int);
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);
\c :localdb
CREATE VIEW remote_xact AS
  SELECT * FROM dblink('dbname=regression_remote',
    'SELECT count(*) FROM pg_stat_activity WHERE datname = ''regression_remote'' AND state LIKE ''idle in transaction%''')
    AS t(open_transactions int);

-- the unnamed connection
SELECT dblink_open('c', 'SELECT * FROM foo');
SELECT dblink_connect('dbname=regression_remote');
SELECT dblink_open('c', 'SELECT f1, f2 FROM foo ORDER BY f1');
SELECT * FROM remote_xact;
SELECT * FROM dblink_fetch('c', 3) AS t(a int, b text);
SELECT * FROM dblink_fetch('c', 0) AS t(a int, b text);
SELECT * FROM dblink_fetch('c', 2, true) AS t(a int, b text);
SELECT * FROM dblink_fetch('c', -1) AS t(a int, b text);
SELECT * FROM dblink_fetch('c', -1, false) AS t(a int, b text);
SELECT dblink_close('c');
SELECT * FROM remote_xact;
SELECT dblink_close('c');
SELECT dblink_close('c', false);
SELECT dblink_close('c', true);
SELECT * FROM remote_xact;
-- a scrolling cursor: negative counts fetch backwards
SELECT dblink_open('s', 'SELECT f1 FROM foo ORDER BY f1', true);
SELECT dblink_exec('CLOSE s');
SELECT dblink_open('s', 'SELECT f1 FROM foo ORDER BY f1');
SELECT dblink_close('s');
SELECT dblink_exec('BEGIN');
SELECT dblink_exec('DECLARE s SCROLL CURSOR FOR SELECT f1 FROM foo ORDER BY f1');
SELECT * FROM dblink_fetch('s', 5) AS t(a int);
SELECT * FROM dblink_fetch('s', -2) AS t(a int);
SELECT * FROM dblink_fetch('s', 0) AS t(a int);
SELECT dblink_close('s');
SELECT * FROM remote_xact;
SELECT dblink_exec('COMMIT');
-- the rowtype check, with rows and without
SELECT dblink_open('c', 'SELECT f1, f2 FROM foo ORDER BY f1');
SELECT * FROM dblink_fetch('c', 2) AS t(a int);
SELECT * FROM dblink_fetch('c', 2) AS t(a int, b text, c text);
SELECT * FROM dblink_fetch('c', 0) AS t(a int);
SELECT * FROM dblink_fetch('c', 100) AS t(a int, b text);
SELECT * FROM dblink_fetch('c', 100) AS t(a int);
SELECT * FROM dblink_fetch('c', 1) AS t(a int, b int);
SELECT dblink_close('c');
SELECT * FROM remote_xact;
-- a missing cursor: remote error, or a command result
SELECT * FROM dblink_fetch('nope', 1) AS t(a int);
SELECT * FROM dblink_fetch('nope', 1, false) AS t(a int);
SELECT * FROM dblink_fetch('c; SELECT 1', 1) AS t(a int);
SELECT dblink_exec('ROLLBACK');
SELECT dblink_open('c', 'SELECT 1');
SELECT * FROM dblink_fetch('c; COMMIT', 1) AS t(a int);
SELECT * FROM remote_xact;
-- remote errors while opening, fetching and closing
SELECT dblink_open('bad', 'SELEC 1');
SELECT * FROM remote_xact;
SELECT dblink_open('bad2', 'SELECT 1', false);
SELECT dblink_close('bad', false);
SELECT dblink_exec('ROLLBACK');
SELECT dblink_open('bad', 'SELECT 1 / (3 - g) FROM generate_series(1, 10) g', false);
SELECT * FROM dblink_fetch('bad', 2) AS t(x int);
SELECT * FROM dblink_fetch('bad', 2, false) AS t(x int);
SELECT * FROM dblink_fetch('bad', 2, false) AS t(x int);
SELECT dblink_close('bad', false);
SELECT dblink_close('bad');
SELECT dblink_exec('ROLLBACK');
SELECT dblink_open('bad', 'SELECT 1 / (3 - g) FROM generate_series(1, 10) g');
SELECT * FROM dblink_fetch('bad', 2) AS t(x int);
SELECT * FROM dblink_fetch('bad', 5) AS t(x int);
SELECT dblink_exec('ROLLBACK');
SELECT dblink_open('c', 'SELECT f1 FROM foo', false);
SELECT dblink_close('c');
SELECT * FROM remote_xact;
-- input errors locally after remote rows
SELECT dblink_open('c', 'SELECT f2 FROM foo ORDER BY f1');
SELECT * FROM dblink_fetch('c', 2) AS t(a int);
SELECT * FROM dblink_fetch('c', 2) AS t(a text);
SELECT dblink_close('c');
-- arrays and NULLs
SELECT dblink_open('c', 'SELECT f1, f3, NULL::text FROM foo WHERE f1 < 3 ORDER BY f1');
SELECT * FROM dblink_fetch('c', 5) AS t(a int, b text[], c text);
SELECT dblink_close('c');

-- named connections
SELECT dblink_open('x', 'c', 'SELECT 1');
SELECT dblink_connect('x', 'dbname=regression_remote');
SELECT dblink_open('x', 'c1', 'SELECT f1 FROM foo ORDER BY f1');
SELECT dblink_open('x', 'c2', 'SELECT f2 FROM foo ORDER BY f1 DESC', true);
SELECT * FROM dblink_fetch('x', 'c1', 2) AS t(a int);
SELECT * FROM dblink_fetch('x', 'c2', 2, false) AS t(a text);
SELECT dblink_close('x', 'c1');
SELECT * FROM remote_xact;
SELECT * FROM dblink_fetch('x', 'c2', 1, true) AS t(a text);
SELECT dblink_close('x', 'c2', true);
SELECT * FROM remote_xact;
SELECT dblink_close('x', 'c2', false);
SELECT dblink_error_message('x');
SELECT dblink_close('x', 'c2');
SELECT dblink_open('x', 'c3', 'SELEC', false);
SELECT dblink_error_message('x');
SELECT dblink_open('x', 'c3', 'SELEC');
SELECT * FROM dblink_fetch('x', 'c3', 1) AS t(a int);
SELECT * FROM dblink_fetch('x', 'c3', 1, false) AS t(a int);
SELECT dblink_exec('x', 'ROLLBACK');
SELECT dblink_open('x', 'late', 'SELECT 1 / (5 - g) FROM generate_series(1, 10) g');
SELECT * FROM dblink_fetch('x', 'late', 3, false) AS t(x int);
SELECT * FROM dblink_fetch('x', 'late', 3, false) AS t(x int);
SELECT dblink_error_message('x');
SELECT dblink_close('x', 'late', false);
SELECT dblink_error_message('x');
SELECT dblink_exec('x', 'ROLLBACK');
SELECT dblink_close('y', 'c');
SELECT dblink_close('y', 'c', false);
SELECT * FROM dblink_fetch('y', 'c', 1) AS t(a int);
SELECT * FROM dblink_fetch('y', 'c', 1, false) AS t(a int);
SELECT dblink_open('y', 'c', 'SELECT 1', false);

-- the user's own transaction is left alone; cursors opened in it are not counted
SELECT dblink_exec('x', 'BEGIN');
SELECT dblink_open('x', 'u1', 'SELECT f1 FROM foo ORDER BY f1');
SELECT dblink_exec('x', 'INSERT INTO ledger VALUES (1)');
SELECT dblink_close('x', 'u1');
SELECT * FROM remote_xact;
SELECT dblink_exec('x', 'COMMIT');
SELECT * FROM remote_xact;
-- dblink's transaction: two cursors, committed when the last one closes
SELECT dblink_open('x', 'a', 'SELECT f1 FROM foo ORDER BY f1');
SELECT dblink_exec('x', 'INSERT INTO ledger VALUES (2)');
SELECT dblink_open('x', 'b', 'SELECT f1 FROM foo ORDER BY f1');
SELECT dblink_close('x', 'a');
SELECT * FROM dblink('dbname=regression_remote', 'SELECT count(*) FROM ledger') AS t(n int);
SELECT dblink_close('x', 'b');
SELECT * FROM dblink('dbname=regression_remote', 'SELECT count(*) FROM ledger') AS t(n int);
-- closing beyond the count commits nothing more
SELECT dblink_open('x', 'a', 'SELECT 1');
SELECT dblink_exec('x', 'DECLARE extra CURSOR FOR SELECT 2');
SELECT dblink_close('x', 'extra');
SELECT * FROM remote_xact;
SELECT dblink_close('x', 'a');
SELECT * FROM remote_xact;
-- a failed DECLARE is still counted, and aborts dblink's transaction
SELECT dblink_open('x', 'a', 'SELECT 1');
SELECT dblink_open('x', 'b', 'SELECT nope', false);
SELECT dblink_close('x', 'a', false);
SELECT dblink_exec('x', 'ROLLBACK');
SELECT dblink_open('x', 'a', 'SELECT 1');
SELECT dblink_close('x', 'a');
SELECT * FROM remote_xact;
-- the COMMIT dblink_close sends fails: an internal error with libpq's whole text
SELECT dblink_open('x', 'a', 'SELECT 1');
SELECT dblink_exec('x', 'INSERT INTO child VALUES (42)');
SELECT dblink_close('x', 'a');
SELECT dblink_error_message('x');
SELECT * FROM remote_xact;
SELECT dblink_open('x', 'a', 'SELECT 1');
SELECT dblink_close('x', 'a');
-- local transactions and savepoints around cursors
BEGIN;
SELECT dblink_open('x', 'l', 'SELECT f1 FROM foo ORDER BY f1');
SAVEPOINT s1;
SELECT * FROM dblink_fetch('x', 'l', 2) AS t(a int);
SELECT * FROM dblink_fetch('x', 'l', 1) AS t(a int, b int);
ROLLBACK TO s1;
SELECT * FROM dblink_fetch('x', 'l', 2) AS t(a int);
ROLLBACK;
SELECT * FROM dblink_fetch('x', 'l', 2) AS t(a int);
SELECT dblink_close('x', 'l');
SELECT * FROM remote_xact;
-- a long name
SELECT dblink_connect('a_connection_name_that_is_longer_than_sixty_three_bytes_in_total_xx', 'dbname=regression_remote');
SELECT dblink_open('a_connection_name_that_is_longer_than_sixty_three_bytes_in_total_yy', 'c', 'SELECT 1');
SELECT * FROM dblink_fetch('a_connection_name_that_is_longer_than_sixty_three_bytes_in_total_zz', 'c', 1) AS t(a int);
SELECT * FROM dblink_fetch('a_connection_name_that_is_longer_than_sixty_three_bytes_in_total_zz', 'nope', 1, false) AS t(a int);
SELECT dblink_close('a_connection_name_that_is_longer_than_sixty_three_bytes_in_total_zz', 'c');
SELECT dblink_disconnect('a_connection_name_that_is_longer_than_sixty_three_bytes_in_total_xx');
-- remote DateStyle applies to fetched values
SELECT dblink_exec('x', 'SET datestyle = ''SQL, DMY''');
SELECT dblink_open('x', 'd', 'SELECT ''2024-03-01''::date, ''2024-03-01 12:00''::timestamp');
SELECT * FROM dblink_fetch('x', 'd', 1) AS t(a date, b timestamp);
SELECT dblink_close('x', 'd');
-- fetch from a query that is not a cursor's, and a cursor in another connection
SELECT dblink_open('c', 'SELECT 1');
SELECT * FROM dblink_fetch('x', 'c', 1) AS t(a int);
SELECT dblink_exec('x', 'ROLLBACK');
SELECT dblink_close('c');
-- the remote backend ends while a cursor is open, and during a fetch
SELECT dblink_connect('victim', 'dbname=regression_remote application_name=cursor_victim');
SELECT dblink_open('victim', 'c', 'SELECT g FROM generate_series(1, 5) g');
SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'cursor_victim';
SELECT * FROM dblink_fetch('victim', 'c', 1) AS t(a int);
SELECT dblink_error_message('victim');
SELECT * FROM dblink_fetch('victim', 'c', 1, false) AS t(a int);
SELECT dblink_close('victim', 'c', false);
SELECT dblink_open('victim', 'c', 'SELECT 1', false);
SELECT dblink_error_message('victim');
SELECT dblink_disconnect('victim');
SELECT dblink_connect('victim', 'dbname=regression_remote');
SELECT dblink_open('victim', 'c', 'SELECT g, CASE WHEN g = 3 THEN pg_terminate_backend(pg_backend_pid()) END FROM generate_series(1, 5) g');
SELECT * FROM dblink_fetch('victim', 'c', 5) AS t(a int, b bool);
SELECT dblink_error_message('victim');
SELECT dblink_close('victim', 'c');
SELECT dblink_disconnect('victim');
SELECT 'local backend alive' AS check;
-- a local statement_timeout during a fetch: the same error (afterwards C dblink's
-- connection is left busy, jdblink's has cancelled the FETCH and is usable: see
-- CursorsIT; here the connection is simply replaced)
SELECT dblink_connect('slow', 'dbname=regression_remote');
SELECT dblink_open('slow', 'c', 'SELECT pg_sleep(1.5)');
SET statement_timeout = '300ms';
SELECT * FROM dblink_fetch('slow', 'c', 1) AS t(x text);
RESET statement_timeout;
SELECT dblink_disconnect('slow');
-- NULL arguments (STRICT)
SELECT dblink_open(NULL, 'SELECT 1');
SELECT * FROM dblink_fetch(NULL, 1) AS t(a int);
SELECT dblink_close(NULL);
-- contexts that cannot take a set or a record
SELECT dblink_fetch('c', 1);
SELECT * FROM dblink_fetch('c', 1);
SELECT dblink_disconnect('x');
SELECT dblink_disconnect();
