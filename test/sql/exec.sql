-- dblink_exec(text), dblink_exec(text,bool), dblink_exec(text,text),
-- dblink_exec(text,text,bool): command status, statements returning rows, remote errors,
-- fail_on_error = false returning 'ERROR', and transactions on both sides.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE account (id int PRIMARY KEY, owner text NOT NULL, balance numeric CHECK (balance >= 0));
INSERT INTO account VALUES (1, 'ann', 100), (2, 'bob', 50);
CREATE FUNCTION withdraw(acc int, amount numeric) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE account SET balance = balance - amount WHERE id = acc;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no account %', acc USING HINT = 'Check the account number.', ERRCODE = 'no_data_found';
  END IF;
END $$;
\c :localdb
CREATE VIEW remote_accounts AS
  SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, owner, balance FROM account ORDER BY id')
    AS t(id int, owner text, balance numeric);

-- dblink_exec(text, text) with a connection string
SELECT dblink_exec('dbname=regression_remote', 'INSERT INTO account VALUES (3, ''cyd'', 10)');
SELECT dblink_exec('dbname=regression_remote', 'UPDATE account SET balance = balance + 1');
SELECT dblink_exec('dbname=regression_remote', 'DELETE FROM account WHERE id = 3');
SELECT dblink_exec('dbname=regression_remote', 'CREATE TABLE log (line text)');
SELECT dblink_exec('dbname=regression_remote', 'ALTER TABLE log ADD COLUMN n int');
SELECT dblink_exec('dbname=regression_remote', 'SET work_mem = ''2MB''');
SELECT dblink_exec('dbname=regression_remote', 'SELECT 1; INSERT INTO log VALUES (''x'', 1)');
SELECT dblink_exec('dbname=regression_remote', 'INSERT INTO log VALUES (''y'', 2); SELECT 1');
SELECT dblink_exec('dbname=regression_remote', 'SELECT * FROM account');
SELECT dblink_exec('dbname=regression_remote', 'SELECT * FROM account WHERE false');
SELECT dblink_exec('dbname=regression_remote', 'INSERT INTO log VALUES (''z'', 3) RETURNING n');
SELECT dblink_exec('dbname=regression_remote', 'DO $$BEGIN PERFORM 1; END$$');
SELECT dblink_exec('dbname=regression_remote', '');
SELECT dblink_exec('dbname=regression_remote', 'SELECT withdraw(1, 1)');
SELECT * FROM remote_accounts;
-- remote errors
SELECT dblink_exec('dbname=regression_remote', 'INSER INTO log VALUES (1)');
SELECT dblink_exec('dbname=regression_remote', 'INSERT INTO account VALUES (1, ''dup'', 1)');
SELECT dblink_exec('dbname=regression_remote', 'INSERT INTO account VALUES (9, NULL, 1)');
SELECT dblink_exec('dbname=regression_remote', 'UPDATE account SET balance = -1');
SELECT dblink_exec('dbname=regression_remote', 'UPDATE account SET balance = balance / 0');
SELECT dblink_exec('dbname=regression_remote', 'DO $$BEGIN PERFORM withdraw(99, 1); END$$');
SELECT dblink_exec('dbname=no_such_database', 'SELECT 1');
SELECT dblink_exec('dbname', 'SELECT 1', false);
-- dblink_exec(text, text, bool) with a connection string
SELECT dblink_exec('dbname=regression_remote', 'UPDATE account SET balance = -1', false);
SELECT dblink_exec('dbname=regression_remote', 'DO $$BEGIN PERFORM withdraw(99, 1); END$$', false);
SELECT dblink_exec('dbname=regression_remote', 'SELECT 1', false);
SELECT dblink_exec('dbname=regression_remote', 'UPDATE account SET balance = balance', false);
SELECT dblink_exec('dbname=regression_remote', 'DO $$BEGIN PERFORM withdraw(99, 1); END$$', true);

-- named connections
SELECT dblink_connect('e', 'dbname=regression_remote');
SELECT dblink_exec('e', 'INSERT INTO log VALUES (''named'', 10)');
SELECT dblink_exec('e', 'SELECT withdraw(42, 1)');
SELECT dblink_error_message('e');
SELECT dblink_exec('e', 'SELECT withdraw(42, 1)', false);
SELECT dblink_error_message('e');
SELECT dblink_exec('e', 'SELECT 1', false);
SELECT dblink_error_message('e');
SELECT dblink_exec('e', 'INSERT INTO log VALUES (''after'', 11)', false);
SELECT dblink_error_message('e');
SELECT dblink_exec('e_missing', 'SELECT 1');
SELECT dblink_exec('e_missing', 'SELECT 1', false);

-- the unnamed connection: dblink_exec(text) and dblink_exec(text, bool)
SELECT dblink_exec('SELECT 1');
SELECT dblink_connect('dbname=regression_remote');
SELECT dblink_exec('INSERT INTO log VALUES (''unnamed'', 20)');
SELECT dblink_exec('INSERT INTO log VALUES (''unnamed'', 21)', true);
SELECT dblink_exec('UPDATE account SET balance = -5', false);
SELECT dblink_exec('SELECT withdraw(77, 1)');
SELECT dblink_exec('SELECT 1');
SELECT dblink_exec('SELECT 1', false);
SELECT * FROM dblink('SELECT line, n FROM log ORDER BY n') AS t(line text, n int);

-- NULL arguments
SELECT dblink_exec(NULL);
SELECT dblink_exec(NULL, false);
SELECT dblink_exec('SELECT 1', NULL);
SELECT dblink_exec('e', NULL);
SELECT dblink_exec(NULL, 'SELECT 1');
SELECT dblink_exec('e', 'SELECT 1', NULL);

-- remote transactions through dblink_exec
SELECT dblink_exec('e', 'BEGIN');
SELECT dblink_exec('e', 'UPDATE account SET balance = 0 WHERE id = 2');
SELECT * FROM dblink('e', 'SELECT balance FROM account WHERE id = 2') AS t(balance numeric);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT balance FROM account WHERE id = 2') AS t(balance numeric);
SELECT dblink_exec('e', 'ROLLBACK');
SELECT * FROM dblink('e', 'SELECT balance FROM account WHERE id = 2') AS t(balance numeric);
SELECT dblink_exec('e', 'BEGIN');
SELECT dblink_exec('e', 'UPDATE account SET balance = balance / 0', false);
SELECT dblink_exec('e', 'UPDATE account SET balance = 1', false);
SELECT dblink_error_message('e');
SELECT dblink_exec('e', 'COMMIT');
SELECT dblink_exec('e', 'COMMIT');
SELECT dblink_exec('e', 'BEGIN; UPDATE account SET balance = balance + 1000 WHERE id = 1; COMMIT');
SELECT * FROM remote_accounts;

-- local transactions do not touch remote work, and connections survive local rollback
BEGIN;
SELECT dblink_connect('in_tx', 'dbname=regression_remote');
SELECT dblink_exec('in_tx', 'INSERT INTO log VALUES (''kept'', 30)');
SELECT 1/0;
SELECT dblink_exec('in_tx', 'INSERT INTO log VALUES (''ignored'', 31)');
ROLLBACK;
SELECT array(SELECT unnest(dblink_get_connections()) ORDER BY 1) AS connections;
SELECT * FROM dblink('in_tx', 'SELECT line FROM log WHERE n >= 30') AS t(line text);
BEGIN;
SELECT dblink_exec('in_tx', 'INSERT INTO log VALUES (''also kept'', 32)');
SELECT dblink_disconnect('in_tx');
ROLLBACK;
SELECT dblink_get_connections() @> '{in_tx}' AS in_tx_open;
SELECT * FROM dblink('e', 'SELECT line FROM log WHERE n >= 30 ORDER BY n') AS t(line text);
BEGIN;
SAVEPOINT s1;
SELECT dblink_exec('e', 'INSERT INTO log VALUES (''savepoint'', 40)');
ROLLBACK TO SAVEPOINT s1;
SELECT * FROM dblink('e', 'SELECT line FROM log WHERE n = 40') AS t(line text);
SELECT dblink_exec('e', 'BEGIN');
COMMIT;
SELECT dblink_exec('e', 'INSERT INTO log VALUES (''remote tx still open'', 41)');
SELECT * FROM dblink('dbname=regression_remote', 'SELECT count(*) FROM log WHERE n = 41') AS t(n bigint);
SELECT dblink_exec('e', 'COMMIT');
SELECT * FROM dblink('dbname=regression_remote', 'SELECT count(*) FROM log WHERE n = 41') AS t(n bigint);
SELECT dblink_disconnect('e'), dblink_disconnect();
-- DROP DATABASE waits until every backend of its cluster has absorbed a ProcSignalBarrier,
-- this one too while it waits for the answer (the same cluster plays the remote here)
SET statement_timeout = '30s';
SELECT dblink_exec('dbname=regression_remote', 'DROP DATABASE IF EXISTS regression_exec_dropped');
SELECT dblink_exec('dbname=regression_remote', 'CREATE DATABASE regression_exec_dropped');
SELECT dblink_exec('dbname=regression_remote', 'DROP DATABASE regression_exec_dropped');
RESET statement_timeout;
