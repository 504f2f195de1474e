-- Opening, naming, listing and closing connections: dblink_connect (both forms),
-- dblink_connect_u (both forms), dblink_disconnect (both forms), dblink_get_connections,
-- dblink_error_message; malformed connection strings, unknown databases, NULLs, names.
\set localdb :DBNAME
\set tcp_remote 'host=127.0.0.1 port=' :port ' dbname=regression_remote'
\c regression_remote
CREATE TABLE greeting (id int PRIMARY KEY, word text);
INSERT INTO greeting VALUES (1, 'hello'), (2, 'world');
\c :localdb
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_dblink_user;
RESET client_min_messages;
CREATE ROLE regress_dblink_user;

-- nothing is open yet
SELECT dblink_get_connections();
SELECT dblink_disconnect();
SELECT dblink_disconnect('conn_a');
SELECT dblink_error_message('conn_a');

-- the unnamed connection
SELECT dblink_connect('dbname=regression_remote');
SELECT dblink_get_connections();
SELECT * FROM dblink('SELECT current_database(), word FROM greeting ORDER BY id') AS t(db name, word text);
SELECT dblink_error_message('');
-- a second unnamed connection replaces the first
SELECT dblink_connect('dbname=regression_remote options=-csearch_path=');
SELECT * FROM dblink('SHOW search_path') AS t(search_path text);
SELECT * FROM dblink('SELECT word FROM greeting') AS t(word text);
SELECT dblink_disconnect();
SELECT dblink_disconnect();
SELECT * FROM dblink('SELECT 1') AS t(i int);

-- named connections
SELECT dblink_connect('conn_a', 'dbname=regression_remote');
SELECT dblink_get_connections();
SELECT dblink_connect('conn_b', 'dbname=regression_remote application_name=''jdblink test''');
SELECT * FROM dblink('conn_b', 'SHOW application_name') AS t(application_name text);
SELECT array(SELECT unnest(dblink_get_connections()) ORDER BY 1) AS connections;
SELECT dblink_error_message('conn_a');
-- duplicate and undefined names
SELECT dblink_connect('conn_a', 'dbname=regression_remote');
SELECT dblink_connect('conn_a', 'dbname=no_such_database');
SELECT * FROM dblink('conn_zz', 'SELECT 1') AS t(i int);
SELECT dblink_disconnect('conn_zz');
SELECT dblink_error_message('conn_zz');
-- a named and the unnamed connection side by side
SELECT dblink_connect('dbname=regression_remote');
SELECT * FROM dblink('conn_a', 'SELECT word FROM greeting WHERE id = 1') AS a(word text),
              dblink('SELECT word FROM greeting WHERE id = 2') AS u(word text);
SELECT dblink_disconnect('conn_a');
SELECT dblink_disconnect('conn_a');
SELECT dblink_get_connections();
SELECT dblink_disconnect('conn_b');
SELECT dblink_get_connections();
SELECT dblink_disconnect();

-- connection strings: spacing, quoting, escapes, URIs, TCP
SELECT dblink_connect('c1', '  dbname = ''regression_remote''   application_name=''it\''s'' ');
SELECT * FROM dblink('c1', 'SHOW application_name') AS t(a text);
SELECT dblink_connect('c2', 'postgresql:///regression_remote?application_name=uri%20app');
SELECT * FROM dblink('c2', 'SELECT current_database()::text || '' '' || current_setting(''application_name'')') AS t(a text);
SELECT dblink_connect('c3', :'tcp_remote');
SELECT * FROM dblink('c3', 'SELECT inet_server_addr() IS NOT NULL') AS t(tcp bool);
SELECT dblink_connect('c4', 'dbname=regression_remote options=''-c search_path=pg_catalog -c work_mem=1234kB''');
SELECT * FROM dblink('c4', 'SELECT current_setting(''search_path'') || '' '' || current_setting(''work_mem'')') AS t(a text);
SELECT dblink_disconnect('c1'), dblink_disconnect('c2'), dblink_disconnect('c3'), dblink_disconnect('c4');

-- SSL (test/check.sh's cluster runs with ssl = on)
SELECT dblink_connect('s', :'tcp_remote' || ' user=auth_sslonly sslmode=require');
SELECT * FROM dblink('s', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()') AS t(ssl bool);
SELECT dblink_disconnect('s');
SELECT * FROM dblink(:'tcp_remote' || ' sslmode=disable', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()') AS t(ssl bool);
SELECT dblink_connect('s', :'tcp_remote' || ' sslmode=verify-ca sslrootcert=/nonexistent/root.crt');
SELECT dblink_connect('s', 'dbname=regression_remote sslmode=require');
SELECT dblink_disconnect('s');
-- channel binding: SCRAM-SHA-256-PLUS over TLS; libpq refuses everything else under require
SELECT * FROM dblink(:'tcp_remote' || ' user=auth_scram password=auth_scram_pw sslmode=require channel_binding=require',
  'SELECT current_user::text || '' '' || ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()') AS t(a text);
SELECT dblink_connect('cb', :'tcp_remote' || ' user=auth_scram password=auth_scram_pw sslmode=disable channel_binding=require');
SELECT dblink_connect('cb', :'tcp_remote' || ' user=auth_md5 password=auth_md5_pw sslmode=require channel_binding=require');
SELECT dblink_connect('cb', :'tcp_remote' || ' user=auth_password password=auth_password_pw channel_binding=require');
SELECT dblink_connect('cb', :'tcp_remote' || ' user=auth_trust channel_binding=require');
SELECT dblink_connect('cb', 'dbname=regression_remote channel_binding=sometimes');
-- TLS protocol range
SELECT * FROM dblink(:'tcp_remote' || ' sslmode=require ssl_max_protocol_version=TLSv1.2',
  'SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()') AS t(v text);
SELECT dblink_connect('v', 'dbname=regression_remote ssl_min_protocol_version=TLSv1.3 ssl_max_protocol_version=TLSv1.2');
SELECT dblink_connect('v', 'dbname=regression_remote ssl_max_protocol_version=TLSv2');
-- requirepeer: the Unix socket's server runs as OS user postgres; TCP ignores it
SELECT * FROM dblink('dbname=regression_remote requirepeer=postgres', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' requirepeer=nobody', 'SELECT 1') AS t(a int);
SELECT dblink_connect('p', 'dbname=regression_remote requirepeer=nobody');
-- a Unix socket path longer than sockaddr_un holds fails that host only, before any socket
SELECT dblink_connect('u', 'host=/tmp/' || repeat('x', 100) || ' dbname=regression_remote');
SELECT * FROM dblink('host=/tmp/' || repeat('x', 100) || ',127.0.0.1 port=' || :'port' || ' dbname=regression_remote',
  'SELECT 1') AS t(a int);
-- options of later libpq releases (libpq 15 has none of them: invalid connection option)
SELECT * FROM dblink('dbname=regression_remote sslcertmode=sometimes', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote sslcertmode=require', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' sslmode=require sslcertmode=require', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' sslmode=require sslcertmode=disable',
  'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()') AS t(ssl bool);
SELECT * FROM dblink(:'tcp_remote' || ' host=127.0.0.1,127.0.0.1 load_balance_hosts=random', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote load_balance_hosts=sometimes', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote gssdelegation=1', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote gssencmode=require', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote sslnegotiation=direct', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote sslnegotiation=sometimes', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' sslmode=require sslnegotiation=direct',
  'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()') AS t(ssl bool);
SELECT * FROM dblink('dbname=regression_remote sslmode=require sslnegotiation=direct', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote min_protocol_version=3.2', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' sslmode=require max_protocol_version=latest', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote max_protocol_version=3.1', 'SELECT 1') AS t(a int);
SELECT * FROM dblink('dbname=regression_remote min_protocol_version=latest max_protocol_version=3.0', 'SELECT 1') AS t(a int);
-- sslrootcert=system (libpq 16): the system's trusted roots, with sslmode verify-full only
SELECT * FROM dblink(:'tcp_remote' || ' sslrootcert=system', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' sslrootcert=system sslmode=require', 'SELECT 1') AS t(a int);
-- a raw space in a URI (refused by libpq 18), an invalid connect_timeout (ignored by dblink 16 on)
SELECT * FROM dblink('postgresql:///regression_remote?application_name=a b', 'SHOW application_name') AS t(a text);
SELECT * FROM dblink('dbname=regression_remote connect_timeout=abc', 'SELECT 1') AS t(a int);

-- malformed connection strings and unreachable databases
SELECT dblink_connect('dbname');
SELECT dblink_connect('bad', 'dbname=regression_remote port');
SELECT dblink_connect('dbname=''regression_remote');
SELECT dblink_connect('bad', 'dbname=regression_remote bogus_option=1');
SELECT dblink_connect('dbname=regression_remote sslmode=sometimes');
SELECT dblink_connect('postgresql://[::1');
SELECT dblink_connect('postgresql://%zz/x');
SELECT dblink_connect('postgresql:///regression_remote?bogus=1');
SELECT dblink_connect('postgresql://localhost:notaport/regression_remote');
SELECT dblink_connect('dbname=no_such_database');
SELECT dblink_connect('bad', 'host=127.0.0.1 port=1 dbname=regression_remote');
SELECT dblink_connect('bad', :'tcp_remote' || ' user=no_such_role');
SELECT dblink_connect('bad', :'tcp_remote' || ' user=auth_scram password=wrong');
SELECT dblink_connect('bad', :'tcp_remote' || ' user=auth_sslonly sslmode=disable');
SELECT dblink_connect('');
SELECT dblink_get_connections();
SELECT dblink_error_message('bad');

-- NULL arguments (the functions are strict)
SELECT dblink_connect(NULL);
SELECT dblink_connect(NULL, 'dbname=regression_remote');
SELECT dblink_connect('n', NULL);
SELECT dblink_connect_u(NULL);
SELECT dblink_connect_u('n', NULL);
SELECT dblink_disconnect(NULL);
SELECT dblink_error_message(NULL);
SELECT dblink_get_connections();

-- long names are cut to 63 bytes (NAMEDATALEN - 1)
SELECT dblink_connect(repeat('n', 70), 'dbname=regression_remote');
SELECT dblink_get_connections();
SELECT * FROM dblink(repeat('n', 63), 'SELECT 1') AS t(i int);
SELECT * FROM dblink(repeat('n', 80), 'SELECT 2') AS t(i int);
SELECT dblink_connect(repeat('n', 64), 'dbname=regression_remote');
SELECT dblink_disconnect(repeat('n', 65));
SELECT dblink_connect(repeat('é', 40), 'dbname=regression_remote');
SELECT octet_length(c), c FROM unnest(dblink_get_connections()) AS c;
SELECT dblink_disconnect(repeat('é', 31) || 'x');
SELECT dblink_disconnect(repeat('é', 31));
SELECT dblink_connect('with space = and equals', 'dbname=regression_remote');
SELECT * FROM dblink('with space = and equals', 'SELECT 3') AS t(i int);
SELECT dblink_disconnect('with space = and equals');

-- dblink_connect_u: as a superuser it is dblink_connect
SELECT dblink_connect_u('dbname=regression_remote');
SELECT * FROM dblink('SELECT word FROM greeting WHERE id = 1') AS t(word text);
SELECT dblink_connect_u('cu', 'dbname=regression_remote');
SELECT dblink_connect_u('cu', 'dbname=regression_remote');
SELECT dblink_connect_u('cu2', 'dbname');
SELECT * FROM dblink('cu', 'SELECT word FROM greeting WHERE id = 2') AS t(word text);
SELECT dblink_disconnect('cu'), dblink_disconnect();

-- non-superusers must use a password the server asks for
SET ROLE regress_dblink_user;
SELECT dblink_connect('dbname=regression_remote');
SELECT dblink_connect('ns', 'dbname=regression_remote password=secret');
SELECT dblink_connect('ns', :'tcp_remote' || ' user=auth_trust password=secret');
SELECT dblink_connect('ns', :'tcp_remote' || ' user=auth_scram password=auth_scram_pw');
SELECT * FROM dblink('ns', 'SELECT current_user') AS t(u name);
SELECT dblink_connect('ns2', :'tcp_remote' || ' user=auth_md5 password=auth_md5_pw');
SELECT dblink_connect('ns3', :'tcp_remote' || ' user=auth_password password=auth_password_pw');
SELECT dblink_connect_u('dbname=regression_remote');
SELECT dblink_connect_u('nu', 'dbname=regression_remote');
SELECT array(SELECT unnest(dblink_get_connections()) ORDER BY 1) AS connections;
RESET ROLE;
-- connections outlive the role change
SELECT * FROM dblink('ns2', 'SELECT current_user') AS t(u name);
GRANT EXECUTE ON FUNCTION dblink_connect_u(text, text) TO regress_dblink_user;
SET ROLE regress_dblink_user;
SELECT dblink_connect_u('nu', 'dbname=regression_remote');
SELECT * FROM dblink('nu', 'SELECT current_user') AS t(u name);
RESET ROLE;
SELECT dblink_disconnect('ns'), dblink_disconnect('ns2'), dblink_disconnect('ns3'), dblink_disconnect('nu');
SELECT dblink_get_connections();

-- the same rules after SET SESSION AUTHORIZATION, for dblink() and dblink_exec() with
-- connection strings; nothing of the server's own environment stands in for a password
SET SESSION AUTHORIZATION regress_dblink_user;
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' user=auth_trust password=x', 'SELECT 1') AS t(a int);
SELECT * FROM dblink(:'tcp_remote' || ' user=auth_scram password=auth_scram_pw', 'SELECT current_user') AS t(u name);
SELECT * FROM dblink(:'tcp_remote' || ' user=auth_scram password=wrong', 'SELECT 1') AS t(a int);
SELECT dblink_exec('dbname=regression_remote', 'SET search_path = public');
SELECT dblink_exec(:'tcp_remote' || ' user=auth_trust password=x', 'SET search_path = public');
SELECT dblink_exec(:'tcp_remote' || ' user=auth_md5 password=auth_md5_pw', 'SET search_path = public');
SELECT dblink_connect(:'tcp_remote' || ' user=auth_scram');
SELECT dblink_connect('service=no_such_service');
SELECT dblink_connect('host=127.0.0.1 password=');
SELECT dblink_get_connections();
RESET SESSION AUTHORIZATION;

-- clean up what lives outside this database (roles are cluster-wide)
REVOKE EXECUTE ON FUNCTION dblink_connect_u(text, text) FROM regress_dblink_user;
DROP ROLE regress_dblink_user;
