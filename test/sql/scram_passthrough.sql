-- SCRAM pass-through (use_scram_passthrough, PostgreSQL 18): a session that logged in
-- with SCRAM connects to a foreign server with the keys of that login instead of a
-- password. On 15 to 17 there is no such option (the validator refuses it) and no session
-- has keys, so the same steps show the non-superuser credential checks refusing instead.
\set localdb :DBNAME
\set sockhost :HOST
\set superuser :USER
\c regression_remote
CREATE TABLE greeting (id int PRIMARY KEY, word text);
INSERT INTO greeting VALUES (1, 'hello');
GRANT SELECT ON greeting TO auth_scram, auth_password, auth_trust;
\c :localdb

-- foreign servers on the SCRAM role, each granted to it with a user mapping; the option
-- is added on its own, so that the servers exist where it is refused
CREATE FUNCTION make_server(name text, login text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER dblink_fdw OPTIONS (host %L, port %L, dbname %L)',
                 name, '127.0.0.1', current_setting('port'), 'regression_remote');
  EXECUTE format('CREATE USER MAPPING FOR auth_scram SERVER %I OPTIONS (user %L)', name, login);
  EXECUTE format('GRANT USAGE ON FOREIGN SERVER %I TO auth_scram', name);
END $$;
SELECT make_server('sp', 'auth_scram');
ALTER SERVER sp OPTIONS (ADD use_scram_passthrough 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER sp OPTIONS (user 'auth_scram');
-- a wrong password in the mapping: the keys win
SELECT make_server('sp_wrong_password', 'auth_scram');
ALTER SERVER sp_wrong_password OPTIONS (ADD use_scram_passthrough 'on');
ALTER USER MAPPING FOR auth_scram SERVER sp_wrong_password OPTIONS (ADD password 'wrong');
-- the value must be a Boolean, which is checked when it is used
SELECT make_server('sp_bogus', 'auth_scram');
ALTER SERVER sp_bogus OPTIONS (ADD use_scram_passthrough 'bogus');
SELECT make_server('sp_upper', 'auth_scram');
ALTER SERVER sp_upper OPTIONS (ADD use_scram_passthrough 'TRUE');
-- the server's option decides over the user mapping's; without it, the mapping's counts
SELECT make_server('sp_server_off', 'auth_scram');
ALTER SERVER sp_server_off OPTIONS (ADD use_scram_passthrough 'false');
ALTER USER MAPPING FOR auth_scram SERVER sp_server_off OPTIONS (ADD use_scram_passthrough 'true');
SELECT make_server('sp_mapping', 'auth_scram');
ALTER USER MAPPING FOR auth_scram SERVER sp_mapping OPTIONS (ADD use_scram_passthrough 'true');
-- the wrapper's option is accepted but never consulted
ALTER FOREIGN DATA WRAPPER dblink_fdw OPTIONS (ADD use_scram_passthrough 'true');
SELECT make_server('sp_wrapper', 'auth_scram');
-- a later require_auth overrides dblink's: no pass-through then
SELECT make_server('sp_md5', 'auth_scram');
ALTER SERVER sp_md5 OPTIONS (ADD use_scram_passthrough 'true');
ALTER SERVER sp_md5 OPTIONS (ADD require_auth 'md5');
-- roles the remote authenticates otherwise: require_auth=scram-sha-256 refuses them
SELECT make_server('sp_trust', 'auth_trust');
ALTER SERVER sp_trust OPTIONS (ADD use_scram_passthrough 'true');
SELECT make_server('sp_cleartext', 'auth_password');
ALTER SERVER sp_cleartext OPTIONS (ADD use_scram_passthrough 'true');
-- the validator takes the option in every context, with any value
CREATE USER MAPPING FOR PUBLIC SERVER sp_trust OPTIONS (use_scram_passthrough 'maybe');

-- a session that logged in with SCRAM over TCP
\set scram_login 'host=127.0.0.1 port=' :port ' dbname=' :localdb ' user=auth_scram password=auth_scram_pw'
\c :scram_login
SELECT dblink_connect('c', 'sp');
SELECT * FROM dblink('c', 'SELECT current_user, word FROM greeting') AS t(u name, w text);
SELECT dblink_disconnect('c');
SELECT * FROM dblink('sp', 'SELECT current_user') AS t(u name);
SELECT dblink_exec('sp', 'SET application_name = passthrough');
SELECT dblink_connect('sp_wrong_password');
SELECT * FROM dblink('SELECT current_user') AS t(u name);
SELECT dblink_disconnect();
SELECT dblink_connect('sp_bogus');
SELECT * FROM dblink('sp_bogus', 'SELECT 1') AS t(x int);
SELECT dblink_connect('c', 'sp_upper');
SELECT dblink_disconnect('c');
SELECT dblink_connect('sp_server_off');
SELECT dblink_connect('c', 'sp_mapping');
SELECT dblink_disconnect('c');
SELECT dblink_connect('sp_wrapper');
SELECT dblink_connect('sp_md5');
SELECT dblink_connect('sp_trust');
SELECT dblink_connect('sp_cleartext');
-- keys in a connection string of one's own count only if they are the session's
SELECT dblink_connect('host=127.0.0.1 port=' || current_setting('port') || ' dbname=regression_remote user=auth_scram'
                      || ' scram_client_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
                      || ' scram_server_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= require_auth=scram-sha-256');
SELECT dblink_connect('host=127.0.0.1 port=' || current_setting('port') || ' dbname=regression_remote user=auth_scram'
                      || ' scram_client_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= require_auth=scram-sha-256');
SELECT dblink_get_connections();

-- the same role over the Unix socket (trust): no keys, so no pass-through
\set socket_login 'host=' :sockhost ' port=' :port ' dbname=' :localdb ' user=auth_scram'
\c :socket_login
SELECT dblink_connect('sp');
SELECT dblink_connect('sp_bogus');
SELECT dblink_connect('sp_mapping');
SELECT * FROM dblink('sp', 'SELECT current_user') AS t(u name);

-- a superuser without keys or password: SCRAM needs one
\set superuser_login 'host=' :sockhost ' port=' :port ' dbname=' :localdb ' user=' :superuser
\c :superuser_login
SELECT dblink_connect('sp');

ALTER FOREIGN DATA WRAPPER dblink_fdw OPTIONS (DROP use_scram_passthrough);
SET client_min_messages = warning;
DROP SERVER sp, sp_wrong_password, sp_bogus, sp_upper, sp_server_off, sp_mapping, sp_wrapper, sp_md5, sp_trust,
  sp_cleartext CASCADE;
RESET client_min_messages;
DROP FUNCTION make_server;
