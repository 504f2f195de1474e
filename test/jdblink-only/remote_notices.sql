-- jdblink.remote_notices (jdblink only: C dblink 15-18 writes remote notices to the server log only).
-- CONTEXT lines of notices are shown, since they name the connection.
\set SHOW_CONTEXT always
\set tcp 'host=127.0.0.1 port=' :port ' dbname=regression_remote'
SELECT dblink_connect('r', 'dbname=regression_remote');
SELECT name, setting, context, vartype, enumvals FROM pg_settings WHERE name = 'jdblink.remote_notices';
-- remote functions that raise notices
SELECT dblink_exec('r', $q$CREATE FUNCTION say(n int) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
  RAISE INFO 'info %', n USING DETAIL = 'info detail', HINT = 'info hint';
  RAISE NOTICE 'notice %', n USING DETAIL = 'notice detail', HINT = 'notice hint';
  RAISE WARNING 'warning %', n USING DETAIL = 'warning detail', HINT = 'warning hint', ERRCODE = '01007';
  RETURN n;
END$f$$q$);
SELECT dblink_exec('r', $q$CREATE FUNCTION fail(n int) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
  RAISE NOTICE 'about to fail %', n;
  RETURN n / 0;
END$f$$q$);
SELECT dblink_exec('r', $q$CREATE FUNCTION chatter(n int) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
  RAISE LOG 'log %', n;
  RAISE DEBUG 'debug %', n;
  RETURN n;
END$f$$q$);
-- log, the default: nothing reaches the client (the server log has them, as with C dblink)
SELECT * FROM dblink('r', 'SELECT say(1)') AS t(n int);
-- client: dblink()
SET jdblink.remote_notices = client;
SELECT * FROM dblink('r', 'SELECT say(2)') AS t(n int);
-- dblink_exec
SELECT dblink_exec('r', 'SELECT say(3) INTO TEMP said');
-- cursors: the notices come with the rows that make them
SELECT dblink_open('r', 'c', 'SELECT say(g) FROM generate_series(4, 5) g');
SELECT * FROM dblink_fetch('r', 'c', 1) AS t(n int);
SELECT * FROM dblink_fetch('r', 'c', 5) AS t(n int);
SELECT dblink_close('r', 'c');
-- asynchronous queries: with the result
SELECT dblink_send_query('r', 'SELECT say(6)');
SELECT * FROM dblink_get_result('r') AS t(n int);
SELECT * FROM dblink_get_result('r') AS t(n int);
-- a connection made for one call, and the unnamed one
SELECT * FROM dblink('dbname=regression_remote', 'SELECT say(7)') AS t(n int);
SELECT dblink_connect('dbname=regression_remote');
SELECT * FROM dblink('SELECT say(8)') AS t(n int);
SELECT dblink_disconnect();
-- inside a local function: the local CONTEXT follows
DO $$BEGIN PERFORM * FROM dblink('r', 'SELECT say(9)') AS t(n int); END$$;
-- client_min_messages filters them as local ones: no NOTICE (an INFO is always sent, as a local one)
SET client_min_messages = warning;
SELECT * FROM dblink('r', 'SELECT say(10)') AS t(n int);
RESET client_min_messages;
-- the remote's LOG and DEBUG messages (when it sends them) are raised at LOG and DEBUG1
SELECT dblink_exec('r', 'SET client_min_messages = debug1');
SELECT * FROM dblink('r', 'SELECT chatter(11)') AS t(n int);
SET client_min_messages = debug1;
SELECT * FROM dblink('r', 'SELECT chatter(12)') AS t(n int);
RESET client_min_messages;
SELECT dblink_exec('r', 'RESET client_min_messages');
-- a notice, then the remote error: in that order
SELECT * FROM dblink('r', 'SELECT fail(13)') AS t(n int);
SELECT * FROM dblink('r', 'SELECT fail(14)', false) AS t(n int);
SELECT dblink_exec('r', 'SELECT fail(15)', false);
-- a local error while rows still stream: the notices of the rest go to the server log, not to a later call
SELECT * FROM dblink('r', 'SELECT ''x'' UNION ALL SELECT repeat(''y'', 1000) FROM generate_series(1, 100) UNION ALL SELECT say(16)::text') AS t(n int);
SELECT * FROM dblink('r', 'SELECT 17') AS t(n int);
-- at most 1 MB of notice text per call is held for the client; the rest goes to the server log
SELECT dblink_exec('r', $q$CREATE FUNCTION flood(n int) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
  FOR i IN 1 .. n LOOP
    RAISE NOTICE '%', repeat('z', 1000);
  END LOOP;
  RETURN n;
END$f$$q$);
SET client_min_messages = warning;
SELECT * FROM dblink('r', 'SELECT flood(1100)') AS t(n int);
RESET client_min_messages;
-- back to log
SET jdblink.remote_notices = log;
SELECT * FROM dblink('r', 'SELECT say(18)') AS t(n int);
SELECT * FROM dblink('r', 'SELECT fail(19)') AS t(n int);
-- an invalid value
SET jdblink.remote_notices = everywhere;
-- anyone may choose to see the notices of their own remote queries
CREATE ROLE regress_notices_user;
SET ROLE regress_notices_user;
SET jdblink.remote_notices = client;
SELECT * FROM dblink(:'tcp' || ' user=auth_scram password=auth_scram_pw', 'SELECT say(20)') AS t(n int);
-- dblink's password rules still hold
\set VERBOSITY sqlstate
SELECT * FROM dblink('dbname=regression_remote', 'SELECT say(21)') AS t(n int);
\set VERBOSITY verbose
RESET jdblink.remote_notices;
SELECT * FROM dblink(:'tcp' || ' user=auth_scram password=auth_scram_pw', 'SELECT say(22)') AS t(n int);
RESET ROLE;
DROP ROLE regress_notices_user;
SELECT dblink_disconnect('r');
