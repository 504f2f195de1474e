-- ==========================================================================================
-- Neon's guide "The dblink extension" (seed document 002): its examples in order, in a
-- database neondb.
-- [demo] Its remote servers are the sandbox: host=my_remote_host port=5432 and
--        host=prod_host port=5432 become host=127.0.0.1 port=@PORT@ (the sandbox runs
--        with SSL, so sslmode=require works). The sandbox has the databases
--        my_remote_database (tables users, user_settings, todos, remote_table) and
--        prod_data (table orders), and the roles of the guide's connection strings.
-- ==========================================================================================
\c neondb
-- [demo] The guide says CREATE EXTENSION IF NOT EXISTS dblink; jdblink has the same functions.
CREATE EXTENSION IF NOT EXISTS @EXTENSION@;

-- Named connections
SELECT dblink_connect('my_remote_db', 'host=127.0.0.1 port=@PORT@ dbname=my_remote_database user=my_remote_user password=my_remote_password sslmode=require');

-- Unnamed connections
SELECT dblink_connect('host=127.0.0.1 port=@PORT@ dbname=my_remote_database user=my_remote_user password=my_remote_password sslmode=require');

-- Executing queries on the remote database: with named connections
SELECT *
FROM dblink('my_remote_db', 'SELECT table_name FROM information_schema.tables WHERE table_schema = ''public''')
AS remote_tables(table_name TEXT);

-- With unnamed connections (here: a connection string, so a connection just for this query)
SELECT *
FROM dblink('host=127.0.0.1 port=@PORT@ dbname=my_remote_database user=my_remote_user password=my_remote_password sslmode=require',
            'SELECT table_name FROM information_schema.tables WHERE table_schema = ''public''')
AS remote_tables(table_name TEXT);

-- Retrieving data from the remote database
SELECT rt.table_name
FROM dblink('my_remote_db', 'SELECT table_name FROM information_schema.tables WHERE table_schema = ''public''')
AS rt(table_name TEXT)
WHERE rt.table_name LIKE 'user%';

SELECT *
FROM dblink('my_remote_db', 'SELECT id, user_id, task, is_complete, inserted_at FROM todos')
AS rows(id int, user_id TEXT, task TEXT, is_complete BOOLEAN, inserted_at text);

-- Closing connections
SELECT dblink_disconnect('my_remote_db');

SELECT dblink_disconnect();

-- Using Named Connections for convenience
-- Connect with a name
SELECT dblink_connect('production_db', 'host=127.0.0.1 port=@PORT@ dbname=prod_data user=reporter password=securepass sslmode=require');

-- Execute queries using the named connection
SELECT * FROM dblink('production_db', 'SELECT count(*) FROM orders') AS order_count(count int);

-- Disconnect
SELECT dblink_disconnect('production_db');

-- Practical Examples: Data Synchronization
-- [demo] The guide does not show how 'remote_db' was opened; here it is my_remote_database.
SELECT dblink_connect('remote_db', 'host=127.0.0.1 port=@PORT@ dbname=my_remote_database user=my_remote_user password=my_remote_password sslmode=require');
-- Using dblink to insert data from a remote table
INSERT INTO local_staging_table (col1, col2)
SELECT remote_col1, remote_col2
FROM dblink('remote_db', 'SELECT col1, col2 FROM remote_table')
AS rt(remote_col1 INTEGER, remote_col2 TEXT);
-- [demo] What arrived:
SELECT * FROM local_staging_table;

-- Cross-Database reporting
-- [demo] 'orders_db' is opened here on prod_data; customers is a local table of neondb.
SELECT dblink_connect('orders_db', 'host=127.0.0.1 port=@PORT@ dbname=prod_data user=reporter password=securepass sslmode=require');
SELECT l.customer_name, r.order_total
FROM customers l
JOIN dblink('orders_db', 'SELECT customer_id, sum(amount) AS order_total FROM orders GROUP BY customer_id')
AS r(customer_id INTEGER, order_total NUMERIC) ON l.customer_id = r.customer_id;

-- Advanced dblink functions
-- [demo] Close remote_db and orders_db and open my_remote_db again, so that only
--        my_remote_db is open, as in the guide's output below.
SELECT dblink_disconnect('remote_db');
SELECT dblink_disconnect('orders_db');
SELECT dblink_connect('my_remote_db', 'host=127.0.0.1 port=@PORT@ dbname=my_remote_database user=my_remote_user password=my_remote_password sslmode=require');

-- dblink_get_connections()
SELECT * FROM dblink_get_connections();

-- dblink_error_message(TEXT connname): the last error on a named connection
SELECT dblink_error_message('my_remote_db');
-- [demo] With fail_on_error = false a remote error is a NOTICE and an empty result:
SELECT * FROM dblink('my_remote_db', 'SELECT no_such_column FROM todos', false) AS t(x text);
SELECT dblink_error_message('my_remote_db');

-- dblink_send_query(TEXT connname, text sql): 1 if the query was dispatched
SELECT dblink_send_query('my_remote_db', 'SELECT id, task FROM todos WHERE is_complete ORDER BY id');

-- dblink_get_result(TEXT connname): the result of the query sent; an empty result
-- means there is nothing more
SELECT * FROM dblink_get_result('my_remote_db') AS t(id int, task text);
SELECT * FROM dblink_get_result('my_remote_db') AS t(id int, task text);

-- dblink_cancel_query(TEXT connname): 'OK' if the query was canceled
SELECT dblink_send_query('my_remote_db', 'SELECT pg_sleep(60)');
-- [demo] Wait until the remote query is running (a cancel request that arrives before
--        the query starts is ignored by the server).
DO $$
BEGIN
  FOR i IN 1 .. 200 LOOP
    PERFORM pg_stat_clear_snapshot();
    EXIT WHEN EXISTS (SELECT FROM pg_stat_activity
                      WHERE state = 'active' AND query = 'SELECT pg_sleep(60)');
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
SELECT dblink_cancel_query('my_remote_db');
SELECT * FROM dblink_get_result('my_remote_db', false) AS t(slept text);
SELECT * FROM dblink_get_result('my_remote_db', false) AS t(slept text);

SELECT dblink_disconnect('my_remote_db');

