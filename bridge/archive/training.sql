-- The training session of bridge/archive/train.sh: what sessions commonly do with
-- jdblink, so that the classes they load go into the class archive (docs/jvm.md). Run
-- in a fresh database of a test/cluster.sh --ssl cluster, psql variable :port its port.
-- Errors are part of the training; ON_ERROR_STOP is off.
CREATE EXTENSION jdblink;

-- A first call: a transient connection over the Unix socket, trust.
SELECT * FROM dblink('dbname=postgres', 'SELECT 1') AS t(a int);

-- A named connection: rows of common types, commands, a cursor, an asynchronous query,
-- notifications, remote errors raised and kept, cancel.
SELECT dblink_connect('training', 'dbname=postgres');
SELECT count(*) FROM dblink('training',
  'SELECT g, md5(g::text), now(), g * 1.5, g % 2 = 0, NULL::text FROM generate_series(1, 2000) g')
  AS t(a int, b text, c timestamptz, d numeric, e bool, f text);
SELECT dblink_exec('training', 'SET application_name = training');
SELECT dblink_exec('training', 'CREATE TEMP TABLE training_t (a int PRIMARY KEY, b text)');
SELECT dblink_exec('training', 'INSERT INTO training_t VALUES (1, ''one'')');
SELECT dblink_open('training', 'training_cursor', 'SELECT a, b FROM training_t');
SELECT * FROM dblink_fetch('training', 'training_cursor', 10) AS t(a int, b text);
SELECT dblink_close('training', 'training_cursor');
SELECT dblink_send_query('training', 'SELECT pg_sleep(0.05), 1');
SELECT dblink_is_busy('training');
SELECT * FROM dblink_get_result('training') AS t(s text, a int);
SELECT * FROM dblink_get_result('training') AS t(s text, a int);
SELECT dblink_exec('training', 'LISTEN training');
SELECT dblink_exec('training', 'NOTIFY training, ''payload''');
SELECT * FROM dblink_get_notify('training');
SELECT * FROM dblink('training', 'SELECT 1 / 0', false) AS t(a int);
SELECT dblink_error_message('training');
SELECT * FROM dblink('training', 'SELECT no_such_column') AS t(a int);
SELECT dblink_send_query('training', 'SELECT pg_sleep(10)');
SELECT dblink_cancel_query('training');
SELECT * FROM dblink_get_result('training', false) AS t(s text);
SELECT dblink_get_connections();
SELECT dblink_disconnect('training');

-- SQL builders.
CREATE TABLE training_local (a int PRIMARY KEY, b text);
SELECT dblink_build_sql_insert('training_local', '1', 1, '{1}', '{2}');
SELECT dblink_build_sql_update('training_local', '1', 1, '{1}', '{2}');
SELECT dblink_build_sql_delete('training_local', '1', 1, '{2}');

-- Passwords over TCP: cleartext, MD5, SCRAM; TLS.
SELECT dblink_connect('password', format('host=127.0.0.1 port=%s dbname=postgres user=auth_password password=auth_password_pw sslmode=disable', :'port'));
SELECT dblink_connect('md5', format('host=127.0.0.1 port=%s dbname=postgres user=auth_md5 password=auth_md5_pw sslmode=disable', :'port'));
SELECT dblink_connect('scram', format('host=127.0.0.1 port=%s dbname=postgres user=auth_scram password=auth_scram_pw sslmode=disable', :'port'));
SELECT dblink_connect('tls', format('host=127.0.0.1 port=%s dbname=postgres user=auth_scram password=auth_scram_pw sslmode=require', :'port'));
SELECT * FROM dblink('tls', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()') AS t(ssl bool);
SELECT dblink_connect('bad', format('host=127.0.0.1 port=%s dbname=postgres user=auth_scram password=wrong sslmode=disable', :'port'));
SELECT dblink_disconnect(unnest) FROM unnest(dblink_get_connections());

-- A foreign server and a user mapping.
CREATE SERVER training_server FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER training_server;
SELECT * FROM dblink('training_server', 'SELECT 1') AS t(a int);

-- jdblink's own functions (1.1): typed results.
SELECT * FROM jdblink_describe('training_server', 'SELECT 1 AS a, now() AS b');
SELECT jdblink_column_list('training_server', 'SELECT 1 AS a');
SELECT jdblink_create_view('training_view', 'training_server', 'SELECT 1 AS a');
SELECT * FROM jdblink_query('training_server', 'SELECT 1', NULL::int);

-- jdblink's own functions (1.1): one query on many connections at once.
SELECT * FROM jdblink_query_all(ARRAY['training_server', 'dbname=postgres'], 'SELECT 1 FROM pg_sleep(0.1)') AS t(conn text, a int);

-- Remote notices: to the server log (the default), and shown (jdblink.remote_notices = client).
SELECT dblink_exec('dbname=postgres', 'DO $$BEGIN RAISE NOTICE ''training''; END$$');
SET jdblink.remote_notices = client;
SELECT dblink_exec('dbname=postgres', 'DO $$BEGIN RAISE NOTICE ''training''; END$$');
RESET jdblink.remote_notices;
