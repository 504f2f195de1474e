-- The sandbox's databases, roles and sample data for the demo (run by demo/demo.sh as
-- the superuser postgres, in database postgres, before the examples). Everything is
-- dropped first, so the demo can run again on the same sandbox. @EXTENSION@ is replaced
-- by the extension demonstrated (jdblink, or dblink to compare).
SET client_min_messages = warning;

-- Left over from an earlier run, including one interrupted half-way.
DROP DATABASE IF EXISTS contrib_regression WITH (FORCE);
DROP DATABASE IF EXISTS neondb WITH (FORCE);
DROP DATABASE IF EXISTS my_remote_database WITH (FORCE);
DROP DATABASE IF EXISTS prod_data WITH (FORCE);
DROP DATABASE IF EXISTS defaultdb WITH (FORCE);
DROP DATABASE IF EXISTS db2 WITH (FORCE);
DROP ROLE IF EXISTS regress_dblink_user;
DROP ROLE IF EXISTS user1;
DROP ROLE IF EXISTS user2;
DROP ROLE IF EXISTS my_remote_user;
DROP ROLE IF EXISTS reporter;

-- PostgreSQL's dblink_connect page (seeds 000, 001): its examples run in the database
-- of dblink's regression tests, which has the table foo; the foreign server fdtest
-- points back at that same database.
CREATE DATABASE contrib_regression;
\c contrib_regression
SET client_min_messages = warning;
CREATE EXTENSION @EXTENSION@;
CREATE TABLE foo (f1 int, f2 text, f3 text[], PRIMARY KEY (f1, f2));
INSERT INTO foo SELECT i, chr(ascii('a') + i), ARRAY['a' || i, 'b' || i, 'c' || i]
FROM generate_series(0, 10) AS i;

-- Neon's guide (seed 002): the remote database my_remote_database of my_remote_user,
-- the "production" database prod_data read by reporter, and the local database neondb.
\c postgres
CREATE ROLE my_remote_user LOGIN PASSWORD 'my_remote_password';
CREATE ROLE reporter LOGIN PASSWORD 'securepass';
CREATE DATABASE my_remote_database OWNER my_remote_user;
-- todos.inserted_at is shown as text: fix the time zone so it reads the same everywhere.
ALTER DATABASE my_remote_database SET timezone = 'UTC';
CREATE DATABASE prod_data;
CREATE DATABASE neondb;

\c my_remote_database
SET client_min_messages = warning;
SET ROLE my_remote_user;
CREATE TABLE users (id int PRIMARY KEY, name text);
INSERT INTO users VALUES (1, 'ann'), (2, 'bob');
CREATE TABLE user_settings (user_id int REFERENCES users, theme text);
INSERT INTO user_settings VALUES (1, 'dark'), (2, 'light');
CREATE TABLE todos (
  id serial PRIMARY KEY,
  user_id text,
  task text,
  is_complete boolean DEFAULT false,
  inserted_at timestamptz DEFAULT now()
);
INSERT INTO todos (user_id, task, is_complete, inserted_at) VALUES
  ('ann', 'write the quarterly report', false, '2024-10-28 09:15:00+00'),
  ('bob', 'review the numbers', true, '2024-10-29 14:02:30+00'),
  ('ann', 'book the meeting room', true, '2024-10-30 08:45:00+00');
CREATE TABLE remote_table (col1 int, col2 text);
INSERT INTO remote_table VALUES (1, 'one'), (2, 'two'), (3, 'three');

\c prod_data
SET client_min_messages = warning;
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL, amount numeric(10,2) NOT NULL);
INSERT INTO orders (customer_id, amount) VALUES
  (1, 120.00), (1, 35.50), (2, 990.00), (3, 15.25), (3, 250.00), (3, 42.00);
GRANT SELECT ON orders TO reporter;

\c neondb
SET client_min_messages = warning;
CREATE TABLE customers (customer_id int PRIMARY KEY, customer_name text);
INSERT INTO customers VALUES (1, 'Acme Corp'), (2, 'Globex'), (3, 'Initech'), (4, 'Umbrella');
CREATE TABLE local_staging_table (col1 int, col2 text);

-- Aiven's article (seed 004) creates its roles and databases itself; its starting
-- database is Aiven's defaultdb.
\c postgres
CREATE DATABASE defaultdb;
