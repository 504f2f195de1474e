-- ==========================================================================================
-- Aiven's article "Using the PostgreSQL dblink extension" (seed document 004): the
-- dblink_fdw foreign data wrapper, its steps in order.
-- [demo] Aiven's server postgres.demoproject.aivencloud.com:11254 is the sandbox,
--        127.0.0.1:@PORT@; avnadmin is the sandbox's superuser postgres; the sandbox's
--        pg_hba.conf asks user1 and user2 for their password over TCP (scram-sha-256).
-- ==========================================================================================
-- 1. Create the extension and database as avnadmin.
-- $ psql "postgres://avnadmin:adminpassword@postgres.demoproject.aivencloud.com:11254/defaultdb?sslmode=require"
\c postgres://postgres@127.0.0.1:@PORT@/defaultdb?sslmode=require

-- 'user1' will be able to create a dblink from 'defaultdb' to a new database 'db2'
CREATE USER user1 PASSWORD 'secret1';

-- 'user2' will be the owner of the new database 'db2'
CREATE USER user2 PASSWORD 'secret2';

-- we need to grant 'user2' to the current user (avnadmin) to give user2 privileges to the new database 'db2'
GRANT user2 TO CURRENT_USER;

-- create the database that we will access over a dblink connection
CREATE DATABASE db2 OWNER user2;

-- [demo] Aiven says CREATE EXTENSION dblink; jdblink has the same functions and dblink_fdw.
CREATE EXTENSION @EXTENSION@;

CREATE SERVER db2remote
                FOREIGN DATA WRAPPER dblink_fdw
                OPTIONS (host '127.0.0.1',
                         dbname 'db2', port '@PORT@');

-- 'user1' will automatically authenticate as 'user2' with the remote 'db2' database when using the dblink connections
CREATE USER MAPPING FOR user1
                SERVER db2remote
                OPTIONS (user 'user2', password 'secret2');

-- allow user1 to use the remote db2remote connection
GRANT USAGE ON FOREIGN SERVER db2remote TO user1;

-- 2. Log in to the db2 database as user2.
-- $ psql "postgres://user2:secret2@postgres.demoproject.aivencloud.com:11254/db2?sslmode=require"
\c postgres://user2:secret2@127.0.0.1:@PORT@/db2?sslmode=require

-- 3. Create a table and add some data to it:
CREATE TABLE foo (id int);
INSERT INTO foo (id) VALUES (100), (200), (300);

-- 4. Access the data in db2 as user1 from the original defaultdb database using dblink:
-- $ psql "postgres://user1:secret1@postgres.demoproject.aivencloud.com:11254/defaultdb?sslmode=require"
\c postgres://user1:secret1@127.0.0.1:@PORT@/defaultdb?sslmode=require

-- establish a dblink connection to the remote database
SELECT dblink_connect('myconn', 'db2remote');

-- execute a test query using the dblink connection
SELECT * FROM dblink('myconn','SELECT * FROM foo') AS t(a int);

