-- ==========================================================================================
-- jdblink's own functions (extension version 1.1), which C dblink does not have: one short
-- section each. [demo] Run only when the demo shows jdblink.
-- ==========================================================================================
\c neondb

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
