-- jdblink demo: the examples from dblink's documentation, run in demo_local against
-- demo_remote (a second database of the same sandbox server).

-- An unnamed connection. options=-csearch_path= empties the remote search_path, the
-- secure pattern dblink's documentation recommends, so remote names are schema-qualified.
SELECT dblink_connect('dbname=demo_remote options=-csearch_path=');
SELECT * FROM dblink('SELECT count(*) FROM public.orders') AS t(orders bigint);

-- A named connection.
SELECT dblink_connect('orders_db', 'dbname=demo_remote options=-csearch_path=');

-- What tables does the remote database have?
SELECT *
FROM dblink('orders_db',
            'SELECT table_name FROM information_schema.tables WHERE table_schema = ''public'' ORDER BY 1')
AS remote_tables(table_name text);

-- Rows of a remote table, typed by the column definition list.
SELECT *
FROM dblink('orders_db', 'SELECT id, user_id, task, is_complete FROM public.todos ORDER BY id')
AS rows(id int, user_id text, task text, is_complete boolean);

-- Cross-database reporting: local customers joined with remote order totals.
SELECT l.customer_name, r.order_total
FROM customers l
JOIN dblink('orders_db', 'SELECT customer_id, sum(amount) AS order_total FROM public.orders GROUP BY customer_id')
  AS r(customer_id integer, order_total numeric) ON l.customer_id = r.customer_id
ORDER BY r.order_total DESC;

-- Data synchronisation: pull remote rows into a local table.
INSERT INTO local_staging_table (col1, col2)
SELECT remote_col1, remote_col2
FROM dblink('orders_db', 'SELECT col1, col2 FROM public.remote_table')
  AS rt(remote_col1 integer, remote_col2 text)
ON CONFLICT (col1) DO UPDATE SET col2 = excluded.col2;
SELECT * FROM local_staging_table ORDER BY col1;

-- The open named connections.
SELECT * FROM dblink_get_connections();

-- Commands on the remote side.
SELECT dblink_exec('orders_db', 'INSERT INTO public.orders (customer_id, amount, placed) VALUES (4, 75.00, ''2026-04-01'')');
SELECT dblink_exec('orders_db', 'UPDATE public.todos SET is_complete = true WHERE user_id = ''ann''');

-- Errors: with fail_on_error = false a remote error becomes a NOTICE and an empty
-- result; dblink_error_message tells what went wrong.
SELECT * FROM dblink('orders_db', 'SELECT no_such_column FROM public.orders', false) AS t(x int);
SELECT dblink_error_message('orders_db');
-- Without it, the remote error (its SQLSTATE, DETAIL, HINT too) is raised as a local error.
SELECT * FROM dblink('orders_db', 'SELECT amount / 0 FROM public.orders') AS t(x numeric);

-- Close both connections.
SELECT dblink_disconnect('orders_db');
SELECT dblink_disconnect();
