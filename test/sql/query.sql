-- dblink(text), dblink(text,bool), dblink(text,text), dblink(text,text,bool):
-- results, row types, several statements, command results, remote errors with their
-- DETAIL/HINT/CONTEXT, fail_on_error = false, dblink_error_message after each.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE item (id int PRIMARY KEY, name text, price numeric(8,2), tags text[]);
INSERT INTO item VALUES (1, 'apple', 0.50, '{fruit,red}'), (2, 'bread', 2.25, '{bakery}'),
  (3, NULL, NULL, NULL), (4, 'cheese', 7.00, '{}');
CREATE FUNCTION fail_with_detail(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'custom failure number %', n
    USING DETAIL = 'the remote detail', HINT = 'the remote hint', ERRCODE = 'JD001';
END $$;
CREATE FUNCTION inner_divide(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN 10 / n;
END $$;
CREATE FUNCTION outer_divide(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN inner_divide(n) + 1;
END $$;
CREATE FUNCTION noisy() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'remote notice';
  RAISE WARNING 'remote warning';
  RETURN 7;
END $$;
\c :localdb

-- dblink(text, text): a connection string, a transient connection
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, name, price, tags FROM item ORDER BY id')
  AS t(id int, name text, price numeric, tags text[]);
SELECT dblink_get_connections();
-- the declared types convert the text values
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, price FROM item WHERE id < 3 ORDER BY id')
  AS t(id bigint, price text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT name FROM item WHERE id = 1') AS t(name int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT name FROM item WHERE id = 1') AS t(name varchar(3));
SELECT * FROM dblink('dbname=regression_remote', 'SELECT name FROM item WHERE id = 1') AS t(name char(3));
-- the row type must match, even for an empty result
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, name FROM item') AS t(id int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id FROM item') AS t(id int, name text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, name FROM item WHERE false') AS t(id int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, name FROM item WHERE false') AS t(id int, name text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1');
SELECT dblink('dbname=regression_remote', 'SELECT 1');
-- several statements: only the last result counts
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1; SELECT 2, ''two''') AS t(i int, s text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1, 2; SELECT 3') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1/0; SELECT 2') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 2; SELECT 1/0') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1; SELECT 2 UNION ALL SELECT 3') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1, 2 WHERE false; SELECT 3') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SET work_mem = ''3MB''; SELECT 4') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 5; SET work_mem = ''3MB''') AS t(status text);
-- command results come back as one column "status"
SELECT * FROM dblink('dbname=regression_remote', 'CREATE TABLE scratch (i int)') AS t(status text);
SELECT * FROM dblink('dbname=regression_remote', 'INSERT INTO scratch SELECT generate_series(1, 5)') AS t(status text);
SELECT * FROM dblink('dbname=regression_remote', 'UPDATE scratch SET i = i + 1 WHERE i > 3') AS t(status text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1; DELETE FROM scratch') AS t(status text);
SELECT * FROM dblink('dbname=regression_remote', 'SET work_mem = ''2MB''') AS t(status text);
SELECT * FROM dblink('dbname=regression_remote', 'DROP TABLE scratch') AS t(a text, b text);
SELECT * FROM dblink('dbname=regression_remote', '') AS t(status text);
SELECT * FROM dblink('dbname=regression_remote', ';') AS t(status text);
-- remote errors keep SQLSTATE, DETAIL, HINT and the remote CONTEXT
SELECT * FROM dblink('dbname=regression_remote', 'SELEC 1') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1/0') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT fail_with_detail(3)') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT outer_divide(0)') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT no_such_column FROM item') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT * FROM no_such_table') AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'INSERT INTO item VALUES (1, ''dup'')') AS t(status text);
-- remote notices and warnings are not shown
SELECT * FROM dblink('dbname=regression_remote', 'SELECT noisy()') AS t(i int);
-- a bad connection string fails whatever fail_on_error says
SELECT * FROM dblink('dbname=no_such_database', 'SELECT 1') AS t(i int);
SELECT * FROM dblink('dbname=no_such_database', 'SELECT 1', false) AS t(i int);
SELECT * FROM dblink('dbname', 'SELECT 1', false) AS t(i int);

-- dblink(text, text, bool) on a transient connection
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1/0', false) AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT fail_with_detail(4)', false) AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT outer_divide(0)', true) AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id FROM item ORDER BY id', false) AS t(i int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, name FROM item', false) AS t(i int);

-- named connections: dblink(text, text) and dblink(text, text, bool)
SELECT dblink_connect('q', 'dbname=regression_remote');
SELECT * FROM dblink('q', 'SELECT id, name FROM item ORDER BY id') AS t(id int, name text);
SELECT * FROM dblink('q', 'SELECT fail_with_detail(5)') AS t(i int);
SELECT dblink_error_message('q');
SELECT * FROM dblink('q', 'SELECT fail_with_detail(6)', false) AS t(i int);
SELECT dblink_error_message('q');
SELECT * FROM dblink('q', 'SELECT outer_divide(0)', false) AS t(i int);
SELECT dblink_error_message('q');
SELECT * FROM dblink('q', 'SELEC 1', false) AS t(i int);
SELECT dblink_error_message('q');
SELECT * FROM dblink('q', 'SELECT 42', false) AS t(i int);
SELECT dblink_error_message('q');
SELECT * FROM dblink('q', 'SELECT 1, 2', false) AS t(i int);
SELECT dblink_error_message('q');
SELECT * FROM dblink('q', 'SELECT ''x''', false) AS t(i int);
SELECT dblink_error_message('q');
-- the connection is still usable after all that
SELECT * FROM dblink('q', 'SELECT count(*) FROM item') AS t(n bigint);
SELECT * FROM dblink('q', 'SELECT noisy()') AS t(i int);
SELECT dblink_error_message('q');

-- the unnamed connection: dblink(text) and dblink(text, bool)
SELECT dblink_connect('dbname=regression_remote');
SELECT * FROM dblink('SELECT id, tags FROM item ORDER BY id') AS t(id int, tags text[]);
SELECT * FROM dblink('SELECT outer_divide(0)') AS t(i int);
SELECT * FROM dblink('SELECT outer_divide(0)', false) AS t(i int);
SELECT * FROM dblink('SELECT fail_with_detail(7)', false) AS t(i int);
SELECT * FROM dblink('SELECT outer_divide(5)', false) AS t(i int);
SELECT * FROM dblink('SELECT 1; SELECT 2', true) AS t(i int);
SELECT * FROM dblink('INSERT INTO item VALUES (5, ''egg'')', false) AS t(status text);
SELECT * FROM dblink('DELETE FROM item WHERE id = 5') AS t(status text);
SELECT dblink_disconnect();

-- NULL arguments: strict functions return no rows
SELECT * FROM dblink(NULL) AS t(i int);
SELECT * FROM dblink(NULL, false) AS t(i int);
SELECT * FROM dblink('SELECT 1', NULL) AS t(i int);
SELECT * FROM dblink(NULL, 'SELECT 1') AS t(i int);
SELECT * FROM dblink('q', NULL) AS t(i int);
SELECT * FROM dblink('q', 'SELECT 1', NULL) AS t(i int);
SELECT count(*) FROM dblink('q', NULL, true) AS t(i int);

-- a query the remote cannot parse, on a connection inside a remote transaction
SELECT * FROM dblink('q', 'BEGIN') AS t(status text);
SELECT * FROM dblink('q', 'SELECT 1/0', false) AS t(i int);
SELECT * FROM dblink('q', 'SELECT 1', false) AS t(i int);
SELECT dblink_error_message('q');
SELECT * FROM dblink('q', 'ROLLBACK') AS t(status text);
SELECT * FROM dblink('q', 'SELECT 1') AS t(i int);
SELECT dblink_disconnect('q');
