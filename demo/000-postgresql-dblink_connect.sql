-- ==========================================================================================
-- PostgreSQL's documentation, the page of dblink_connect (seed document 000): its
-- examples in order. (Seed 001, Postgres Pro's copy of that page, has the same ones.)
-- They run in contrib_regression, the database of dblink's own regression tests, which
-- has the table foo. "dbname=postgres" reaches the sandbox itself: its backends have
-- PGHOST/PGPORT of the sandbox in their environment, as in dblink's regression tests.
-- ==========================================================================================
\c contrib_regression
SELECT dblink_connect('dbname=postgres options=-csearch_path=');
SELECT dblink_connect('myconn', 'dbname=postgres options=-csearch_path=');

-- FOREIGN DATA WRAPPER functionality
-- Note: local connection must require password authentication for this to work properly
--       Otherwise, you will receive the following error from dblink_connect():
--       ----------------------------------------------------------------------
--       ERROR:  password is required
--       DETAIL:  Non-superuser cannot connect if the server does not request a password.
--       HINT:  Target server's authentication method must be changed.
-- [demo] The sandbox's pg_hba.conf asks regress_dblink_user for a password over TCP
--        (scram-sha-256); fdtest has no port option, so the backend's PGPORT is used.

CREATE SERVER fdtest FOREIGN DATA WRAPPER dblink_fdw OPTIONS (hostaddr '127.0.0.1', dbname 'contrib_regression');

CREATE USER regress_dblink_user WITH PASSWORD 'secret';
CREATE USER MAPPING FOR regress_dblink_user SERVER fdtest OPTIONS (user 'regress_dblink_user', password 'secret');
GRANT USAGE ON FOREIGN SERVER fdtest TO regress_dblink_user;
GRANT SELECT ON TABLE foo TO regress_dblink_user;

\set ORIGINAL_USER :USER
-- [demo] A real login over 127.0.0.1 with password 'secret' (psql reads it from the
--        sandbox's pgpass file): regress_dblink_user is not a superuser.
\c - regress_dblink_user
SELECT dblink_connect('myconn', 'fdtest');

SELECT * FROM dblink('myconn','SELECT * FROM foo') AS t(a int, b text, c text[]);

\c - :ORIGINAL_USER
REVOKE USAGE ON FOREIGN SERVER fdtest FROM regress_dblink_user;
REVOKE SELECT ON TABLE foo FROM regress_dblink_user;
DROP USER MAPPING FOR regress_dblink_user SERVER fdtest;
DROP USER regress_dblink_user;
DROP SERVER fdtest;

