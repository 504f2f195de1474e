-- Cancel: a statement_timeout expires while the remote query sleeps. Timed is how long
-- the error takes to come back; the check is how many remote pg_sleep queries are still
-- running right after it (0 means the remote query was cancelled or had finished).
SELECT * FROM dblink(:'remote', 'SELECT 1') AS w(x int) \g /dev/null
SELECT clock_timestamp() AS t0 \gset
\set ON_ERROR_STOP 0
SET statement_timeout = '300ms';
SELECT * FROM dblink(:'remote', :'query') AS t(x text);
\set ON_ERROR_STOP 1
RESET statement_timeout;
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
SELECT count(*) AS check FROM pg_stat_activity
 WHERE datname = :'remote_db' AND state = 'active' AND query LIKE 'SELECT pg_sleep(%' \gset
\echo ERROR_TEXT :LAST_ERROR_MESSAGE
