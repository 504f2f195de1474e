\set SHOW_CONTEXT always
SELECT dblink_get_connections();
SELECT dblink_connect('a', 'x'), dblink_connect('b', 'notice'), dblink_connect('unnamed');
SELECT dblink_get_connections();
SELECT dblink_disconnect('a'), dblink_disconnect(), dblink_get_connections();
SELECT dblink_error_message('b');
-- argument resolution of dblink_exec's four overloads
SELECT dblink_exec('q'), dblink_exec('q', false), dblink_exec('t', 'q'), dblink_exec('t', 'q', false);
-- natives: environment at call time, home, encoding, superuser
SELECT dblink_exec('PGHOST', 'env') = current_setting('unix_socket_directories') AS env_read,
       dblink_exec('JDBLINK_UNSET_VARIABLE', 'env'), dblink_exec('enc'), dblink_exec('su');
-- a PostgreSQL error inside a native (the catalog's, for a server without user mapping)
-- reaches the client with its SQLSTATE; with a mapping, the server's options come back
CREATE FOREIGN DATA WRAPPER smoke_fdw;
CREATE SERVER smoke_server FOREIGN DATA WRAPPER smoke_fdw OPTIONS (dbname 'smoke');
SELECT dblink_exec('smoke_server', 'server');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE USER MAPPING FOR CURRENT_USER SERVER smoke_server OPTIONS (user 'someone');
SELECT dblink_exec('smoke_server', 'server');
-- a DblinkException whose SQLSTATE is not 5 characters becomes XX000
SELECT dblink_exec('badstate');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- tuples, NULLs, many batches
SELECT * FROM dblink('rows 4 3') AS t(a int, b int, c text);
SELECT * FROM dblink('x', 'rows 4 3', true) AS t(a int, b int, c text);
SELECT count(*), sum(a), count(b) FROM dblink('rows 100000 2') AS t(a int, b int);
SELECT length(x) FROM dblink('big 3000000') AS t(x text);
-- rows in C memory (large rows), NULLs among them, and an input error on one
SELECT length(x), y FROM dblink('large 3000000') AS t(x text, y text);
SELECT length(x), y FROM dblink('large 3000000') AS t(x text, y int);
-- the rest was abandoned; what that queued went to the server log, not to a later call
SELECT dblink_exec('abandoned');
-- rowtype checks, also on empty results
SELECT * FROM dblink('rows 2 3') AS t(a int, b int);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM dblink('rows 0 3') AS t(a int, b int);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM dblink('rows 0 2') AS t(a int, b int);
SELECT dblink('rows 2 1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a bad input value is a local error; the session goes on
SELECT * FROM dblink('rows 2 1') AS t(a date);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- remote DateStyle / IntervalStyle apply while converting, and only then
SELECT * FROM dblink('dates') AS t(d date, i interval);
SHOW DateStyle;
-- command status results
SELECT * FROM dblink('multi') AS t(s text);
SELECT * FROM dblink('multi2') AS t(s int);
-- remote errors: verbatim, or a notice with fail_on_error = false
SELECT * FROM dblink('error') AS t(s int);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM dblink('error', false) AS t(s int);
-- notices at their own levels (jdblink.remote_notices = client), filtered by client_min_messages
SELECT dblink_exec('levels');
SET client_min_messages = debug1;
SELECT dblink_exec('levels');
SET client_min_messages = warning;
SELECT dblink_exec('levels');
RESET client_min_messages;
-- queued notices come before the call's error
SELECT dblink_exec('levels error');
-- interrupts: statement_timeout while Java waits
SET statement_timeout = '200ms';
SELECT * FROM dblink('wait') AS t(a int);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET statement_timeout;
SELECT 'backend alive' AS check;
