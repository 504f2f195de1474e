-- jdblink and C dblink must print the same (LOCATION lines aside)
\set VERBOSITY verbose
\set SHOW_CONTEXT always
SELECT dblink_get_connections();
SELECT dblink_connect('dbname=postgres');
SELECT dblink_connect('c1', 'dbname=postgres');
SELECT dblink_connect('c1', 'dbname=postgres');
SELECT dblink_get_connections();
SELECT * FROM dblink('select 1, ''a''::text, null::int') AS t(a int, b text, c int);
SELECT * FROM dblink('c1', 'select g from generate_series(1,5) g') AS t(a int);
SELECT * FROM dblink('select 1, 2') AS t(a int);
SELECT * FROM dblink('select 1 where false') AS t(a int, b int);
SELECT * FROM dblink('select now()::date, ''1 day''::interval') AS t(d date, i interval);
SELECT * FROM dblink('set datestyle=german; select ''2020-01-02''::date') AS t(d date);
SELECT * FROM dblink('select 1/0') AS t(a int);
SELECT * FROM dblink('select 1/0', false) AS t(a int);
SELECT * FROM dblink('c1', 'select g/(3-g) from generate_series(1,5) g', false) AS t(a int);
SELECT * FROM dblink('select ''x''') AS t(a int);
SELECT * FROM dblink('create temp table tt(a int)') AS t(s text);
SELECT dblink_exec('insert into tt values (1)');
SELECT dblink_exec('c1', 'select 1');
SELECT dblink_exec('select 1/0', false);
SELECT dblink_error_message('c1');
SELECT dblink_exec('nosuch', 'select 1');
SELECT * FROM dblink('nosuch', 'select 1') AS t(a int);
SELECT dblink_disconnect('c1');
SELECT dblink_disconnect('c1');
SELECT dblink_disconnect();
SELECT dblink_disconnect();
SELECT dblink('dbname=postgres', 'select 1');
SELECT * FROM dblink('dbname=postgres', 'select 1') AS t(a int);
SELECT dblink_get_connections();
