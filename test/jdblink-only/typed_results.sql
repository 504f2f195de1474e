-- jdblink_describe, jdblink_column_list, jdblink_create_view, jdblink_query (jdblink only):
-- results typed without a column definition list written by hand.
\set localdb :DBNAME
\set tcp_remote 'host=127.0.0.1 port=' :port ' dbname=regression_remote'
\c regression_remote
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE SCHEMA remote_only;
CREATE TYPE remote_only.pair AS (a int, b int);
CREATE TABLE todos (id posint, task varchar(20), price numeric(10,2), tags text[], m mood, done boolean,
                    at timestamptz, "Mixed Case" int);
INSERT INTO todos VALUES (1, 'write', 1.5, '{a,b}', 'ok', false, '2026-01-01 12:00+00', 7),
                         (2, 'test', NULL, NULL, 'sad', true, NULL, NULL);
CREATE FUNCTION touched() RETURNS int LANGUAGE sql AS $$ INSERT INTO todos (id) VALUES (99) RETURNING id $$;
\c :localdb
SET timezone = 'UTC';
CREATE TYPE mood AS ENUM ('ok', 'sad');

-- jdblink_describe: each column's name, remote type (with its modifier), type OID, and the
-- local type it gets: the same type here by schema and name, else text
SELECT position, name, type, type_oid < 16384 AS built_in, local_type
  FROM jdblink_describe('dbname=regression_remote', 'SELECT * FROM todos');
SELECT position, name, type, local_type
  FROM jdblink_describe(:'tcp_remote', 'SELECT ROW(1, 2)::remote_only.pair AS p, NULL AS n, 1.5 AS x, $1::int AS param');
-- nothing runs: a function that inserts is only described
SELECT name, type FROM jdblink_describe('dbname=regression_remote', 'SELECT touched() AS t');
SELECT * FROM dblink('dbname=regression_remote', 'SELECT count(*) FROM todos WHERE id = 99') AS t(n bigint);
-- on a named connection, on the unnamed one, through a foreign server
SELECT dblink_connect('c', 'dbname=regression_remote');
SELECT name, local_type FROM jdblink_describe('c', 'TABLE todos LIMIT 0') WHERE position <= 2;
SELECT dblink_connect('dbname=regression_remote');
SELECT name, local_type FROM jdblink_describe('SELECT 1 AS one, now() AS stamp');
CREATE SERVER typed_fs FOREIGN DATA WRAPPER dblink_fdw OPTIONS (dbname 'regression_remote');
CREATE USER MAPPING FOR CURRENT_USER SERVER typed_fs;
SELECT name, local_type FROM jdblink_describe('typed_fs', 'VALUES (1, ''x'')');

-- jdblink_column_list: ready to paste; names quoted where needed and made unique
SELECT jdblink_column_list('c', 'SELECT * FROM todos');
SELECT jdblink_column_list('c', 'SELECT 1, 2, 3 AS "?column?_2", 4 AS "select"');
SELECT jdblink_column_list('SELECT 1 AS only_column');
SELECT jdblink_column_list('c', 'SELECT');
-- pasted into dblink()
SELECT * FROM dblink('c', 'SELECT id, task, price FROM todos ORDER BY id')
  AS t(id integer, task character varying(20), price numeric(10,2));

-- jdblink_create_view: a view over plain dblink SQL, typed by jdblink_describe
SELECT jdblink_create_view('todos_remote', 'typed_fs', 'SELECT * FROM todos ORDER BY id');
SELECT * FROM todos_remote;
-- (the FROM clause: PostgreSQL 16 and later write the select list without t.)
SELECT substring(pg_get_viewdef('todos_remote'::regclass) FROM 'FROM .*') AS definition;
CREATE SCHEMA views;
SELECT jdblink_create_view('views."Done Todos"', 'dbname=regression_remote', 'SELECT id, task FROM todos WHERE done');
SELECT * FROM views."Done Todos";
-- refused: a password in the view's definition, no columns, a name already taken
SELECT jdblink_create_view('v_secret', 'dbname=regression_remote password=secret', 'SELECT 1');
SELECT jdblink_create_view('v_empty', 'c', 'SELECT');
SELECT jdblink_create_view('todos_remote', 'c', 'SELECT 1');
SELECT jdblink_create_view('no_such_schema.v', 'c', 'SELECT 1');
SELECT count(*) AS views_left FROM pg_views WHERE viewname IN ('v_secret', 'v_empty');

-- jdblink_query: the shape of a local type
CREATE TABLE todo (id int, task text, tags text[], m mood, done boolean, at timestamptz);
SELECT * FROM jdblink_query('c', 'SELECT id, task, tags, m, done, at FROM todos ORDER BY id', NULL::todo);
SELECT t.task, t.m FROM jdblink_query('SELECT id, task, tags, m, done, at FROM todos WHERE id = 1', NULL::todo) AS t;
-- a dropped column is skipped; a scalar type is one column
ALTER TABLE todo DROP COLUMN tags;
SELECT * FROM jdblink_query('c', 'SELECT id, task, m, done, at FROM todos ORDER BY id', NULL::todo);
SELECT * FROM jdblink_query('c', 'SELECT id FROM todos ORDER BY id', NULL::bigint);
-- mismatches name the column: count, then types of built-in types
SELECT * FROM jdblink_query('c', 'SELECT id, task FROM todos', NULL::todo);
SELECT * FROM jdblink_query('c', 'SELECT id, task, m, at, done FROM todos', NULL::todo);
SELECT * FROM jdblink_query('c', 'SELECT task FROM todos', NULL::int);
-- compatible: integer into bigint (a category), anything into text
SELECT * FROM jdblink_query('c', 'SELECT 1::int2', NULL::bigint);
SELECT * FROM jdblink_query('c', 'SELECT now() > ''2000-01-01''', NULL::text);
-- a type of the user's own is not checked: its input function decides
SELECT * FROM jdblink_query('c', 'SELECT ''sad''::text', NULL::mood);
SELECT * FROM jdblink_query('c', 'SELECT ''glad''::text', NULL::mood);

-- bad input
SELECT * FROM jdblink_describe(NULL, 'SELECT 1');
SELECT jdblink_column_list('c', NULL);
SELECT count(*) FROM jdblink_query(NULL, 'SELECT 1', NULL::int);
SELECT * FROM jdblink_query('c', 'SELECT 1', NULL);
SELECT * FROM jdblink_query('c', 'SELECT 1', NULL::record);
SELECT * FROM jdblink_query('c', 'UPDATE todos SET done = done WHERE false', NULL::int);
SELECT * FROM jdblink_describe('c', 'UPDATE todos SET done = done');
SELECT * FROM jdblink_describe('c', 'SELECT 1; SELECT 2');
SELECT * FROM jdblink_describe('c', '');
SELECT * FROM jdblink_describe('c', 'SELECT ' || repeat('1 + ', 300000) || '1');
SELECT * FROM jdblink_describe('no_such_connection', 'SELECT 1');
SELECT dblink_disconnect();
SELECT * FROM jdblink_describe('SELECT 1');
-- a remote failure, with dblink's CONTEXT; a busy connection
SELECT * FROM jdblink_describe('c', 'SELECT * FROM nowhere');
SELECT * FROM jdblink_query('c', 'SELECT 1/0', NULL::int);
SELECT dblink_send_query('c', 'SELECT pg_sleep(0.2)');
SELECT * FROM jdblink_describe('c', 'SELECT 1');
SELECT * FROM dblink_get_result('c') AS t(x text);
SELECT * FROM jdblink_describe('c', 'SELECT 1 AS fine');

-- a non-superuser: dblink's password rules
CREATE ROLE regress_typed_user;
GRANT USAGE ON FOREIGN SERVER typed_fs TO regress_typed_user;
SET ROLE regress_typed_user;
\set VERBOSITY sqlstate
SELECT * FROM jdblink_describe('dbname=regression_remote', 'SELECT 1');
\set VERBOSITY verbose
\set VERBOSITY sqlstate
SELECT * FROM jdblink_query('dbname=regression_remote', 'SELECT 1', NULL::int);
\set VERBOSITY verbose
SELECT name FROM jdblink_describe(:'tcp_remote' || ' user=auth_scram password=auth_scram_pw', 'SELECT 1 AS ok');
SELECT * FROM jdblink_query(:'tcp_remote' || ' user=auth_scram password=auth_scram_pw', 'SELECT 2', NULL::int);
RESET ROLE;

SELECT dblink_disconnect('c');
DROP VIEW todos_remote;
DROP USER MAPPING FOR CURRENT_USER SERVER typed_fs;
REVOKE USAGE ON FOREIGN SERVER typed_fs FROM regress_typed_user;
DROP ROLE regress_typed_user;
