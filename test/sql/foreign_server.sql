-- A foreign server (dblink_fdw) as the connection string of dblink_connect(text, text),
-- dblink(text, text) and dblink_exec(text, text): options, user mappings, validation.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE greeting (id int PRIMARY KEY, word text);
INSERT INTO greeting VALUES (1, 'hello'), (2, 'world');
GRANT SELECT ON greeting TO auth_scram;
\c :localdb
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_dblink_user;
RESET client_min_messages;
CREATE ROLE regress_dblink_user;

-- a foreign server as the connection string
CREATE SERVER fdtest FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'regression_remote');
CREATE USER MAPPING FOR CURRENT_USER SERVER fdtest;
SELECT dblink_connect('fd', 'fdtest');
SELECT * FROM dblink('fd', 'SELECT word FROM greeting ORDER BY id') AS t(word text);
SELECT * FROM dblink('fdtest', 'SELECT count(*) FROM greeting') AS t(n bigint);
SELECT dblink_disconnect('fd');
CREATE SERVER fdbad FOREIGN DATA WRAPPER dblink_fdw OPTIONS (user 'x');
CREATE SERVER fdbad FOREIGN DATA WRAPPER dblink_fdw OPTIONS (client_encoding 'LATIN1');
CREATE SERVER fdbad FOREIGN DATA WRAPPER dblink_fdw OPTIONS (nonsense 'x');
CREATE USER MAPPING FOR regress_dblink_user SERVER fdtest OPTIONS (dbname 'x');
CREATE SERVER fdmissing FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'no_such_database');
CREATE USER MAPPING FOR CURRENT_USER SERVER fdmissing;
SELECT dblink_connect('fdmissing');

SELECT dblink_exec('fdtest', 'INSERT INTO greeting VALUES (3, ''again'')');
SELECT * FROM dblink('fdtest', 'SELECT count(*) FROM greeting') AS t(n bigint);
-- a server option with quotes and backslashes survives the conversion to a string
CREATE SERVER fdquoted FOREIGN DATA WRAPPER dblink_fdw
  OPTIONS (dbname 'regression_remote', application_name 'it''s a \ test');
CREATE USER MAPPING FOR CURRENT_USER SERVER fdquoted;
SELECT * FROM dblink('fdquoted', 'SHOW application_name') AS t(a text);
-- a server without a user mapping
CREATE SERVER fdnomap FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'regression_remote');
SELECT dblink_connect('fdnomap');
-- a named connection wins over a server of the same name
SELECT dblink_connect('fdtest', 'dbname=regression_remote application_name=named');
SELECT * FROM dblink('fdtest', 'SHOW application_name') AS t(a text);
SELECT dblink_disconnect('fdtest');

-- non-superusers need USAGE on the server and their own user mapping with a password
SET ROLE regress_dblink_user;
SELECT dblink_connect('fdtest');
RESET ROLE;
GRANT USAGE ON FOREIGN SERVER fdtest TO regress_dblink_user;
SET ROLE regress_dblink_user;
SELECT dblink_connect('fdtest');
RESET ROLE;
CREATE USER MAPPING FOR regress_dblink_user SERVER fdtest OPTIONS (user 'auth_trust');
SET ROLE regress_dblink_user;
SELECT dblink_connect('fdtest');
RESET ROLE;
ALTER USER MAPPING FOR regress_dblink_user SERVER fdtest OPTIONS (ADD password 'secret');
SET ROLE regress_dblink_user;
SELECT dblink_connect('fdtest');
RESET ROLE;
CREATE SERVER fdtcp FOREIGN DATA WRAPPER dblink_fdw
  OPTIONS (host '127.0.0.1', port :'port', dbname 'regression_remote');
CREATE USER MAPPING FOR regress_dblink_user SERVER fdtcp OPTIONS (user 'auth_scram', password 'auth_scram_pw');
GRANT USAGE ON FOREIGN SERVER fdtcp TO regress_dblink_user;
SET ROLE regress_dblink_user;
SELECT dblink_connect('fdtcp');
SELECT * FROM dblink('SELECT current_user, count(*) FROM greeting') AS t(u name, n bigint);
SELECT dblink_exec('fdtcp', 'DELETE FROM greeting WHERE id = 3');
SELECT dblink_disconnect();
RESET ROLE;
SELECT dblink_get_connections();

DROP USER MAPPING FOR CURRENT_USER SERVER fdtest;
DROP USER MAPPING FOR regress_dblink_user SERVER fdtest;
DROP USER MAPPING FOR CURRENT_USER SERVER fdmissing;
DROP USER MAPPING FOR CURRENT_USER SERVER fdquoted;
DROP USER MAPPING FOR regress_dblink_user SERVER fdtcp;
REVOKE ALL ON FOREIGN SERVER fdtest FROM regress_dblink_user;
REVOKE ALL ON FOREIGN SERVER fdtcp FROM regress_dblink_user;
DROP SERVER fdtest, fdmissing, fdquoted, fdnomap, fdtcp;
DROP ROLE regress_dblink_user;
