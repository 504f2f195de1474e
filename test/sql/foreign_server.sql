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

-- more: checks in C dblink's order, other wrappers, PUBLIC mappings, long names, validator contexts
CREATE ROLE regress_dblink_user2;
CREATE SERVER fdorder FOREIGN DATA WRAPPER dblink_fdw OPTIONS (host '127.0.0.1', port :'port', dbname 'regression_remote');
-- a mapping but no USAGE: permission denied; no mapping and no USAGE: the mapping error first
CREATE USER MAPPING FOR regress_dblink_user2 SERVER fdorder OPTIONS (user 'auth_scram', password 'auth_scram_pw');
SET ROLE regress_dblink_user2;
SELECT dblink_connect('fdorder');
SELECT * FROM dblink('fdorder', 'SELECT 1') AS t(i int);
SELECT dblink_exec('fdorder', 'SELECT 1');
RESET ROLE;
DROP USER MAPPING FOR regress_dblink_user2 SERVER fdorder;
SET ROLE regress_dblink_user2;
SELECT dblink_exec('fdorder', 'SELECT 1');
RESET ROLE;
-- a PUBLIC mapping serves everyone; the password in it satisfies the non-superuser rule
CREATE USER MAPPING FOR PUBLIC SERVER fdorder OPTIONS (user 'auth_md5', password 'auth_md5_pw');
GRANT USAGE ON FOREIGN SERVER fdorder TO PUBLIC;
SET ROLE regress_dblink_user2;
SELECT * FROM dblink('fdorder', 'SELECT current_user') AS t(u name);
-- a wrong password in the mapping
RESET ROLE;
ALTER USER MAPPING FOR PUBLIC SERVER fdorder OPTIONS (SET password 'wrong');
SET ROLE regress_dblink_user2;
SELECT dblink_connect('c', 'fdorder');
SELECT dblink_get_connections();
RESET ROLE;
DROP USER MAPPING FOR PUBLIC SERVER fdorder;
REVOKE ALL ON FOREIGN SERVER fdorder FROM PUBLIC;
-- a server of another wrapper: options dblink does not know, or knows for elsewhere, are skipped
CREATE FOREIGN DATA WRAPPER regress_plain_fdw OPTIONS (dbname 'ignored');
CREATE SERVER fdplain FOREIGN DATA WRAPPER regress_plain_fdw
  OPTIONS (dbname 'regression_remote', user 'nobody', fetch_size '100', client_encoding 'LATIN1', application_name 'plain');
CREATE USER MAPPING FOR CURRENT_USER SERVER fdplain OPTIONS (password 'x', dbname 'ignored_too', sslpassword 'y');
SELECT * FROM dblink('fdplain', 'SELECT current_database(), current_setting(''application_name''), current_setting(''client_encoding'')') AS t(d name, a text, e text);
-- names are truncated like identifiers before the lookup
CREATE SERVER s_long_name_that_is_exactly_sixty_three_bytes_long_for_the_test FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'regression_remote');
CREATE USER MAPPING FOR CURRENT_USER SERVER s_long_name_that_is_exactly_sixty_three_bytes_long_for_the_test;
SELECT * FROM dblink('s_long_name_that_is_exactly_sixty_three_bytes_long_for_the_test_and_more', 'SELECT 42') AS t(i int);
SELECT * FROM dblink('S_LONG_NAME_THAT_IS_EXACTLY_SIXTY_THREE_BYTES_LONG_FOR_THE_TEST', 'SELECT 42') AS t(i int);
-- a server without options connects with the defaults
CREATE SERVER fdempty FOREIGN DATA WRAPPER dblink_fdw;
CREATE USER MAPPING FOR CURRENT_USER SERVER fdempty;
SELECT * FROM dblink('fdempty', 'SELECT current_database()') AS t(d name);
-- the validator in every context
ALTER FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'x');
CREATE FOREIGN TABLE regress_ft (a int) SERVER fdempty OPTIONS (dbname 'x');
CREATE FOREIGN TABLE regress_ft (a int OPTIONS (dbname 'x')) SERVER fdempty;
CREATE FOREIGN TABLE regress_ft (a int) SERVER fdempty;
DROP FOREIGN TABLE regress_ft;
CREATE SERVER fdbad FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'x', replication 'true');
CREATE SERVER fdbad FOREIGN DATA WRAPPER dblink_fdw OPTIONS (password 'x');
CREATE SERVER fdbad FOREIGN DATA WRAPPER dblink_fdw OPTIONS ("DBNAME" 'x');
-- near misses: from 16 on the HINT is the closest valid option of the context
CREATE SERVER fdbad FOREIGN DATA WRAPPER dblink_fdw OPTIONS (hots 'x');
CREATE USER MAPPING FOR CURRENT_USER SERVER fdorder OPTIONS (passwd 'x');
CREATE USER MAPPING FOR CURRENT_USER SERVER fdorder OPTIONS (user 'x', sslpassword 'y', host 'z');
ALTER SERVER fdempty OPTIONS (ADD sslmode 'require', ADD sslpassword 'x');
ALTER USER MAPPING FOR CURRENT_USER SERVER fdempty OPTIONS (ADD password 'x', ADD client_encoding 'x');
DROP USER MAPPING FOR CURRENT_USER SERVER fdplain;
DROP USER MAPPING FOR CURRENT_USER SERVER s_long_name_that_is_exactly_sixty_three_bytes_long_for_the_test;
DROP USER MAPPING FOR CURRENT_USER SERVER fdempty;
DROP SERVER fdorder, fdplain, s_long_name_that_is_exactly_sixty_three_bytes_long_for_the_test, fdempty;
DROP FOREIGN DATA WRAPPER regress_plain_fdw;
DROP ROLE regress_dblink_user2;
