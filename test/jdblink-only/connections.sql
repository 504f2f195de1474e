-- jdblink_connections() (jdblink only: C dblink has no such function): a row for every
-- open connection of the session. Pids, times, ports and byte counts differ from run to
-- run: they are shown as relations that must hold, or checked against what the server
-- (the same cluster) says of the other end in pg_stat_activity and pg_stat_ssl.
\set tcp 'host=127.0.0.1 port=' :port ' dbname=regression_remote'
-- no connections: no rows (the columns as declared)
SELECT * FROM jdblink_connections();
SELECT dblink_get_connections();
SELECT now() AS before_connecting \gset
-- the unnamed connection and a named one over the Unix socket, a named one over TCP with TLS
SELECT dblink_connect('dbname=regression_remote');
SELECT dblink_connect('unix', 'dbname=regression_remote');
SELECT dblink_connect('tls', :'tcp' || ' sslmode=require user=auth_scram password=auth_scram_pw');
-- (host: the socket directory, or the host as given; port: the cluster's)
SELECT name, server_name, CASE WHEN host = current_setting('unix_socket_directories') THEN '(socket directory)' ELSE host END AS host,
       port = current_setting('port')::int AS same_port, dbname, remote_user, ssl, transaction_status,
       async_query_in_progress, open_cursors, queries_sent, rows_received, closed
  FROM jdblink_connections() ORDER BY name NULLS FIRST;
-- the remote end: its pid, user, database, version and TLS as the server sees them
SELECT c.name, a.pid IS NOT NULL AS remote_backend_found, a.usename = c.remote_user AS same_user,
       a.datname = c.dbname AS same_database, c.server_version = current_setting('server_version') AS same_version,
       (a.client_addr IS NULL) = (c.host LIKE '/%') AS same_transport,
       s.ssl = c.ssl AS same_ssl, s.version IS NOT DISTINCT FROM c.ssl_protocol AS same_protocol,
       s.cipher IS NOT DISTINCT FROM c.ssl_cipher AS same_cipher
  FROM jdblink_connections() c
  LEFT JOIN pg_stat_activity a ON a.pid = c.remote_backend_pid
  LEFT JOIN pg_stat_ssl s ON s.pid = c.remote_backend_pid
 ORDER BY c.name NULLS FIRST;
SELECT name, ssl_protocol LIKE 'TLSv1._' AS tls_protocol, ssl_cipher <> '' AS has_cipher
  FROM jdblink_connections() WHERE ssl;
-- times and bytes: connected after the statements began, unused since, bytes moved by the startup
SELECT name, connected_at BETWEEN :'before_connecting' AND now() AS connected_in_between,
       last_used_at = connected_at AS unused, bytes_sent > 0 AS sent, bytes_received > 0 AS received
  FROM jdblink_connections() ORDER BY name NULLS FIRST;
-- dblink_get_connections() is as it was: named connections only
SELECT dblink_get_connections();
-- counters move with the queries of their own connection only
CREATE TEMP TABLE before AS SELECT * FROM jdblink_connections();
SELECT * FROM dblink('tls', 'SELECT g FROM generate_series(1, 3) g') AS t(g int);
SELECT dblink_exec('SET application_name = jdblink_connections_test');
SELECT c.name, c.queries_sent - b.queries_sent AS queries, c.rows_received - b.rows_received AS rows,
       c.bytes_sent > b.bytes_sent AS sent_more, c.bytes_received > b.bytes_received AS received_more,
       c.last_used_at > b.last_used_at AS used_since, c.connected_at = b.connected_at AS same_connection
  FROM jdblink_connections() c JOIN before b USING (remote_backend_pid) ORDER BY c.name NULLS FIRST;
-- a connection made for one call is not kept, so not listed
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1') AS t(a int);
SELECT count(*) FROM jdblink_connections();
-- cursors: counted while open, in dblink_open's transaction
SELECT dblink_open('unix', 'cur1', 'SELECT g FROM generate_series(1, 10) g');
SELECT dblink_open('unix', 'cur2', 'SELECT 1');
SELECT * FROM dblink_fetch('unix', 'cur1', 4) AS t(g int);
SELECT name, open_cursors, transaction_status, queries_sent, rows_received FROM jdblink_connections() WHERE name = 'unix';
SELECT dblink_close('unix', 'cur1');
SELECT name, open_cursors, transaction_status FROM jdblink_connections() WHERE name = 'unix';
-- the last one closed: dblink_close commits the transaction dblink_open began
SELECT dblink_close('unix', 'cur2');
SELECT name, open_cursors, transaction_status FROM jdblink_connections() WHERE name = 'unix';
-- the user's own transaction: its cursors are counted too (a failed DECLARE is not), a
-- failure shows, and the end of the transaction takes them
SELECT dblink_exec('unix', 'BEGIN');
SELECT dblink_open('unix', 'cur3', 'SELECT 3');
SELECT name, open_cursors, transaction_status FROM jdblink_connections() WHERE name = 'unix';
SELECT dblink_open('unix', 'cur3', 'SELECT 4', false);
SELECT name, open_cursors, transaction_status FROM jdblink_connections() WHERE name = 'unix';
SELECT dblink_exec('unix', 'ROLLBACK');
SELECT name, open_cursors, transaction_status FROM jdblink_connections() WHERE name = 'unix';
-- an asynchronous query in flight: active until its results are read
SELECT dblink_send_query('tls', 'SELECT pg_sleep(0.2), 42');
SELECT name, transaction_status, async_query_in_progress FROM jdblink_connections() WHERE name = 'tls';
SELECT * FROM dblink_get_result('tls') AS t(s text, a int);
SELECT name, transaction_status, async_query_in_progress FROM jdblink_connections() WHERE name = 'tls';
SELECT * FROM dblink_get_result('tls') AS t(s text, a int);
SELECT name, transaction_status, async_query_in_progress FROM jdblink_connections() WHERE name = 'tls';
-- a remote backend terminated (through another connection, the unnamed one, a superuser's):
-- closed, found without an error and without reading what the server said last
SELECT remote_backend_pid AS unix_pid FROM jdblink_connections() WHERE name = 'unix' \gset
SELECT * FROM dblink(format('SELECT pg_terminate_backend(%s, 10000)', :unix_pid)) AS t(terminated bool);
-- (the backend closes its socket as it exits, a moment after pg_terminate_backend returns)
DO $$
BEGIN
  FOR i IN 1..200 LOOP
    EXIT WHEN (SELECT closed FROM jdblink_connections() WHERE name = 'unix');
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
SELECT name, transaction_status, closed FROM jdblink_connections() ORDER BY name NULLS FIRST;
SELECT remote_backend_pid = :unix_pid AS same_pid FROM jdblink_connections() WHERE name = 'unix';
-- using it finds the loss (the server's last words, whose wording is libpq's of each
-- release, are in the connection's error message); it stays listed until disconnected
SET client_min_messages = warning;
SELECT dblink_exec('unix', 'SET application_name = too_late', false);
RESET client_min_messages;
SELECT dblink_error_message('unix') LIKE '%terminating connection due to administrator command%' AS terminated;
SELECT name, transaction_status, async_query_in_progress, closed FROM jdblink_connections() WHERE name = 'unix';
SELECT dblink_disconnect('unix');
-- a connection from a foreign server names it
CREATE SERVER regress_conns_server FOREIGN DATA WRAPPER dblink_fdw
  OPTIONS (host '127.0.0.1', port :'port', dbname 'regression_remote', sslmode 'disable');
CREATE USER MAPPING FOR CURRENT_USER SERVER regress_conns_server
  OPTIONS (user 'auth_scram', password 'auth_scram_pw');
SELECT dblink_connect('fdw', 'regress_conns_server');
SELECT name, server_name, host LIKE '/%' AS unix_socket, dbname, remote_user, ssl,
       ssl_protocol IS NOT NULL AS has_protocol, ssl_cipher IS NOT NULL AS has_cipher
  FROM jdblink_connections() ORDER BY name NULLS FIRST;
-- the unnamed connection replaced: one row, the new connection's
SELECT remote_backend_pid AS unnamed_pid FROM jdblink_connections() WHERE name IS NULL \gset
SELECT dblink_connect('regress_conns_server');
SELECT name, server_name, remote_user, remote_backend_pid <> :unnamed_pid AS new_connection
  FROM jdblink_connections() WHERE name IS NULL;
SELECT dblink_disconnect();
SELECT dblink_disconnect('tls');
SELECT dblink_disconnect('fdw');
SELECT count(*) FROM jdblink_connections();
-- a non-superuser, in a session of its own: its own connections, under dblink's password rules
CREATE ROLE regress_conns_user LOGIN;
GRANT USAGE ON FOREIGN SERVER regress_conns_server TO regress_conns_user;
CREATE USER MAPPING FOR regress_conns_user SERVER regress_conns_server
  OPTIONS (user 'auth_scram', password 'auth_scram_pw');
SELECT dblink_connect('superuser_only', 'dbname=regression_remote');
\c - regress_conns_user
SELECT count(*) FROM jdblink_connections();
SELECT dblink_connect('mine', 'regress_conns_server');
-- (refused without a password: the message differs between releases, the SQLSTATE does not)
DO $$
BEGIN
  PERFORM dblink_connect('refused', 'dbname=regression_remote');
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'refused: %', SQLSTATE;
END
$$;
SELECT name, server_name, remote_user, ssl, closed FROM jdblink_connections();
SELECT dblink_get_connections();
\c - postgres
DROP USER MAPPING FOR regress_conns_user SERVER regress_conns_server;
REVOKE USAGE ON FOREIGN SERVER regress_conns_server FROM regress_conns_user;
DROP ROLE regress_conns_user;
