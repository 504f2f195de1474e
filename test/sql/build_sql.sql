-- dblink_get_pkey, dblink_build_sql_insert/update/delete and dblink_current_query:
-- local helpers that never connect anywhere. Identifier quoting (reserved words, mixed
-- case, schema qualification, quote_all_identifiers), literal quoting, NULLs, dropped
-- columns, every argument error, missing relations and privileges, NULL arguments.
\set localdb :DBNAME
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_dblink_buildsql;
RESET client_min_messages;
CREATE ROLE regress_dblink_buildsql;

CREATE TABLE foo (f1 int, f2 text, f3 text[], PRIMARY KEY (f1, f2));
INSERT INTO foo VALUES (0, 'a', '{"a0","b0","c0"}'), (1, 'b', '{"a1","b1","c1"}'),
  (2, 'c', NULL), (3, 'it''s', '{"x\\y"}'), (4, E'back\\slash', '{}'), (5, '', '{""}');

-- dblink_get_pkey
SELECT * FROM dblink_get_pkey('foo');
SELECT dblink_get_pkey('foo');
SELECT (dblink_get_pkey('public.foo')).colname;
SELECT * FROM dblink_get_pkey('foo') LIMIT 1;
CREATE TABLE nokey (a int, b int);
SELECT * FROM dblink_get_pkey('nokey');
CREATE TABLE "Mixed Case" ("Key One" int, "select" text, other int, PRIMARY KEY ("select", "Key One"));
SELECT * FROM dblink_get_pkey('"Mixed Case"');
SELECT * FROM dblink_get_pkey('Mixed Case');
SELECT * FROM dblink_get_pkey('"mixed case"');
CREATE TABLE covering (a int, b int, c int, CONSTRAINT covering_pk PRIMARY KEY (b, a) INCLUDE (c));
SELECT * FROM dblink_get_pkey('covering');
CREATE TABLE uniq_only (a int UNIQUE NOT NULL);
SELECT * FROM dblink_get_pkey('uniq_only');
CREATE TABLE parted (k int, p int, PRIMARY KEY (p, k)) PARTITION BY RANGE (p);
SELECT * FROM dblink_get_pkey('parted');
SELECT * FROM dblink_get_pkey('no_such_table');
SELECT * FROM dblink_get_pkey('no_schema.foo');
SELECT * FROM dblink_get_pkey('foo_pkey');
SELECT * FROM dblink_get_pkey('"unterminated');
SELECT * FROM dblink_get_pkey('');
SELECT * FROM dblink_get_pkey(NULL);
SELECT count(*) FROM dblink_get_pkey(NULL);

-- dblink_build_sql_insert
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"3", "it''s"}', '{"3", "it''s"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"4", "back\\slash"}', '{"4", "new\\slash''s"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"5", ""}', '{"5", ""}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"2", "c"}', '{"2", NULL}');
SELECT dblink_build_sql_insert('foo', '1 2', 5, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '2 1', 2, '{"a", "0"}', '{"b", "7"}');
SELECT dblink_build_sql_insert('foo', '1', 1, '{"1"}', '{"11"}');
SELECT dblink_build_sql_insert('foo', '1 1', 2, '{"1", "1"}', '{"11", "12"}');
SELECT dblink_build_sql_insert('foo', '1 2', 1, '{"1"}', '{"11"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{{"0", "a"}}', '{{"9"}, {"z"}}');
-- errors, in dblink's order
SELECT dblink_build_sql_insert('foo', '1 2', 0, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '1 2', -1, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '', 2, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '1 4', 2, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '0 1', 2, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '-3', 1, '{"0"}', '{"99"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"0"}', '{"99"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"0", "a", "x"}', '{"99"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"0", "a"}', '{"99"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{}', '{}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"0", "zz"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"x", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{NULL, "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_insert('foo', '2', 1, '{"a"}', '{"z"}');
INSERT INTO nokey VALUES (1, 1), (1, 2), (2, NULL);
SELECT dblink_build_sql_insert('nokey', '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_insert('nokey', '2', 1, '{NULL}', '{"5"}');
SELECT dblink_build_sql_insert('nokey', '2', 1, '{NULL}', '{NULL}');
SELECT dblink_build_sql_insert('no_such_table', '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_insert('foo_pkey', '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_insert('a.b.c.d', '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_insert(NULL, '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_insert('foo', NULL, 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_insert('foo', '1', NULL, '{"1"}', '{"5"}');
SELECT dblink_build_sql_insert('foo', '1', 1, NULL, '{"5"}');
SELECT dblink_build_sql_insert('foo', '1', 1, '{"1"}', NULL);
SELECT dblink_build_sql_insert('no_such_table', '1', 0, NULL, '{"5"}');

-- dblink_build_sql_update
SELECT dblink_build_sql_update('foo', '1 2', 2, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_update('foo', '1 2', 2, '{"0", "a"}', '{"99", NULL}');
SELECT dblink_build_sql_update('foo', '1 2', 2, '{"4", "back\\slash"}', '{"4", "it''s \\"}');
SELECT dblink_build_sql_update('foo', '2', 1, '{"c"}', '{"d"}');
SELECT dblink_build_sql_update('foo', '1 2', 2, '{"0"}', '{"99", "xyz"}');
SELECT dblink_build_sql_update('foo', '1 2', 2, '{"0", "a"}', '{"99"}');
SELECT dblink_build_sql_update('foo', '1 2', 2, '{"9", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_update('foo', '1 2', 0, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_update('foo', '1 9', 2, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_update('nokey', '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_update('no_such_table', '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_update(NULL, '1', 1, '{"1"}', '{"5"}');
SELECT dblink_build_sql_update('foo', '1', 1, '{"1"}', NULL);

-- dblink_build_sql_delete (no source row: the key values need not exist)
SELECT dblink_build_sql_delete('foo', '1 2', 2, '{"0", "a"}');
SELECT dblink_build_sql_delete('foo', '1 2', 2, '{"9", "it''s\\"}');
SELECT dblink_build_sql_delete('foo', '1 2', 2, '{NULL, NULL}');
SELECT dblink_build_sql_delete('foo', '3', 1, '{"{a,b}"}');
SELECT dblink_build_sql_delete('foo', '1 2', 2, '{"0"}');
SELECT dblink_build_sql_delete('foo', '1 2', 0, '{"0", "a"}');
SELECT dblink_build_sql_delete('foo', '4', 1, '{"0"}');
SELECT dblink_build_sql_delete('foo', '1 2', 2, '{"x", "a"}');
SELECT dblink_build_sql_delete('no_such_table', '1', 1, '{"1"}');
SELECT dblink_build_sql_delete(NULL, '1', 1, '{"1"}');
SELECT dblink_build_sql_delete('foo', '1', 1, NULL);

-- identifiers: reserved words, mixed case, schemas, search_path, quote_all_identifiers
INSERT INTO "Mixed Case" VALUES (1, 'from', NULL);
SELECT dblink_build_sql_insert('"Mixed Case"', '1 2', 2, '{"1", "from"}', '{"2", "to"}');
SELECT dblink_build_sql_update('"Mixed Case"', '2', 1, '{"from"}', '{"where"}');
SELECT dblink_build_sql_delete('"Mixed Case"', '1 2 3', 3, '{"1", "from", NULL}');
CREATE SCHEMA "Other Schema";
CREATE TABLE "Other Schema"."user" ("group" int PRIMARY KEY, "Value" text, plain text);
INSERT INTO "Other Schema"."user" VALUES (1, 'one', 'p');
SELECT * FROM dblink_get_pkey('"Other Schema"."user"');
SELECT dblink_build_sql_insert('"Other Schema"."user"', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_update('"Other Schema"."user"', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_delete('"Other Schema".user', '1', 1, '{"1"}');
SELECT dblink_build_sql_delete('"Other Schema".User', '1', 1, '{"1"}');
SET search_path = "Other Schema", public;
SELECT dblink_build_sql_insert('"user"', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_delete('public.foo', '1', 1, '{"1"}');
RESET search_path;
CREATE SCHEMA lower_schema;
CREATE TABLE lower_schema.foo (id int PRIMARY KEY, v text);
INSERT INTO lower_schema.foo VALUES (7, 'seven');
SELECT dblink_build_sql_insert('lower_schema.foo', '1', 1, '{"7"}', '{"8"}');
SELECT dblink_build_sql_delete('LOWER_SCHEMA.FOO', '1', 1, '{"7"}');
CREATE TEMP TABLE tmp (id int PRIMARY KEY, v text);
INSERT INTO tmp VALUES (1, 'temp');
SELECT dblink_build_sql_insert('tmp', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_insert('pg_temp.tmp', '1', 1, '{"1"}', '{"2"}');
SET quote_all_identifiers = on;
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"0", "a"}', '{"99", "xyz"}');
SELECT dblink_build_sql_delete('lower_schema.foo', '1', 1, '{"7"}');
RESET quote_all_identifiers;

-- dropped columns: logical attribute numbers skip them
CREATE TABLE dropped (a int, gone1 int, b text, gone2 text, c text, PRIMARY KEY (a, b));
INSERT INTO dropped VALUES (1, 10, 'one', 'x', NULL), (2, 20, 'two', 'y', 'c2');
ALTER TABLE dropped DROP COLUMN gone1;
ALTER TABLE dropped DROP COLUMN gone2;
ALTER TABLE dropped ADD COLUMN d numeric DEFAULT 1.50;
SELECT * FROM dblink_get_pkey('dropped');
SELECT dblink_build_sql_insert('dropped', '1 2', 2, '{"1", "one"}', '{"3", "three"}');
SELECT dblink_build_sql_update('dropped', '1 2', 2, '{"2", "two"}', '{"2", "deux"}');
SELECT dblink_build_sql_delete('dropped', '1 2', 2, '{"1", "one"}');
SELECT dblink_build_sql_insert('dropped', '3', 1, '{"c2"}', '{"c3"}');
SELECT dblink_build_sql_delete('dropped', '4', 1, '{"1.50"}');
SELECT dblink_build_sql_delete('dropped', '5', 1, '{"x"}');
SELECT dblink_build_sql_insert('dropped', '4', 1, '{"1.5"}', '{"2"}');

-- values of many types come back as their text output
CREATE TABLE typed (id int PRIMARY KEY, t timestamptz, j jsonb, b bytea, f float8, arr int[], bo bool);
INSERT INTO typed VALUES (1, '2001-02-03 04:05:06+00', '{"k": "it''s"}', '\x00ff5c', 1.5e300, '{1,NULL,3}', true);
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';
SELECT dblink_build_sql_insert('typed', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_update('typed', '1', 1, '{"1"}', '{"1"}');

-- a view and a sequence open like tables
CREATE VIEW foo_view AS SELECT f1, f2 FROM foo;
SELECT dblink_build_sql_insert('foo_view', '1', 1, '{"1"}', '{"11"}');
SELECT * FROM dblink_get_pkey('foo_view');
CREATE SEQUENCE a_seq;
SELECT * FROM dblink_get_pkey('a_seq');
SELECT dblink_build_sql_delete('a_seq', '1', 1, '{"1"}');

-- privileges: SELECT on the relation is required; column privileges are not enough
CREATE TABLE secret (id int PRIMARY KEY, v text);
INSERT INTO secret VALUES (1, 'hidden');
GRANT SELECT (id) ON secret TO regress_dblink_buildsql;
CREATE TABLE shared (id int PRIMARY KEY, v text);
INSERT INTO shared VALUES (1, 'visible');
GRANT SELECT ON shared TO regress_dblink_buildsql;
SET ROLE regress_dblink_buildsql;
SELECT * FROM dblink_get_pkey('secret');
SELECT dblink_build_sql_insert('secret', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_update('secret', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_delete('secret', '1', 1, '{"1"}');
SELECT dblink_build_sql_delete('secret', '1', 0, '{"1"}');
SELECT dblink_build_sql_delete('foo_view', '1', 1, '{"1"}');
SELECT dblink_build_sql_delete('a_seq', '1', 1, '{"1"}');
SELECT dblink_build_sql_delete('"Other Schema"."user"', '1', 1, '{"1"}');
SELECT * FROM dblink_get_pkey('shared');
SELECT dblink_build_sql_insert('shared', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_update('shared', '1', 1, '{"1"}', '{"2"}');
SELECT dblink_build_sql_delete('shared', '1', 1, '{"1"}');
RESET ROLE;

-- errors inside a transaction and a subtransaction leave things usable
BEGIN;
SAVEPOINT s;
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"x", "a"}', '{"99", "xyz"}');
ROLLBACK TO SAVEPOINT s;
SELECT dblink_build_sql_insert('foo', '1 2', 2, '{"1", "b"}', '{"99", "xyz"}');
DO $$
BEGIN
  PERFORM dblink_build_sql_insert('foo', '1 2', 2, '{"x", "a"}', '{"99", "xyz"}');
EXCEPTION WHEN invalid_text_representation THEN
  RAISE NOTICE 'caught: %', SQLERRM;
END $$;
SELECT dblink_build_sql_delete('foo', '1', 1, '{"1"}');
COMMIT;

-- the statements run on a remote copy of the table
\c regression_remote
CREATE TABLE foo (f1 int, f2 text, f3 text[], PRIMARY KEY (f1, f2));
INSERT INTO foo VALUES (4, E'back\\slash', '{}');
\c :localdb
SELECT dblink_exec('dbname=regression_remote', dblink_build_sql_insert('foo', '1 2', 2, '{"3", "it''s"}', '{"3", "it''s"}'));
SELECT dblink_exec('dbname=regression_remote', dblink_build_sql_insert('foo', '1 2', 2, '{"0", "a"}', '{"10", "with\\back''slash"}'));
SELECT dblink_exec('dbname=regression_remote', dblink_build_sql_update('foo', '1 2', 2, '{"4", "back\\slash"}', '{"4", "back\\slash"}'));
SELECT dblink_exec('dbname=regression_remote', dblink_build_sql_delete('foo', '1', 1, '{"3"}'));
SELECT * FROM dblink('dbname=regression_remote', 'SELECT f1, f2, f3 FROM foo ORDER BY f1') AS t(f1 int, f2 text, f3 text[]);

-- dblink_current_query: the statement as the client sent it
SELECT dblink_current_query();
SELECT 1 AS one, dblink_current_query() AS q;
SELECT dblink_current_query() \; SELECT 2;
CREATE FUNCTION outer_query() RETURNS text LANGUAGE sql AS 'SELECT dblink_current_query()';
SELECT outer_query();
PREPARE cq AS SELECT dblink_current_query();
EXECUTE cq;
SELECT dblink_current_query() IS NOT DISTINCT FROM current_query() AS same;

SET client_min_messages = warning;
DROP OWNED BY regress_dblink_buildsql;
DROP ROLE regress_dblink_buildsql;
