-- dblink_get_notify() and dblink_get_notify(text): notifications from other connections
-- and from the listening one, payloads, mixed-case channel names; no unnamed connection.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE pids (who text, pid int);
\c :localdb

-- no unnamed connection: an empty set; no such named connection: an error
SELECT * FROM dblink_get_notify();
SELECT * FROM dblink_get_notify('nope');
SELECT * FROM dblink_get_notify(NULL);

SELECT dblink_connect('dbname=regression_remote');
SELECT dblink_connect('l', 'dbname=regression_remote');
SELECT * FROM dblink_get_notify();
SELECT * FROM dblink_get_notify('l');
SELECT dblink_exec('LISTEN plain');
SELECT dblink_exec('LISTEN "MixedCase"');
SELECT dblink_exec('l', 'LISTEN plain');
SELECT dblink_exec('l', 'LISTEN "with space"');
SELECT dblink_exec('l', 'INSERT INTO pids VALUES (''l'', pg_backend_pid())');
SELECT dblink_exec('INSERT INTO pids VALUES (''unnamed'', pg_backend_pid())');
SELECT dblink_connect('n', 'dbname=regression_remote');
SELECT dblink_exec('n', 'INSERT INTO pids VALUES (''n'', pg_backend_pid())');
CREATE VIEW pid_names AS SELECT * FROM dblink('dbname=regression_remote', 'SELECT who, pid FROM pids') AS t(who text, pid int);

-- from another connection: delivered before the listener's next ReadyForQuery
SELECT dblink_exec('n', 'NOTIFY plain');
SELECT dblink_exec('n', 'NOTIFY "MixedCase", ''payload with ''''quotes'''' and ünïcode''');
SELECT dblink_exec('n', 'NOTIFY mixedcase, ''lower case: nobody listens''');
SELECT dblink_exec('n', 'NOTIFY "with space", ''''');
SELECT dblink_exec('SET work_mem = ''4MB''');
SELECT dblink_exec('l', 'SET work_mem = ''4MB''');
SELECT notify_name, p.who, extra FROM dblink_get_notify() LEFT JOIN pid_names p ON p.pid = be_pid;
SELECT * FROM dblink_get_notify();
SELECT notify_name, p.who, extra FROM dblink_get_notify('l') LEFT JOIN pid_names p ON p.pid = be_pid;
SELECT * FROM dblink_get_notify('l');
-- several in one transaction, in order; duplicates folded by the server
SELECT dblink_exec('n', 'BEGIN; NOTIFY plain, ''1''; NOTIFY plain, ''2''; NOTIFY plain, ''1''; NOTIFY plain, ''3''; COMMIT');
SELECT dblink_exec('l', 'SET work_mem = ''4MB''');
SELECT notify_name, p.who, extra FROM dblink_get_notify('l') LEFT JOIN pid_names p ON p.pid = be_pid;
-- from the listening connection itself
SELECT dblink_exec('l', 'NOTIFY plain, ''to myself''');
SELECT notify_name, p.who, extra FROM dblink_get_notify('l') LEFT JOIN pid_names p ON p.pid = be_pid;
-- a long payload
SELECT dblink_exec('n', 'NOTIFY plain, ''' || repeat('x', 7000) || '''');
SELECT dblink_exec('l', 'SET work_mem = ''4MB''');
SELECT notify_name, p.who, length(extra) FROM dblink_get_notify('l') LEFT JOIN pid_names p ON p.pid = be_pid;
-- received during dblink() and an async query
SELECT dblink_exec('n', 'NOTIFY plain, ''during''');
SELECT * FROM dblink('l', 'SELECT 1') AS t(n int);
SELECT dblink_send_query('l', 'SELECT 2');
SELECT * FROM dblink_get_result('l') AS t(n int);
SELECT * FROM dblink_get_result('l') AS t(n int);
SELECT notify_name, p.who, extra FROM dblink_get_notify('l') LEFT JOIN pid_names p ON p.pid = be_pid;
-- after UNLISTEN nothing more
SELECT dblink_exec('l', 'UNLISTEN *');
SELECT dblink_exec('n', 'NOTIFY plain, ''unheard''');
SELECT dblink_exec('l', 'SET work_mem = ''4MB''');
SELECT * FROM dblink_get_notify('l');
-- the unnamed connection still listens
SELECT dblink_exec('SET work_mem = ''4MB''');
SELECT notify_name, p.who, extra FROM dblink_get_notify() LEFT JOIN pid_names p ON p.pid = be_pid;
-- contexts that cannot take a set
SELECT dblink_get_notify();
SELECT dblink_disconnect('n');
SELECT dblink_disconnect('l');
SELECT dblink_disconnect();
SELECT * FROM dblink_get_notify();
