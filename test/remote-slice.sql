-- The remote side: a representative slice of dblink against a remote server of another
-- PostgreSQL major version (test/remote-versions.sh runs it once per remote version, with
-- C dblink and with jdblink). The remote is a test/cluster.sh server on 127.0.0.1 with
-- ssl=on; role auth_scram must log in with scram-sha-256 there.
-- psql variables: rport (the remote's port), rmajor (its major version).
-- The output does not depend on the remote's version, except where it is printed on
-- purpose (the first query) and the port in libpq's messages.
\set localdb :DBNAME
\set localhost :HOST
\set localport :PORT
\set remote_admin 'host=127.0.0.1 port=' :rport ' dbname=regression_remote user=postgres sslmode=disable'
\set remote 'host=127.0.0.1 port=' :rport ' dbname=regression_remote user=auth_scram password=auth_scram_pw'
\set remote_plain :remote ' sslmode=disable'
\set remote_bound :remote ' sslmode=require channel_binding=require'
\set remote_wrong 'host=127.0.0.1 port=' :rport ' dbname=regression_remote user=auth_scram password=wrong sslmode=require'

\c :remote_admin
CREATE TABLE item (id int PRIMARY KEY, name text, price numeric(8,2), tags text[], added date,
  seen timestamptz, fresh bool, raw bytea, doc jsonb, span interval, big bigint, ratio float8,
  uid uuid);
INSERT INTO item VALUES
  (1, 'apple', 0.50, '{fruit,red}', '2024-02-29', '2024-02-29 12:34:56.789+00', true, '\x00ff',
   '{"a": [1, 2, {"b": null}]}', '1 day 02:03:04', 9007199254740993, 0.1,
   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
  (2, 'brød ünïcode', 2.25, '{}', '1999-12-31', '1999-12-31 23:59:59+05', false, '',
   '[]', '-3 months', -1, -1.5e300, '00000000-0000-0000-0000-000000000000'),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
GRANT SELECT, INSERT, UPDATE ON item TO auth_scram;
-- raises an error with every field dblink forwards; depth > 0 adds CONTEXT lines
CREATE FUNCTION remote_failure(n int, depth int DEFAULT 0) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF depth > 0 THEN
    RETURN remote_failure(n, depth - 1);
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'JD001', MESSAGE = 'remote failure number ' || n,
    DETAIL = 'the remote detail', HINT = 'the remote hint';
END $$;
\c -reuse-previous=off :localdb postgres :localhost :localport
SET client_min_messages = notice;

-- the remote's version, printed on purpose; who is connected, and how
SELECT major, major = :rmajor AS expected FROM dblink(:'remote',
  'SELECT current_setting(''server_version_num'')::int / 10000') AS t(major int);
SELECT * FROM dblink(:'remote', 'SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')
  AS t(login name, ssl bool);
SELECT * FROM dblink(:'remote_plain', 'SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')
  AS t(login name, ssl bool);
SELECT * FROM dblink(:'remote_bound', 'SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')
  AS t(login name, ssl bool);
-- a wrong password: SCRAM fails on the remote
SELECT dblink_connect('wrong', :'remote_wrong');
SELECT dblink_get_connections();

-- typed columns, in text and as the local types
SELECT dblink_connect(:'remote');
SELECT * FROM dblink('SELECT * FROM item ORDER BY id') AS t(id int, name text, price numeric,
  tags text[], added date, seen timestamptz, fresh bool, raw bytea, doc jsonb, span interval,
  big bigint, ratio float8, uid uuid);
SELECT * FROM dblink('SELECT id, price, added, seen, doc FROM item ORDER BY id')
  AS t(id text, price text, added text, seen text, doc text);
SELECT * FROM dblink('SELECT id FROM item WHERE false') AS t(id int);
SELECT dblink_exec('UPDATE item SET price = price * 2 WHERE id < 3');
SELECT * FROM dblink('UPDATE item SET price = price / 2 WHERE id < 3 RETURNING id, price') AS t(id int, price numeric)
  ORDER BY id;
SELECT dblink_disconnect();

-- a cursor on a named connection
SELECT dblink_connect('c', :'remote');
SELECT dblink_open('c', 'cur', 'SELECT id, name, tags FROM item ORDER BY id');
SELECT * FROM dblink_fetch('c', 'cur', 2) AS t(id int, name text, tags text[]);
SELECT * FROM dblink_fetch('c', 'cur', 2) AS t(id int, name text, tags text[]);
SELECT * FROM dblink_fetch('c', 'cur', 2) AS t(id int, name text, tags text[]);
SELECT dblink_close('c', 'cur');
SELECT * FROM dblink_fetch('c', 'cur', 2, false) AS t(id int, name text, tags text[]);
SELECT dblink_error_message('c');
SELECT * FROM dblink_fetch('c', 'cur', 2) AS t(id int, name text, tags text[]);

-- asynchronous queries: one result per call, then an empty set
SELECT dblink_send_query('c', 'SELECT id, ratio FROM item ORDER BY id');
SELECT * FROM dblink_get_result('c') AS t(id int, ratio float8);
SELECT * FROM dblink_get_result('c') AS t(id int, ratio float8);
-- busy while the remote waits for a lock another connection holds
SELECT dblink_connect('holder', :'remote');
SELECT * FROM dblink('holder', 'SELECT pg_advisory_lock(4711)') AS t(locked text);
SELECT dblink_send_query('c', 'SELECT pg_advisory_lock(4711), ''got it''');
SELECT dblink_is_busy('c');
SELECT * FROM dblink('holder', 'SELECT pg_advisory_unlock(4711)') AS t(unlocked bool);
SELECT * FROM dblink_get_result('c') AS t(locked text, said text);
SELECT * FROM dblink_get_result('c') AS t(locked text, said text);
SELECT dblink_is_busy('c');
SELECT dblink_disconnect('holder');
-- an error in an asynchronous result
SELECT dblink_send_query('c', 'SELECT remote_failure(7)');
SELECT * FROM dblink_get_result('c', false) AS t(n int);
SELECT dblink_error_message('c');
SELECT * FROM dblink_get_result('c') AS t(n int);
SELECT dblink_send_query('c', 'SELECT remote_failure(8)');
SELECT * FROM dblink_get_result('c') AS t(n int);
SELECT * FROM dblink_get_result('c') AS t(n int);

-- notifications: LISTEN on the remote, NOTIFY from another connection and from itself
SELECT dblink_connect('l', :'remote');
SELECT dblink_exec('l', 'LISTEN slice');
SELECT dblink_exec('l', 'LISTEN "Mixed Case"');
SELECT * FROM dblink_get_notify('l');
SELECT dblink_exec('c', 'NOTIFY slice, ''from c''');
SELECT dblink_exec('c', 'NOTIFY "Mixed Case", ''ünïcode payload''');
SELECT dblink_exec('l', 'SET work_mem = ''4MB''');
SELECT notify_name, be_pid = (SELECT pid FROM dblink('c', 'SELECT pg_backend_pid()') AS t(pid int)) AS from_c, extra
  FROM dblink_get_notify('l');
SELECT dblink_exec('l', 'NOTIFY slice');
SELECT notify_name, be_pid = (SELECT pid FROM dblink('l', 'SELECT pg_backend_pid()') AS t(pid int)) AS from_l, extra
  FROM dblink_get_notify('l');
SELECT * FROM dblink_get_notify('l');

-- remote errors: SQLSTATE, DETAIL, HINT and the remote CONTEXT are forwarded
SELECT * FROM dblink('c', 'SELECT remote_failure(1)') AS t(n int);
SELECT * FROM dblink('c', 'SELECT remote_failure(2, 1)') AS t(n int);
SELECT * FROM dblink('c', 'SELEC 1') AS t(n int);
SELECT * FROM dblink('c', 'INSERT INTO item (id) VALUES (1)') AS t(status text);
SELECT * FROM dblink(:'remote', 'SELECT 1 / 0') AS t(n int);
SELECT dblink_exec('c', 'DELETE FROM item');
-- and with fail_on_error = false, as a NOTICE
SELECT * FROM dblink('c', 'SELECT remote_failure(3, 1)', false) AS t(n int);
SELECT dblink_error_message('c');
SELECT * FROM dblink(:'remote', 'SELECT remote_failure(4)', false) AS t(n int);
SELECT dblink_exec('c', 'INSERT INTO item (id) VALUES (2)', false);
SELECT dblink_error_message('c');
SELECT * FROM dblink('c', 'SELECT count(*) FROM item') AS t(n bigint);
SELECT dblink_error_message('c');

-- a local non-superuser may connect: the remote asked for the password (SCRAM)
DROP ROLE IF EXISTS remote_slice_user;
CREATE ROLE remote_slice_user;
SET ROLE remote_slice_user;
SELECT dblink_connect('u', :'remote_plain');
SELECT * FROM dblink('u', 'SELECT current_user') AS t(login name);
SELECT dblink_disconnect('u');
RESET ROLE;
DROP ROLE remote_slice_user;

SELECT array(SELECT unnest(dblink_get_connections()) ORDER BY 1);
SELECT dblink_disconnect('l');
SELECT dblink_disconnect('c');
