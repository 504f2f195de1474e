-- jdblink_query_all(conns text[], sql text) (jdblink only): one query on many connections
-- at once, each row's first column naming the connection it came from.
\set remote 'dbname=regression_remote'
\set tcp 'host=127.0.0.1 port=' :port ' dbname=regression_remote'
-- what the remotes query, and a function that fails with every field of an error
SELECT dblink_exec(:'remote', 'CREATE TABLE orders (id int, amount numeric(10,2), placed date)');
SELECT dblink_exec(:'remote', $$INSERT INTO orders SELECT g, g * 1.5, date '2024-01-01' + g FROM generate_series(1, 4) g$$);
SELECT dblink_exec(:'remote', $$CREATE FUNCTION shard_down() RETURNS int LANGUAGE plpgsql AS
  'BEGIN RAISE EXCEPTION ''shard is down'' USING ERRCODE = ''53100'', DETAIL = ''disk full'', HINT = ''add space''; END'$$);
-- three named connections, each with an application_name of its own so that one query can
-- behave differently on each; a foreign server
SELECT dblink_connect('shard1', :'remote' || ' application_name=shard1');
SELECT dblink_connect('shard2', :'remote' || ' application_name=shard2');
SELECT dblink_connect('shard3', :'remote' || ' application_name=shard3');
CREATE SERVER fanout_server FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'regression_remote');
CREATE USER MAPPING FOR CURRENT_USER SERVER fanout_server;

-- rows from every remote: named connections, a connection string, a foreign server
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'], 'SELECT count(*) FROM orders')
  AS t(conn text, n bigint) ORDER BY conn;
SELECT * FROM jdblink_query_all(ARRAY['shard1', :'tcp', 'fanout_server'],
  'SELECT id, amount, placed, NULL::text FROM orders WHERE id <= 2')
  AS t(conn text, id int, amount numeric, placed date, nothing text) ORDER BY conn, id;
-- the first column may be of any string type; the connections made for the call are closed
SELECT conn, pg_typeof(conn), x FROM jdblink_query_all(ARRAY['shard1', 'fanout_server'], 'SELECT 1')
  AS t(conn varchar(20), x int) ORDER BY conn;
SELECT conn, pg_typeof(conn) FROM jdblink_query_all(ARRAY['shard2'], 'SELECT 1') AS t(conn name, x int);
SELECT dblink_get_connections();
-- a query on a connection's own settings: each remote's result
SELECT * FROM jdblink_query_all(ARRAY['shard3', 'shard1', 'shard2'], $$SELECT current_setting('application_name')$$)
  AS t(conn text, application_name text) ORDER BY conn;
-- several results with rows: all of them; commands before them give no row
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2'], 'SET search_path = public; SELECT 1; SELECT 2')
  AS t(conn text, x int) ORDER BY conn, x;
-- a statement that is not a query: one row per remote with its status (dblink()'s convention)
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'], 'CREATE TEMP TABLE scratch (x int)')
  AS t(conn text, status text) ORDER BY conn;

-- many rows from each remote, over TLS and not: all of them, each under its connection
SELECT dblink_connect('tls', :'tcp' || ' sslmode=require user=auth_scram password=auth_scram_pw');
SELECT conn, count(*), sum(g), min(pad) = max(pad) AS same_pad
  FROM jdblink_query_all(ARRAY['tls', 'shard1', 'fanout_server'],
    $$SELECT g, repeat('x', 100) FROM generate_series(1, 50000) g$$) AS t(conn text, g int, pad text)
  GROUP BY conn ORDER BY conn;
SELECT dblink_disconnect('tls');

-- all remotes run at the same time: three 1-second queries take about 1 second, not 3
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'], 'SELECT pg_sleep(1)')
  AS t(conn text, slept text) ORDER BY conn;
SELECT clock_timestamp() - :'t0'::timestamptz BETWEEN interval '0.9 s' AND interval '2.5 s' AS concurrent;

-- a remote error on one of three: the others (sleeping 10 s) are cancelled at once, and the
-- error keeps the remote's fields, with a CONTEXT line naming its connection
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'],
  $$SELECT CASE current_setting('application_name') WHEN 'shard2' THEN shard_down() ELSE 1 END
    FROM pg_sleep(CASE current_setting('application_name') WHEN 'shard2' THEN 0 ELSE 10 END)$$)
  AS t(conn text, x int);
SELECT clock_timestamp() - :'t0'::timestamptz < interval '2.5 s' AS cancelled_at_once;
-- the cancelled remotes are idle, their connections usable
SELECT count(*) AS still_running FROM dblink(:'remote',
  $$SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'shard_' AND state <> 'idle'$$) AS t(x int);
SELECT dblink_is_busy('shard1'), dblink_is_busy('shard2'), dblink_is_busy('shard3');
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'], 'SELECT 1') AS t(conn text, x int) ORDER BY conn;
-- an error on a connection string names it by its position in the array
SELECT * FROM jdblink_query_all(ARRAY['shard1', :'tcp'],
  $$SELECT 1 / CASE current_setting('application_name') WHEN 'shard1' THEN 1 ELSE 0 END$$) AS t(conn text, x int);
-- a local error while the rows are stored (a value its column rejects) cancels the others too
SELECT clock_timestamp() AS t0 \gset
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'],
  $$SELECT CASE current_setting('application_name') WHEN 'shard3' THEN 'abc' ELSE '1' END
    FROM pg_sleep(CASE current_setting('application_name') WHEN 'shard3' THEN 0 ELSE 10 END)$$)
  AS t(conn text, x int);
SELECT clock_timestamp() - :'t0'::timestamptz < interval '2.5 s' AS cancelled_at_once;
SELECT count(*) AS still_running FROM dblink(:'remote',
  $$SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'shard_' AND state <> 'idle'$$) AS t(x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'], 'SELECT 2') AS t(conn text, x int) ORDER BY conn;

-- a statement_timeout cancels every remote and returns at once; named connections stay usable
SELECT clock_timestamp() AS t0 \gset
SET statement_timeout = '500ms';
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'], 'SELECT pg_sleep(10)') AS t(conn text, slept text);
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '2.5 s' AS cancelled_at_once;
SELECT count(*) AS still_running FROM dblink(:'remote',
  $$SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'shard_' AND state <> 'idle'$$) AS t(x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard3'], 'SELECT 3') AS t(conn text, x int) ORDER BY conn;

-- a connection that cannot be made: nothing is sent, what was opened is closed
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'dbname=no_such_database', 'shard2'], 'SELECT 1') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY['no_such_connection'], 'SELECT 1') AS t(conn text, x int);
SELECT dblink_get_connections();
-- a result of another shape than the column definition list, and a status where rows are expected
SELECT * FROM jdblink_query_all(ARRAY['shard2'], 'SELECT 1, 2') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1'], 'SELECT 1; SELECT 1, 2') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1'], 'SET search_path = public') AS t(conn text, x text, y text);
SELECT * FROM jdblink_query_all(ARRAY['shard1'], '') AS t(conn text, x text);

-- bad input
SELECT * FROM jdblink_query_all(NULL, 'SELECT 1') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1'], NULL) AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY[]::text[], 'SELECT 1') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1', NULL], 'SELECT 1') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY[['shard1'], ['shard2']], 'SELECT 1') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'shard1'], 'SELECT 1') AS t(conn text, x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1'], 'SELECT 1') AS t(conn int, x int);
SELECT * FROM jdblink_query_all(ARRAY['shard1'], 'SELECT 1');
-- a named connection with an asynchronous query in progress: refused, its query kept
SELECT dblink_send_query('shard2', 'SELECT 42');
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2'], 'SELECT 1') AS t(conn text, x int);
SELECT * FROM dblink_get_result('shard2') AS t(x int);
SELECT * FROM dblink_get_result('shard2') AS t(x int);

-- a non-superuser, under dblink's rules on passwords
CREATE ROLE regress_fanout_user;
GRANT USAGE ON FOREIGN SERVER fanout_server TO regress_fanout_user;
CREATE SERVER fanout_scram FOREIGN DATA WRAPPER dblink_fdw
  OPTIONS (host '127.0.0.1', port :'port', dbname 'regression_remote');
CREATE USER MAPPING FOR regress_fanout_user SERVER fanout_scram OPTIONS (user 'auth_scram', password 'auth_scram_pw');
GRANT USAGE ON FOREIGN SERVER fanout_scram TO regress_fanout_user;
SET ROLE regress_fanout_user;
\set VERBOSITY sqlstate
SELECT * FROM jdblink_query_all(ARRAY['dbname=regression_remote'], 'SELECT 1') AS t(conn text, x int);
\set VERBOSITY verbose
\set VERBOSITY sqlstate
SELECT * FROM jdblink_query_all(ARRAY[:'tcp' || ' password=not_asked'], 'SELECT 1') AS t(conn text, x int);
\set VERBOSITY verbose
\set VERBOSITY sqlstate
SELECT * FROM jdblink_query_all(ARRAY['fanout_server'], 'SELECT 1') AS t(conn text, x int);
\set VERBOSITY verbose
SELECT * FROM jdblink_query_all(ARRAY['fanout_scram', :'tcp' || ' user=auth_scram password=auth_scram_pw'],
  'SELECT current_user') AS t(conn text, u name) ORDER BY conn;
RESET ROLE;
DROP USER MAPPING FOR regress_fanout_user SERVER fanout_scram;
DROP SERVER fanout_scram;
REVOKE USAGE ON FOREIGN SERVER fanout_server FROM regress_fanout_user;
DROP ROLE regress_fanout_user;

SELECT dblink_disconnect('shard1');
SELECT dblink_disconnect('shard2');
SELECT dblink_disconnect('shard3');
DROP USER MAPPING FOR CURRENT_USER SERVER fanout_server;
DROP SERVER fanout_server;
