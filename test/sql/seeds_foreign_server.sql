-- The foreign-server examples of the documentation seeds (PostgreSQL's dblink_connect
-- page, /work/shared/seeds 000/001, and Aiven's dblink_fdw article, 004) as written,
-- with the roles the test cluster has: its pg_hba asks auth_scram and auth_md5 for
-- passwords over 127.0.0.1, as the seeds' notes require.
\set localdb :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS contrib_regression;
DROP ROLE IF EXISTS regress_dblink_user;
DROP ROLE IF EXISTS user1;
RESET client_min_messages;
CREATE DATABASE contrib_regression;
\c contrib_regression
CREATE TABLE foo (f1 int, f2 text, f3 text[], PRIMARY KEY (f1, f2));
INSERT INTO foo SELECT i, chr(97 + i), ARRAY['a' || i, 'b' || i, 'c' || i] FROM generate_series(0, 10) AS i;
GRANT SELECT ON TABLE foo TO auth_scram;
CREATE TABLE bar (id int);
INSERT INTO bar (id) VALUES (100), (200), (300);
GRANT SELECT ON TABLE bar TO auth_md5;
\c :localdb

-- PostgreSQL's documentation: FOREIGN DATA WRAPPER functionality
CREATE SERVER fdtest FOREIGN DATA WRAPPER dblink_fdw OPTIONS (hostaddr '127.0.0.1', dbname 'contrib_regression');

CREATE USER regress_dblink_user WITH PASSWORD 'secret';
CREATE USER MAPPING FOR regress_dblink_user SERVER fdtest OPTIONS (user 'auth_scram', password 'auth_scram_pw');
GRANT USAGE ON FOREIGN SERVER fdtest TO regress_dblink_user;

\set ORIGINAL_USER :USER
\c - regress_dblink_user
SELECT dblink_connect('myconn', 'fdtest');
SELECT * FROM dblink('myconn','SELECT * FROM foo') AS t(a int, b text, c text[]);
SELECT dblink_disconnect('myconn');

\c - :ORIGINAL_USER
REVOKE USAGE ON FOREIGN SERVER fdtest FROM regress_dblink_user;
DROP USER MAPPING FOR regress_dblink_user SERVER fdtest;
DROP USER regress_dblink_user;
DROP SERVER fdtest;

-- Aiven's example: user1 reaches db2 as another role through a user mapping
CREATE USER user1 PASSWORD 'secret1';
CREATE SERVER db2remote
    FOREIGN DATA WRAPPER dblink_fdw
    OPTIONS (host '127.0.0.1',
             dbname 'contrib_regression', port :'port');
CREATE USER MAPPING FOR user1
    SERVER db2remote
    OPTIONS (user 'auth_md5', password 'auth_md5_pw');
GRANT USAGE ON FOREIGN SERVER db2remote TO user1;
\c - user1
SELECT dblink_connect('myconn', 'db2remote');
SELECT * FROM dblink('myconn','SELECT * FROM bar') AS t(a int);
SELECT dblink_disconnect('myconn');
\c - :ORIGINAL_USER
DROP USER MAPPING FOR user1 SERVER db2remote;
REVOKE USAGE ON FOREIGN SERVER db2remote FROM user1;
DROP SERVER db2remote;
DROP USER user1;
DROP DATABASE contrib_regression;
