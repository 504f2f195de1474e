-- Issue 13, binary transfer: a result column whose remote type and declared local type
-- are the same built-in type (bool, int2, int4, int8, float4, float8, numeric, oid, text,
-- varchar, bpchar, name, bytea, date, time, timestamp, timestamptz, interval, uuid, json,
-- jsonb, arrays of these) may travel in binary; every value must come out exactly as C
-- dblink's text path gives it. The same list of queries runs twice, with
-- jdblink.binary_transfer off and on (on C dblink the SET only makes a placeholder
-- setting): edge values of every type, all ways to get rows (one-shot connection string,
-- named connection, cursor, dblink_send_query), local typmods, declared types that differ
-- from the remote ones, remote DateStyle/IntervalStyle/bytea_output/extra_float_digits,
-- several statements in one query string, remote errors in mid-result, and remote
-- databases in SQL_ASCII (bytes that are not UTF-8) and LATIN1.
-- Scalars are shown one row per line with to_json (lossless: it uses the output
-- functions, timestamps in ISO form); arrays as they are, which keeps their bounds.
-- The queries are rows of the local table cases, run with \gexec once per setting (the
-- harness feeds this file to psql on stdin, where \ir would resolve against the cwd).
\set localdb :DBNAME
\c regression_remote
-- left over by a run that was cut short
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regression_remote_sqlascii WITH (FORCE);
DROP DATABASE IF EXISTS regression_remote_latin1 WITH (FORCE);
RESET client_min_messages;
CREATE TABLE nums (id int, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, o oid);
INSERT INTO nums VALUES
  (1, true, 0, 0, 0, 0, 0, 0, 0),
  (2, false, -32768, -2147483648, -9223372036854775808, '-Infinity', '-Infinity', '-Infinity', 1),
  (3, true, 32767, 2147483647, 9223372036854775807, 'Infinity', 'Infinity', 'Infinity', 4294967295),
  (4, false, -1, -1, -1, 'NaN', 'NaN', 'NaN', 2147483648),
  (5, true, 1, 1, 1, '-0', '-0', '-0.000', 16384),
  (6, false, 42, 65536, 4294967296, '1e-45', '5e-324', '0.00000000000000000001', 12345),
  (7, true, -42, -65536, -4294967296, '3.4028235e+38', '1.7976931348623157e+308', '-123456789.987654321', 99),
  (8, false, 7, 7, 7, '1.1754944e-38', '2.2250738585072014e-308', '12345678901234567890.1234567890123456789', 7),
  (9, true, 8, 8, 8, '-3.1415927', 0.1::float8 + 0.2::float8, '1.10000', 8),
  (10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
-- long values, shown as length and md5
CREATE TABLE big (id int, n numeric, by bytea);
INSERT INTO big VALUES
  (1, repeat('9', 1000)::numeric, ''),
  (2, ('-' || repeat('1234567890', 100) || '.' || repeat('0123456789', 50))::numeric,
      (SELECT string_agg(set_byte('\x00'::bytea, 0, b), '' ORDER BY b) FROM generate_series(0, 255) b)),
  (3, ('0.' || repeat('0', 999) || '1')::numeric, '\x00'),
  (4, ('0.' || repeat('0', 16382) || '1')::numeric, decode(repeat('ff00', 5000), 'hex')),
  (5, ('-1' || repeat('0', 1000))::numeric * 1.5, NULL),
  (6, NULL, NULL);
CREATE TABLE strs (id int, t text, vc varchar(10), bp char(5), nm name, by bytea, u uuid, j json, jb jsonb);
INSERT INTO strs VALUES
  (1, 'plain', 'abc', 'ab', 'pg_class', '\x', '00000000-0000-0000-0000-000000000000', '{}', '{}'),
  (2, E'tab\there\nnewline "quotes" \\backslash ''single''', 'abc   ', 'abcde', 'Name With Spaces', '\x00ff10',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{ "a" : [1, 2 ,3] ,  "b": "x", "a": null }',
      '{ "a" : [1, 2 ,3] ,  "b": "x", "a": null }'),
  (3, E'καλημέρα こんにちは 😀👍🏽 e\u0301 你好', 'ünïcödé😀', 'äö€', 'ñame 😀 名前', '\x5c27',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '"\u00e9\ud83d\ude00 é😀"', '"\u00e9\ud83d\ude00 é😀"'),
  (4, '', '', '', '', '\x00', '12345678-9abc-def0-1234-56789abcdef0',
      E'{"nested": {"deep": [1, {"x": [true, false, null]}, 1.0e10, -0.0]},\n "t":\t"\\"q\\""}',
      E'{"nested": {"deep": [1, {"x": [true, false, null]}, 1.0e10, -0.0]},\n "t":\t"\\"q\\""}'),
  (5, repeat('long ', 20), 'x', 'x', repeat('ñ', 40), '\xdeadbeef', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12',
      E'  [ "\\u0000" ,\n 2 ]  ', '123.4500'),
  (6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE times (id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval);
INSERT INTO times VALUES
  (1, '2026-01-13', '14:15:16.123456', '2026-01-13 14:15:16.5', '2026-01-13 14:15:16.5+00',
      '1 year 2 mons -3 days 04:05:06.000007'),
  (2, '4714-11-24 BC', '00:00:00', '4714-11-24 00:00:00 BC', '4714-11-24 00:00:00+00 BC', '-1 days +02:03:04.5'),
  (3, '5874897-12-31', '24:00:00', '294276-12-31 23:59:59.999999', '294276-12-31 23:59:59.999999+00',
      '-1 year -2 mons +3 days -04:05:06'),
  (4, 'infinity', '23:59:59.999999', 'infinity', 'infinity', '178000000 years'),
  (5, '-infinity', '00:00:00.000001', '-infinity', '-infinity', '-178000000 years'),
  (6, '4713-01-01 BC', '12:00', '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC', '-00:00:00.000001'),
  (7, '1900-01-01', '23:59:59.995', '1900-01-01 12:00:00', '1900-01-01 12:00:00+00', '1 mon -1 day'),
  (8, '1850-01-01', '01:02:03', '1850-01-01 12:00:00', '1850-01-01 12:00:00+00', '0'),
  (9, '2000-02-29', '12:34:56.789', '1937-06-30 23:59:59.999999', '1937-06-30 23:50:00+00', '100 years 11 mons 29 days 23:59:59.999999'),
  (10, NULL, NULL, NULL, NULL, NULL);
-- intervals at the ends of the range, kept apart: their text form in the other
-- IntervalStyles is tested on its own
CREATE TABLE spans (id int, iv interval);
INSERT INTO spans VALUES (1, '2147483647 months'), (2, '-2147483648 months'),
  (3, '2147483647 days 2562047788:00:54.775807'), (4, '-2147483648 days -2562047788:00:54.775807'),
  (5, '2147483647 months -2147483648 days 00:00:00.000001'), (6, NULL);
CREATE TABLE arr_num (id int, ab bool[], ai2 int2[], ai4 int4[], ai8 int8[], af4 float4[], af8 float8[],
  an numeric[], ao oid[]);
INSERT INTO arr_num VALUES
  (1, '{t,f,NULL}', '{-32768,32767}', '[0:1]={1,2}', '{-9223372036854775808,NULL,9223372036854775807}',
      '{NaN,Infinity,-Infinity,-0,1e-45}', '{NaN,-0,5e-324,0.1}', '{NaN,Infinity,-Infinity,-0.000,1.10000,-123.456}',
      '{0,4294967295}'),
  (2, '{}', '{}', '{{1,2},{3,4}}', '{}', '{}', '{}', '{}', '{}'),
  (3, '{NULL}', '{NULL,NULL}', '[-2:-1]={NULL,5}', '[5:5]={7}', '{{1.5},{NULL}}', '[1:2][0:0]={{1},{2}}',
      '{{1,2},{3,4}}', '{1}'),
  (4, '{t}', '{1}', '[1:2][0:0][-1:0]={{{1,2}},{{3,4}}}', '{1}', '{3.4028235e+38}', '{1.7976931348623157e+308}',
      '{0.00000000000000000001,12345678901234567890.1234567890123456789}', '{NULL}'),
  (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE arr_str (id int, at text[], avc varchar(5)[], abp char(3)[], anm name[], aby bytea[], au uuid[],
  aj json[], ajb jsonb[]);
INSERT INTO arr_str VALUES
  (1, '{"a b","with \"quote\"","back\\slash",NULL,"NULL","",ünï😀}', '{abc,"ab  ",NULL}', '{a,abc,NULL}',
      '{pg_class,"x y",NULL}', '{"\\x","\\x00ff",NULL}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}',
      '{"{\"a\": 1}","[1,  2]","\"s\"",null,NULL}', '{"{\"a\": 1}","[1,  2]","\"s\"",null,NULL}'),
  (2, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'),
  (3, '[0:1][1:2]={{a,b},{c,NULL}}', '[0:0]={x}', '{{a},{b}}', '[2:2]={n}', '{{"\\xff"},{NULL}}', '{}',
      '[0:0]={"{ \"k\" : \"ü\" }"}', '[0:0]={"{ \"k\" : \"ü\" }"}'),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE arr_time (id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[]);
INSERT INTO arr_time VALUES
  (1, '{2026-01-13,infinity,-infinity,"4714-11-24 BC",NULL}', '{00:00,24:00:00,12:34:56.789,NULL}',
      '{"2026-01-13 14:15:16.5",infinity,"294276-12-31 23:59:59.999999","4713-01-01 00:00:00 BC"}',
      '{"1900-01-01 12:00:00+00","1850-01-01 12:00+00","2026-01-13 12:00+00",-infinity,NULL}',
      '{"1 year 2 mons -3 days 04:05:06.000007","-1 days +02:03:04.5","178000000 years",NULL}'),
  (2, '{}', '{}', '{}', '{}', '{}'),
  (3, '[0:1]={2026-01-13,NULL}', '{{01:00},{02:00}}', '[-1:-1]={"2000-02-29 00:00:00"}',
      '[0:0][0:1]={{"1937-06-30 23:50:00+00",infinity}}', '[0:0]={"-00:00:00.000001"}'),
  (4, NULL, NULL, NULL, NULL, NULL);
\c :localdb
SET TimeZone = 'UTC';
CREATE DOMAIN posint AS int CHECK (VALUE > 0);

-- remote databases in other encodings, made through dblink_exec: SQL_ASCII holding bytes
-- that are not valid UTF-8, and LATIN1 with non-ASCII text
SELECT dblink_exec('dbname=regression_remote',
  $$CREATE DATABASE regression_remote_sqlascii ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'$$);
SELECT dblink_exec('dbname=regression_remote',
  $$CREATE DATABASE regression_remote_latin1 ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'$$);
SELECT dblink_exec('dbname=regression_remote_sqlascii', $$
  CREATE TABLE raw (id int, t text, vc varchar(10), j json, jb jsonb, ta text[]);
  INSERT INTO raw VALUES
    (1, 'plain', 'plain', '"plain"', '"plain"', '{plain}'),
    (2, E'caf\xe9', E'caf\xe9', E'"caf\xe9"', E'"caf\xe9"', E'{caf\xe9,x}'),
    (3, E'\xc3\xa9t\xc3\xa9', E'\xc3\xa9t\xc3\xa9', E'"\xc3\xa9t\xc3\xa9"', E'"\xc3\xa9t\xc3\xa9"', E'{\xc3\xa9t\xc3\xa9}'),
    (4, E'\xff\xfe', E'\xff\xfe', E'"\xff\xfe"', E'"\xff\xfe"', E'{\xff\xfe}'),
    (5, E'cut \xe2\x82', E'cut \xe2\x82', E'"cut \xe2\x82"', E'"cut \xe2\x82"', E'{"cut \xe2\x82"}'),
    (6, E'a\x80b', E'a\x80b', E'{"a\x80b": 1}', E'{"a\x80b": 1}', E'{a\x80b}'),
    (7, NULL, NULL, NULL, NULL, NULL)$$);
SELECT dblink_exec('dbname=regression_remote_latin1', $$
  CREATE TABLE lat (id int, t text, vc varchar(5), bp char(5), nm name, j json, jb jsonb, ta text[]);
  INSERT INTO lat VALUES
    (1, 'café ñ ß ÿ ©', 'çàéîõ', 'äöü', 'nämé', '{"k": "\u00e9 é"}', '{"k": "\u00e9 é"}', '{é,"ü ö",NULL}'),
    (2, E'\xa0\xff\xe9 raw', E'\xa0\xff', E'\xe9', E'\xe9', E'"\xe9"', E'"\xe9"', E'{\xe9}'),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  CREATE TABLE longname (nm name);
  INSERT INTO longname VALUES (repeat('é', 40))$$);

-- The queries, run once per setting. Column lists of the remote tables:
--   nums     (id int, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, o oid)
--   strs     (id int, t text, vc varchar(10), bp char(5), nm name, by bytea, u uuid, j json, jb jsonb)
--   times    (id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)
--   arr_num  (id int, ab bool[], ai2 int2[], ai4 int4[], ai8 int8[], af4 float4[], af8 float8[], an numeric[], ao oid[])
--   arr_str  (id int, at text[], avc varchar(5)[], abp char(3)[], anm name[], aby bytea[], au uuid[], aj json[], ajb jsonb[])
--   arr_time (id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[])
CREATE TABLE cases (n int GENERATED ALWAYS AS IDENTITY, q text);
INSERT INTO cases (q) VALUES ($c$SELECT current_setting('jdblink.binary_transfer') AS binary_transfer$c$),
-- every type on a one-shot connection string (remote TimeZone with seconds offsets in 1900)
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT * FROM nums ORDER BY id')
  AS r(id int, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, o oid)$c$),
($c$SELECT id, scale(n), length(n::text), md5(n::text), length(by), md5(by)
  FROM dblink('dbname=regression_remote', 'SELECT * FROM big ORDER BY id') AS r(id int, n numeric, by bytea)$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT * FROM strs ORDER BY id')
  AS r(id int, t text, vc varchar(10), bp char(5), nm name, by bytea, u uuid, j json, jb jsonb)$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote options=-cTimeZone=Europe/Amsterdam',
  'SELECT * FROM times ORDER BY id') AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT * FROM spans ORDER BY id') AS r(id int, iv interval)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT * FROM arr_num ORDER BY id')
  AS r(id int, ab bool[], ai2 int2[], ai4 int4[], ai8 int8[], af4 float4[], af8 float8[], an numeric[], ao oid[])$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT * FROM arr_str ORDER BY id')
  AS r(id int, at text[], avc varchar(5)[], abp char(3)[], anm name[], aby bytea[], au uuid[], aj json[], ajb jsonb[])$c$),
($c$SELECT * FROM dblink('dbname=regression_remote options=-cTimeZone=Europe/Amsterdam', 'SELECT * FROM arr_time ORDER BY id')
  AS r(id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[])$c$),
-- a named connection (remote TimeZone Asia/Kolkata), a cursor on it, dblink_send_query
($c$SELECT dblink_connect('named', 'dbname=regression_remote')$c$),
($c$SELECT dblink_exec('named', 'SET TimeZone = ''Asia/Kolkata''')$c$),
($c$SELECT to_json(r) FROM dblink('named', 'SELECT * FROM times ORDER BY id')
  AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
($c$SELECT * FROM dblink('named', 'SELECT * FROM arr_time ORDER BY id')
  AS r(id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[])$c$),
($c$SELECT to_json(r) FROM dblink('named', 'SELECT * FROM nums ORDER BY id')
  AS r(id int, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, o oid)$c$),
($c$SELECT dblink_open('named', 'c', 'SELECT * FROM strs ORDER BY id')$c$),
($c$SELECT to_json(r) FROM dblink_fetch('named', 'c', 2)
  AS r(id int, t text, vc varchar(10), bp char(5), nm name, by bytea, u uuid, j json, jb jsonb)$c$),
($c$SELECT to_json(r) FROM dblink_fetch('named', 'c', 10)
  AS r(id int, t text, vc varchar(10), bp char(5), nm name, by bytea, u uuid, j json, jb jsonb)$c$),
($c$SELECT dblink_close('named', 'c')$c$),
($c$SELECT dblink_open('named', 'c', 'SELECT * FROM arr_num ORDER BY id')$c$),
($c$SELECT * FROM dblink_fetch('named', 'c', 3)
  AS r(id int, ab bool[], ai2 int2[], ai4 int4[], ai8 int8[], af4 float4[], af8 float8[], an numeric[], ao oid[])$c$),
($c$SELECT * FROM dblink_fetch('named', 'c', 3)
  AS r(id int, ab bool[], ai2 int2[], ai4 int4[], ai8 int8[], af4 float4[], af8 float8[], an numeric[], ao oid[])$c$),
($c$SELECT dblink_close('named', 'c')$c$),
($c$SELECT dblink_send_query('named', 'SELECT * FROM arr_str ORDER BY id')$c$),
($c$SELECT * FROM dblink_get_result('named')
  AS r(id int, at text[], avc varchar(5)[], abp char(3)[], anm name[], aby bytea[], au uuid[], aj json[], ajb jsonb[])$c$),
($c$SELECT * FROM dblink_get_result('named') AS r(id int, at text[])$c$),
($c$SELECT dblink_send_query('named', 'SELECT * FROM big ORDER BY id; SELECT * FROM times WHERE id % 3 = 1 ORDER BY id')$c$),
($c$SELECT id, scale(n), length(n::text), md5(n::text), length(by), md5(by)
  FROM dblink_get_result('named') AS r(id int, n numeric, by bytea)$c$),
($c$SELECT to_json(r) FROM dblink_get_result('named') AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
($c$SELECT * FROM dblink_get_result('named') AS r(id int)$c$),
-- local typmods: the value is coerced exactly as the input function with that typmod does
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote',
  $$SELECT * FROM (VALUES (1234.565), (-1234.565), (0.005), (-0.004), (99999999.999), ('NaN'), (NULL)) v$$)
  AS r(n numeric(12,2))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT 9999999999.995') AS r(n numeric(12,2))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', $$SELECT 'Infinity'::numeric$$) AS r(n numeric(12,2))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', $$SELECT '{1.005,-2.5,NaN}'::numeric[]$$) AS r(n numeric(5,2)[])$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', $$SELECT '{1.005,1000}'::numeric[]$$) AS r(n numeric(5,2)[])$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT id, ts, ts, tstz, tm, iv, iv FROM times WHERE id <> 3 ORDER BY id')
  AS r(id int, ts0 timestamp(0), ts3 timestamp(3), tstz0 timestamptz(0), tm2 time(2), iv0 interval(0), ivy interval year)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT ts FROM times WHERE id = 3') AS r(ts timestamp(0))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT tm FROM times WHERE id = 3') AS r(tm time(0))$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT id, iv FROM spans ORDER BY id') AS r(id int, iv interval(0))$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT id, vc, bp, vc, bp FROM strs WHERE id IN (1, 2, 4, 6) ORDER BY id')
  AS r(id int, vc varchar(3), bp char(5), vcc char(3), bpv varchar(5))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT vc FROM strs ORDER BY id') AS r(vc varchar(3))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT bp FROM strs ORDER BY id') AS r(bp char(3))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT avc, abp FROM arr_str WHERE id <> 1') AS r(avc varchar(1)[], abp char(1)[])$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT avc FROM arr_str ORDER BY id') AS r(avc varchar(2)[])$c$),
-- declared types that differ from the remote ones (these take the text path)
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT id, i4, i4, i2, i8, n, f8, f4, b, o FROM nums ORDER BY id')
  AS r(id int, i4_as_i8 int8, i4_as_oid oid, i2_as_num numeric, i8_as_text text, n_as_f8 float8, f8_as_num numeric,
       f4_as_f8 float8, b_as_text text, o_as_i8 int8)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT t FROM strs WHERE id = 1') AS r(t int)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT i8 FROM nums WHERE id = 3') AS r(i int4)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT n FROM nums WHERE id = 7') AS r(i int4)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT i4 FROM nums WHERE id IN (3, 6, 8)') AS r(i posint)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT i4 FROM nums WHERE id = 4') AS r(i posint)$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote options=-cTimeZone=Europe/Amsterdam',
  'SELECT id, tstz, ts, d, tstz FROM times WHERE id NOT IN (2, 3) ORDER BY id')
  AS r(id int, tstz_as_ts timestamp, ts_as_tstz timestamptz, d_as_ts timestamp, tstz_as_d date)$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT id, t, vc, bp, nm, nm, by, u, j, jb, jb FROM strs ORDER BY id')
  AS r(id int, t_as_vc varchar, vc_as_t text, bp_as_t text, nm_as_t text, nm_as_vc varchar(40), by_as_t text,
       u_as_t text, j_as_jb jsonb, jb_as_j json, jb_as_t text)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT t FROM strs WHERE id = 2') AS r(j json)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', $$SELECT repeat('ab', 40)$$) AS r(nm name)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT ai4, ai8, an, at, atstz FROM arr_num, arr_str, arr_time WHERE arr_num.id = arr_str.id AND arr_str.id = arr_time.id ORDER BY arr_num.id')
  AS r(ai4_as_i8 int8[], ai8_as_num numeric[], an_as_f8 float8[], at_as_vc varchar[], atstz_as_t text[])$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT ai4 FROM arr_num ORDER BY id') AS r(ai4 text)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT at FROM arr_str WHERE id = 1') AS r(at int[])$c$),
-- the remote session's DateStyle, IntervalStyle, bytea_output and extra_float_digits,
-- set with dblink_exec on a named connection
($c$SELECT dblink_connect('styled', 'dbname=regression_remote')$c$),
($c$SELECT dblink_exec('styled', 'SET DateStyle = ''SQL, DMY''')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT * FROM times ORDER BY id')
  AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
($c$SELECT * FROM dblink('styled', 'SELECT * FROM arr_time ORDER BY id')
  AS r(id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[])$c$),
($c$SELECT dblink_exec('styled', 'SET DateStyle = ''German''')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT * FROM times ORDER BY id')
  AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
($c$SELECT * FROM dblink('styled', 'SELECT * FROM arr_time ORDER BY id')
  AS r(id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[])$c$),
($c$SELECT dblink_open('styled', 'c', 'SELECT * FROM arr_time ORDER BY id')$c$),
($c$SELECT * FROM dblink_fetch('styled', 'c', 10)
  AS r(id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[])$c$),
($c$SELECT dblink_close('styled', 'c')$c$),
($c$SELECT dblink_exec('styled', 'SET DateStyle = ''Postgres, DMY''')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT * FROM times ORDER BY id')
  AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
-- a style whose dates the local side cannot read back: dates in the Postgres style are
-- printed month first unless DMY is set
($c$SELECT dblink_exec('styled', 'SET DateStyle = ''Postgres, YMD''')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT * FROM times ORDER BY id')
  AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
($c$SELECT dblink_exec('styled', 'RESET DateStyle')$c$),
($c$SELECT dblink_exec('styled', 'SET IntervalStyle = ''sql_standard''')$c$),
($c$SELECT * FROM dblink('styled', 'SELECT t.id, iv, aiv FROM times t LEFT JOIN arr_time USING (id) ORDER BY id')
  AS r(id int, iv interval, aiv interval[])$c$),
($c$SELECT * FROM dblink('styled', 'SELECT * FROM spans ORDER BY id') AS r(id int, iv interval)$c$),
($c$SELECT dblink_exec('styled', 'SET IntervalStyle = ''iso_8601''')$c$),
($c$SELECT * FROM dblink('styled', 'SELECT t.id, iv, aiv FROM times t LEFT JOIN arr_time USING (id) ORDER BY id')
  AS r(id int, iv interval, aiv interval[])$c$),
($c$SELECT * FROM dblink('styled', 'SELECT * FROM spans ORDER BY id') AS r(id int, iv interval)$c$),
($c$SELECT dblink_exec('styled', 'SET IntervalStyle = ''postgres_verbose''')$c$),
($c$SELECT * FROM dblink('styled', 'SELECT t.id, iv, aiv FROM times t LEFT JOIN arr_time USING (id) ORDER BY id')
  AS r(id int, iv interval, aiv interval[])$c$),
($c$SELECT * FROM dblink('styled', 'SELECT * FROM spans ORDER BY id') AS r(id int, iv interval)$c$),
($c$SELECT dblink_exec('styled', 'RESET IntervalStyle')$c$),
($c$SELECT dblink_exec('styled', 'SET bytea_output = ''escape''')$c$),
($c$SELECT * FROM dblink('styled', 'SELECT s.id, by, aby FROM strs s LEFT JOIN arr_str USING (id) ORDER BY id')
  AS r(id int, by bytea, aby bytea[])$c$),
($c$SELECT id, length(by), md5(by) FROM dblink('styled', 'SELECT id, by FROM big ORDER BY id') AS r(id int, by bytea)$c$),
($c$SELECT dblink_exec('styled', 'SET extra_float_digits = 3')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT id, f4, f8 FROM nums ORDER BY id') AS r(id int, f4 float4, f8 float8)$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT 1 / 3::float4, 1 / 3::float8, pi()::float4, pi(), 1e23::float8, 0.1::float4::float8')
  AS r(third4 float4, third8 float8, pi4 float4, pi8 float8, e23 float8, f4_as_f8 float8)$c$),
($c$SELECT * FROM dblink('styled', 'SELECT af4, af8 FROM arr_num ORDER BY id') AS r(af4 float4[], af8 float8[])$c$),
($c$SELECT dblink_exec('styled', 'RESET extra_float_digits')$c$),
-- timestamptz in the SQL, German and Postgres DateStyles carries a zone abbreviation,
-- which the local side reads with its own abbreviation table: C dblink then gets other
-- instants (IST is read as Israel time, AMT as Amazon time) or fails (LMT). That is the
-- expected result, binary transfer or not.
($c$SELECT dblink_exec('styled', 'SET DateStyle = ''SQL, DMY''')$c$),
($c$SELECT dblink_exec('styled', 'SET TimeZone = ''Europe/Amsterdam''')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT id, tstz FROM times WHERE id IN (1, 4, 5, 10) ORDER BY id') AS r(id int, tstz timestamptz)$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT id, tstz FROM times WHERE id = 7') AS r(id int, tstz timestamptz)$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT id, tstz FROM times WHERE id = 9') AS r(id int, tstz timestamptz)$c$),
($c$SELECT dblink_exec('styled', 'SET TimeZone = ''Asia/Kolkata''')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT id, tstz FROM times WHERE id IN (1, 4, 5, 10) ORDER BY id') AS r(id int, tstz timestamptz)$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT id, tstz FROM times WHERE id = 8') AS r(id int, tstz timestamptz)$c$),
($c$SELECT dblink_exec('styled', 'SET DateStyle = ''ISO''')$c$),
($c$SELECT to_json(r) FROM dblink('styled', 'SELECT id, tstz FROM times ORDER BY id') AS r(id int, tstz timestamptz)$c$),
($c$SELECT dblink_disconnect('styled')$c$),
-- several statements in one query string, a trailing semicolon, failures part-way
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote',
  $$SET TimeZone = 'Asia/Kolkata'; SELECT * FROM times ORDER BY id$$)
  AS r(id int, d date, tm time, ts timestamp, tstz timestamptz, iv interval)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT * FROM arr_num WHERE id = 4; SELECT * FROM arr_num ORDER BY id')
  AS r(id int, ab bool[], ai2 int2[], ai4 int4[], ai8 int8[], af4 float4[], af8 float8[], an numeric[], ao oid[])$c$),
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote', 'SELECT * FROM strs ORDER BY id;')
  AS r(id int, t text, vc varchar(10), bp char(5), nm name, by bytea, u uuid, j json, jb jsonb)$c$),
($c$SELECT * FROM dblink('named', 'SELECT * FROM arr_time ORDER BY id ;  ')
  AS r(id int, ad date[], atm time[], ats timestamp[], atstz timestamptz[], aiv interval[])$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT * FROM nums ORDER BY id; SELECT 1/0')
  AS r(id int, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, o oid)$c$),
($c$SELECT * FROM dblink('named', 'SELECT * FROM nums ORDER BY id; SELECT 1/0', false)
  AS r(id int, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, o oid)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote', 'SELECT id, f8, 10 / (5 - id) FROM (SELECT * FROM nums ORDER BY id OFFSET 0) s', false)
  AS r(id int, f8 float8, q int)$c$),
($c$SELECT * FROM dblink('named', 'SELECT id, tstz, 10 / (5 - id) FROM (SELECT * FROM times ORDER BY id OFFSET 0) s', false)
  AS r(id int, tstz timestamptz, q int)$c$),
($c$SELECT * FROM dblink('named', 'SELECT id, tstz, 10 / (5 - id) FROM (SELECT * FROM times ORDER BY id OFFSET 0) s')
  AS r(id int, tstz timestamptz, q int)$c$),
($c$SELECT dblink_error_message('named')$c$),
($c$SELECT dblink_open('named', 'e', 'SELECT id, ai4, 10 / (3 - id) FROM (SELECT * FROM arr_num ORDER BY id OFFSET 0) s')$c$),
($c$SELECT * FROM dblink_fetch('named', 'e', 2) AS r(id int, ai4 int4[], q int)$c$),
($c$SELECT * FROM dblink_fetch('named', 'e', 2, false) AS r(id int, ai4 int4[], q int)$c$),
($c$SELECT dblink_error_message('named')$c$),
($c$SELECT dblink_exec('named', 'ROLLBACK')$c$),
($c$SELECT dblink_send_query('named', 'SELECT id, jb, 10 / (3 - id) FROM (SELECT * FROM strs ORDER BY id OFFSET 0) s')$c$),
($c$SELECT * FROM dblink_get_result('named', false) AS r(id int, jb jsonb, q int)$c$),
($c$SELECT * FROM dblink_get_result('named', false) AS r(id int, jb jsonb, q int)$c$),
-- a local conversion error part-way leaves the named connection usable
($c$SELECT * FROM dblink('named', 'SELECT id, vc FROM strs ORDER BY id') AS r(id int, vc varchar(3))$c$),
($c$SELECT to_json(r) FROM dblink('named', 'SELECT id, vc FROM strs ORDER BY id') AS r(id int, vc varchar(10))$c$),
($c$SELECT dblink_disconnect('named')$c$),
-- SQL_ASCII remote: its bytes go out unconverted when they are valid UTF-8; a value that
-- is not fails on the remote side (the server checks what it sends to a UTF8 client)
($c$SELECT to_json(r) FROM dblink('dbname=regression_remote_sqlascii', 'SELECT * FROM raw WHERE id IN (1, 3, 7) ORDER BY id')
  AS r(id int, t text, vc varchar(10), j json, jb jsonb, ta text[])$c$),
($c$SELECT to_json(r), octet_length(r.v) FROM dblink('dbname=regression_remote_sqlascii', 'SELECT t, t, t FROM raw WHERE id = 3')
  AS r(v varchar(3), c char(4), nm name)$c$),
($c$SELECT id, octet_length(t), encode(textsend(t), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, t FROM raw ORDER BY id') AS r(id int, t text)$c$),
($c$SELECT id, octet_length(t), encode(textsend(t), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, t FROM raw WHERE id = 4') AS r(id int, t text)$c$),
($c$SELECT id, octet_length(t), encode(textsend(t), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, t FROM raw WHERE id = 5') AS r(id int, t text)$c$),
($c$SELECT id, octet_length(t), encode(textsend(t), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, t FROM raw WHERE id = 6') AS r(id int, t text)$c$),
($c$SELECT id, octet_length(vc), encode(textsend(vc::text), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, vc FROM raw ORDER BY id') AS r(id int, vc varchar(10))$c$),
($c$SELECT id, octet_length(j::text), encode(textsend(j::text), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, j FROM raw ORDER BY id') AS r(id int, j json)$c$),
($c$SELECT id, octet_length(jb::text), encode(textsend(jb::text), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, jb FROM raw ORDER BY id') AS r(id int, jb jsonb)$c$),
($c$SELECT id, cardinality(ta), encode(textsend(ta[1]), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, ta FROM raw ORDER BY id') AS r(id int, ta text[])$c$),
($c$SELECT id, cardinality(ta), encode(textsend(ta[1]), 'hex')
  FROM dblink('dbname=regression_remote_sqlascii', 'SELECT id, ta FROM raw WHERE id = 6') AS r(id int, ta text[])$c$),
-- LATIN1 remote: converted to the local UTF8
($c$SELECT to_json(r), octet_length(r.t) FROM dblink('dbname=regression_remote_latin1', 'SELECT * FROM lat ORDER BY id')
  AS r(id int, t text, vc varchar(5), bp char(5), nm name, j json, jb jsonb, ta text[])$c$),
($c$SELECT nm, octet_length(nm) FROM dblink('dbname=regression_remote_latin1', 'SELECT nm FROM longname') AS r(nm name)$c$),
($c$SELECT * FROM dblink('dbname=regression_remote_latin1', 'SELECT t FROM lat WHERE id = 1') AS r(vc varchar(5))$c$),
($c$SELECT * FROM dblink('dbname=regression_remote_latin1', $$SELECT '€'::text$$) AS r(t text)$c$);

SET jdblink.binary_transfer = off;
SELECT q FROM cases ORDER BY n \gexec
SET jdblink.binary_transfer = on;
SELECT q FROM cases ORDER BY n \gexec
RESET jdblink.binary_transfer;
SELECT dblink_get_connections();

-- cleanup over psql's own connection, so that it does not depend on the extension under test
\c regression_remote
DROP DATABASE regression_remote_sqlascii;
DROP DATABASE regression_remote_latin1;
