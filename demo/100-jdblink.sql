-- ==========================================================================================
-- jdblink's own functions (extension version 1.1), which C dblink does not have: one short
-- section each. [demo] Run only when the demo shows jdblink.
-- ==========================================================================================
\c neondb
SELECT DISTINCT proname AS function FROM pg_proc WHERE proname LIKE 'jdblink\_%' ORDER BY 1;

-- 1. No column definition list to write: the remote describes the query (nothing runs),
--    and jdblink types the rows from that, or from a local type.
SELECT position, name, type, local_type
  FROM jdblink_describe('dbname=my_remote_database options=-csearch_path=', 'SELECT id, task, is_complete, inserted_at FROM public.todos');
SELECT jdblink_column_list('dbname=my_remote_database options=-csearch_path=', 'SELECT id, task, is_complete FROM public.todos');
SELECT jdblink_create_view('remote_todos', 'dbname=my_remote_database options=-csearch_path=',
  'SELECT id, task, is_complete FROM public.todos');
SELECT * FROM remote_todos ORDER BY id;
CREATE TYPE todo AS (id int, task text, is_complete boolean);
SELECT * FROM jdblink_query('dbname=my_remote_database options=-csearch_path=',
  'SELECT id, task, is_complete FROM public.todos WHERE is_complete ORDER BY id', NULL::todo);
SELECT * FROM jdblink_query('dbname=my_remote_database options=-csearch_path=',
  'SELECT id, inserted_at FROM public.todos', NULL::todo);
DROP VIEW remote_todos;
DROP TYPE todo;

-- 2. One query on many servers at once: every remote runs at the same time, rows come
--    with the connection they came from.
SELECT dblink_connect('shard1', 'dbname=my_remote_database options=-csearch_path=');
SELECT dblink_connect('shard2', 'host=127.0.0.1 port=@PORT@ dbname=prod_data user=reporter password=securepass sslmode=require');
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'dbname=neondb'],
  'SELECT current_database()::text, (SELECT count(*) FROM pg_class WHERE relname IN (''todos'', ''orders'', ''customers''))')
  AS t(conn text, db text, known_tables bigint) ORDER BY conn;
SELECT clock_timestamp() AS started \gset
SELECT count(*) AS remotes FROM jdblink_query_all(ARRAY['shard1', 'shard2', 'dbname=neondb'], 'SELECT pg_sleep(1)')
  AS t(conn text, slept text);
SELECT clock_timestamp() - :'started' < interval '2.5 s' AS three_one_second_queries_well_under_three_seconds;
-- a failure on one remote cancels the others, and the error names the connection
SELECT * FROM jdblink_query_all(ARRAY['shard1', 'shard2'], 'SELECT count(*) FROM orders')
  AS t(conn text, n bigint);
SELECT dblink_disconnect('shard1'), dblink_disconnect('shard2');

-- 3. Every open connection, visible (times, pids and byte counts vary: shown as checks).
SELECT dblink_connect('todos_db', 'dbname=my_remote_database options=-csearch_path=');
SELECT dblink_connect('tls_db', 'host=127.0.0.1 port=@PORT@ dbname=prod_data user=reporter password=securepass sslmode=require');
SELECT * FROM dblink('todos_db', 'SELECT id FROM public.todos') AS t(id int);
SELECT name, host = '127.0.0.1' AS tcp, dbname, remote_user, ssl, ssl_protocol IS NOT NULL AS tls_version_known,
       transaction_status, queries_sent, rows_received, bytes_received > 0 AS bytes_received, closed
  FROM jdblink_connections() ORDER BY name;
SELECT dblink_disconnect('todos_db'), dblink_disconnect('tls_db');

-- 4. Remote notices where the user can see them (C dblink, and jdblink by default, write
--    them to the server log only).
SET jdblink.remote_notices = client;
SELECT dblink_exec('dbname=my_remote_database options=-csearch_path=',
  'DO $$BEGIN RAISE NOTICE ''% todos open'', (SELECT count(*) FROM public.todos WHERE NOT is_complete); END$$');
RESET jdblink.remote_notices;
