-- COPY through dblink: a deliberate difference (see test/deliberate-differences and
-- docs/differences.md). C dblink fails on COPY ... TO STDOUT and COPY ... FROM STDIN
-- with "could not obtain message string for remote error" and leaves the connection in
-- COPY state, where the next command fails with "another command is already in
-- progress" (and dblink() on it loops without end, which is why no case here calls
-- dblink() after a COPY). jdblink completes COPY TO STDOUT with its command tag, ends
-- COPY FROM STDIN as libpq's PQexec ends it, and the connection stays usable.
-- Each case is one line (how it ended; then how the next command on the connection
-- ended), so that the accepted difference is exactly these lines.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
\c :localdb
\pset format unaligned

CREATE FUNCTION copy_outcome(how text, sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  outcome text;
  after text;
BEGIN
  BEGIN
    IF how = 'dblink_exec' THEN
      outcome := dblink_exec('c', sql);
    ELSE
      PERFORM dblink_send_query('c', sql);
      SELECT string_agg(a, ',') INTO outcome FROM dblink_get_result('c') AS x(a text);
    END IF;
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    outcome := 'error ' || SQLSTATE || ': ' || SQLERRM;
  END;
  IF how = 'dblink_get_result' THEN
    -- an asynchronous query is over once dblink_get_result returns an empty set
    BEGIN
      outcome := outcome || ', then ' || (SELECT count(*) FROM dblink_get_result('c') AS x(a text)) || ' rows';
    EXCEPTION WHEN OTHERS OR query_canceled THEN
      outcome := outcome || ', then error ' || SQLSTATE || ': ' || SQLERRM;
    END;
  END IF;
  BEGIN
    after := dblink_exec('c', 'SET application_name = copy_test');
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    after := 'error ' || SQLSTATE || ': ' || SQLERRM;
  END;
  RETURN how || ' ' || sql || ': ' || outcome || '; next command: ' || after;
END $$;

SELECT dblink_connect('c', 'dbname=regression_remote');
SELECT copy_outcome('dblink_exec', 'COPY t TO STDOUT');
SELECT dblink_disconnect('c');

SELECT dblink_connect('c', 'dbname=regression_remote');
SELECT copy_outcome('dblink_exec', 'COPY t FROM STDIN');
SELECT dblink_disconnect('c');

SELECT dblink_connect('c', 'dbname=regression_remote');
SELECT copy_outcome('dblink_get_result', 'COPY t TO STDOUT');
SELECT dblink_disconnect('c');

SELECT dblink_connect('c', 'dbname=regression_remote');
SELECT copy_outcome('dblink_get_result', 'COPY t FROM STDIN');
SELECT dblink_disconnect('c');

-- nothing was copied in
SELECT * FROM dblink('dbname=regression_remote', 'SELECT count(*) FROM t') AS x(n bigint);
