-- Values on the way through: types, unicode, encodings, NULLs and empty strings,
-- multi-megabyte values, many rows, many columns, and the remote DateStyle /
-- IntervalStyle being used while the text values are converted.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE sample (id int PRIMARY KEY, label text, amount numeric, seen timestamptz,
  span interval, flags bool[], doc jsonb, raw bytea);
INSERT INTO sample VALUES
  (1, 'plain', 12.5, '2026-01-13 14:15:16+00', '1 day 02:03:04', '{t,f}', '{"a": [1, 2]}', '\x00ff10'),
  (2, E'tab\there\nnewline "quotes" \\backslash', -0.001, '1999-12-31 23:59:59.999999+00',
      '-1 days -02:03:04', '{}', '"text"', ''),
  (3, '', 'NaN', 'infinity', '1 year 2 mons -3 days', NULL, 'null', NULL),
  (4, NULL, NULL, NULL, NULL, '{NULL}', NULL, '\x5c27');
CREATE TABLE words (lang text, word text);
INSERT INTO words VALUES ('el', 'καλημέρα'), ('ja', 'こんにちは'), ('emoji', '😀👍🏽'),
  ('combining', E'e\u0301'), ('de', 'Grüße'), ('zh', '你好');
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE pair AS (x int, y text);
\c :localdb
SET TimeZone = 'UTC';
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE pair AS (x int, y text);

-- types, NULLs and empty strings
SELECT * FROM dblink('dbname=regression_remote options=-cTimeZone=UTC',
  'SELECT id, label, amount, seen, span, flags, doc, raw FROM sample ORDER BY id')
  AS t(id int, label text, amount numeric, seen timestamptz, span interval, flags bool[], doc jsonb, raw bytea);
SELECT id, label IS NULL AS label_null, label = '' AS label_empty, raw IS NULL AS raw_null
  FROM dblink('dbname=regression_remote', 'SELECT id, label, raw FROM sample ORDER BY id')
  AS t(id int, label text, raw bytea);
SELECT * FROM dblink('dbname=regression_remote', $$SELECT 'happy'::mood, ROW(1, 'a b')::pair,
    ARRAY[ROW(2, 'c')::pair, NULL], '1e-30'::float8, 'Infinity'::float4, 12345678901234567890::numeric * 1e40,
    '192.168.0.1/24'::inet, '(1,2)'::point, 'a fat cat'::tsvector, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid$$)
  AS t(m mood, p pair, ps pair[], f8 float8, f4 float4, n numeric, i inet, pt point, tv tsvector, u uuid);
SELECT * FROM dblink('dbname=regression_remote', $$SELECT 'nope'::text$$) AS t(m mood);
SELECT * FROM dblink('dbname=regression_remote options=-cbytea_output=escape', 'SELECT raw FROM sample WHERE id = 1')
  AS t(raw bytea);
SELECT * FROM dblink('dbname=regression_remote options=-cextra_float_digits=0', 'SELECT 0.1::float8 + 0.2')
  AS t(f float8);

-- unicode
SELECT * FROM dblink('dbname=regression_remote', 'SELECT lang, word, length(word), octet_length(word) FROM words ORDER BY lang')
  AS t(lang text, word text, chars int, bytes int);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT ''ünïcödé in the query: €, 😀''') AS t(s text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1/0 AS "ünïcödé"') AS t(s text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT * FROM "tâble_😀"') AS t(s text);
SELECT dblink_exec('dbname=regression_remote', 'CREATE TABLE "tâble_😀" ("cölumn" text)');
SELECT dblink_exec('dbname=regression_remote', 'INSERT INTO "tâble_😀" VALUES (''💡'')');
SELECT * FROM dblink('dbname=regression_remote', 'SELECT "cölumn" FROM "tâble_😀"') AS t(s text);
-- a remote client encoding other than the local database's is switched to it
SELECT dblink_connect('latin', 'dbname=regression_remote client_encoding=LATIN1');
SELECT * FROM dblink('latin', 'SHOW client_encoding') AS t(e text);
SELECT * FROM dblink('latin', 'SELECT word FROM words WHERE lang IN (''emoji'', ''ja'') ORDER BY lang') AS t(w text);
SELECT dblink_disconnect('latin');
SELECT dblink_connect('latin', 'dbname=regression_remote options=-cclient_encoding=LATIN1');
SELECT * FROM dblink('latin', 'SHOW client_encoding') AS t(e text);
SELECT * FROM dblink('latin', 'SELECT word FROM words WHERE lang = ''zh''') AS t(w text);
SELECT dblink_disconnect('latin');

-- large values and many rows
SELECT length(s), md5(s) FROM dblink('dbname=regression_remote', 'SELECT repeat(''0123456789abcdef'', 384 * 1024)') AS t(s text);
SELECT length(s), octet_length(s), md5(s)
  FROM dblink('dbname=regression_remote', 'SELECT repeat(''é😀x'', 700000)') AS t(s text);
SELECT length(b), md5(b)
  FROM dblink('dbname=regression_remote', 'SELECT decode(repeat(''00ff7f80'', 500000), ''hex'')') AS t(b bytea);
SELECT dblink_exec('dbname=regression_remote', 'CREATE TABLE big AS SELECT repeat(''z'', 3000000) AS s');
SELECT dblink_exec('dbname=regression_remote', 'INSERT INTO big SELECT ' || quote_literal(repeat('long literal ', 200000)));
SELECT length(s), md5(s) FROM dblink('dbname=regression_remote', 'SELECT s FROM big ORDER BY length(s)') AS t(s text);
SELECT count(*), sum(i), min(s), max(s)
  FROM dblink('dbname=regression_remote', 'SELECT i, md5(i::text) FROM generate_series(1, 200000) i') AS t(i int, s text);
SELECT * FROM dblink('dbname=regression_remote', 'SELECT i FROM generate_series(1, 100000) i') AS t(i int) WHERE i % 25000 = 0;

-- many columns: every third one NULL; extra local columns make the row types differ
CREATE FUNCTION wide(ncols int, extra int)
RETURNS TABLE (first int, second int, middle int, last int, nonnulls int, nulls int)
LANGUAGE plpgsql AS $$
DECLARE
  remote_query text;
  coldefs text;
BEGIN
  SELECT 'SELECT ' || string_agg(CASE WHEN i % 3 = 0 THEN 'NULL' ELSE i::text END, ', '),
         string_agg(format('c%s int', i), ', ')
    INTO remote_query, coldefs
    FROM generate_series(1, ncols) i;
  FOR i IN 1..extra LOOP
    coldefs := coldefs || format(', x%s int', i);
  END LOOP;
  RETURN QUERY EXECUTE format(
    'SELECT t.c1, t.c2, t.c%s, t.c%s, n.nonnulls::int, n.nulls::int
       FROM dblink(%L, %L) AS t(%s),
       LATERAL (SELECT count(*) FILTER (WHERE jsonb_typeof(value) <> ''null'') AS nonnulls,
                       count(*) FILTER (WHERE jsonb_typeof(value) = ''null'') AS nulls
                  FROM jsonb_each(to_jsonb(t))) AS n',
    ncols / 2 + 1, ncols, 'dbname=regression_remote', remote_query, coldefs);
END $$;
SELECT * FROM wide(1200, 0);
SELECT * FROM wide(12, 1);
SELECT * FROM wide(3, 0);

-- DateStyle and IntervalStyle of the remote session are used for the conversion
SHOW DateStyle;
SHOW IntervalStyle;
SELECT * FROM dblink('dbname=regression_remote options=''-cDateStyle=SQL,DMY -cTimeZone=UTC''',
  $$SELECT '2026-01-13'::date, '2026-01-13 14:15:16+00'::timestamptz, '2026-01-13 14:15:16'::timestamp, current_setting('DateStyle')$$)
  AS t(d date, ts timestamptz, tsn timestamp, remote_style text);
SELECT * FROM dblink('dbname=regression_remote options=-cDateStyle=German',
  $$SELECT '2026-01-13'::date, '2026-12-31'::date$$) AS t(d1 date, d2 date);
SELECT * FROM dblink('dbname=regression_remote options=-cDateStyle=Postgres,DMY',
  $$SELECT '2026-01-13 01:02:03'::timestamp$$) AS t(ts timestamp);
SELECT * FROM dblink('dbname=regression_remote options=-cIntervalStyle=sql_standard',
  $$SELECT '-1 day -02:03:04'::interval, '1 year 2 mons'::interval, '-1 year -2 mons +3 days'::interval$$)
  AS t(i1 interval, i2 interval, i3 interval);
SELECT * FROM dblink('dbname=regression_remote options=-cIntervalStyle=iso_8601',
  $$SELECT '-1 day -02:03:04'::interval, '1 year 2 mons 4 days 00:00:01.5'::interval$$) AS t(i1 interval, i2 interval);
SELECT * FROM dblink('dbname=regression_remote options=-cIntervalStyle=postgres_verbose',
  $$SELECT '-1 day -02:03:04'::interval$$) AS t(i1 interval);
-- the local settings are unchanged afterwards, also after a failed conversion
SELECT * FROM dblink('dbname=regression_remote options=-cDateStyle=German',
  $$SELECT 'not a date'$$) AS t(d date);
SHOW DateStyle;
SHOW IntervalStyle;
-- a local DateStyle that differs from the default is restored too
SET DateStyle = 'Postgres, MDY';
SET IntervalStyle = 'postgres_verbose';
SELECT * FROM dblink('dbname=regression_remote', $$SELECT '2026-01-13'::date, '3 days'::interval$$) AS t(d date, i interval);
SELECT * FROM dblink('dbname=regression_remote options=-cDateStyle=ISO,DMY', $$SELECT '2026-01-13'::date$$) AS t(d date);
SHOW DateStyle;
SHOW IntervalStyle;
RESET DateStyle;
RESET IntervalStyle;
-- a remote database default, and a style changed with SET inside the remote session
ALTER DATABASE regression_remote SET DateStyle = 'SQL, DMY';
ALTER DATABASE regression_remote SET IntervalStyle = 'sql_standard';
SELECT dblink_connect('styled', 'dbname=regression_remote');
SELECT * FROM dblink('styled', $$SELECT '2026-01-13'::date, '-1 day -02:03:04'::interval, current_setting('DateStyle')$$)
  AS t(d date, i interval, remote_style text);
SELECT dblink_exec('styled', 'SET DateStyle = ''German''');
SELECT dblink_exec('styled', 'SET IntervalStyle = ''postgres''');
SELECT * FROM dblink('styled', $$SELECT '2026-01-13'::date, '-1 day -02:03:04'::interval, current_setting('DateStyle')$$)
  AS t(d date, i interval, remote_style text);
SELECT * FROM dblink('styled', 'SET DateStyle = ''Postgres, DMY''') AS t(status text);
SELECT * FROM dblink('styled', $$SELECT '2026-01-13'::date$$) AS t(d date);
SELECT dblink_disconnect('styled');
SHOW DateStyle;
SHOW IntervalStyle;
ALTER DATABASE regression_remote RESET ALL;
