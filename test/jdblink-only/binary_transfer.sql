-- jdblink.binary_transfer (jdblink only): which columns travel in binary, seen in the
-- bytes the connection received (jdblink_connections()), and floats (docs/binary-transfer.md).
-- That every value is the same as C dblink's is test/sql/binary_types.sql's.
SELECT dblink_exec('dbname=regression_remote', $$
  CREATE TABLE blobs AS SELECT g AS id, decode(repeat('ab', 1000), 'hex') AS b FROM generate_series(1, 100) g$$);
SELECT dblink_connect('c', 'dbname=regression_remote');
SHOW jdblink.binary_transfer;
-- bytes received for a query, from the connection's counter (called in FROM: once)
CREATE FUNCTION received_by(q text, declared text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  before bigint;
  after bigint;
BEGIN
  SELECT bytes_received INTO before FROM jdblink_connections() WHERE name = 'c';
  EXECUTE format('SELECT count(*) FROM dblink(%L, %L) AS t(%s)', 'c', q, declared);
  SELECT bytes_received INTO after FROM jdblink_connections() WHERE name = 'c';
  RETURN after - before;
END $$;
-- 100 values of 1000 bytes: about 100 kB in binary, twice that as hex text
SELECT n BETWEEN 100000 AND 110000 AS binary_size FROM received_by('SELECT b FROM blobs', 'b bytea') AS n;
SET jdblink.binary_transfer = off;
SELECT n BETWEEN 200000 AND 210000 AS text_size FROM received_by('SELECT b FROM blobs', 'b bytea') AS n;
RESET jdblink.binary_transfer;
-- a declared type other than the remote's: text
SELECT n BETWEEN 200000 AND 210000 AS other_type_is_text FROM received_by('SELECT b FROM blobs', 'b text') AS n;
-- two statements: the simple protocol, text
SELECT n BETWEEN 200000 AND 210000 AS two_statements_are_text FROM received_by('SELECT 1; SELECT b FROM blobs', 'b bytea') AS n;
-- dblink_fetch: binary too
SELECT dblink_open('c', 'cur', 'SELECT b FROM blobs');
SELECT bytes_received AS before FROM jdblink_connections() WHERE name = 'c' \gset
SELECT count(*) FROM dblink_fetch('c', 'cur', 100) AS t(b bytea);
SELECT bytes_received - :before BETWEEN 100000 AND 110000 AS fetch_binary_size FROM jdblink_connections() WHERE name = 'c';
SELECT dblink_close('c', 'cur');
-- jdblink_query: binary too, the local type's attributes in order
CREATE TYPE blob_row AS (id int, gone text, b bytea);
ALTER TYPE blob_row DROP ATTRIBUTE gone;
SELECT bytes_received AS before FROM jdblink_connections() WHERE name = 'c' \gset
SELECT count(*), sum(length(b)) FROM jdblink_query('c', 'SELECT id, b FROM blobs', NULL::blob_row);
SELECT bytes_received - :before BETWEEN 100000 AND 110000 AS query_binary_size FROM jdblink_connections() WHERE name = 'c';
SELECT bytes_received AS before FROM jdblink_connections() WHERE name = 'c' \gset
SELECT count(*), sum(length(b)) FROM jdblink_query('c', 'SELECT b FROM blobs ORDER BY id', NULL::bytea) AS b;
SELECT bytes_received - :before BETWEEN 100000 AND 110000 AS scalar_binary_size FROM jdblink_connections() WHERE name = 'c';
-- a text that returned fewer than 1000 rows last time runs as a simple query, in text
-- (the describe's round trip would cost more than binary saves); one that returned more
-- stays binary
SELECT n BETWEEN 200000 AND 210000 AS few_rows_last_time_is_text FROM received_by('SELECT b FROM blobs', 'b bytea') AS n;
SELECT n BETWEEN 1000000 AND 1100000 AS many_rows_binary FROM received_by('SELECT b FROM blobs, generate_series(1, 10)', 'b bytea') AS n;
SELECT n BETWEEN 1000000 AND 1100000 AS many_rows_again_binary FROM received_by('SELECT b FROM blobs, generate_series(1, 10)', 'b bytea') AS n;
-- a statement with a parameter runs as a simple query: C dblink's error
SELECT * FROM dblink('c', 'SELECT $1::int') AS t(a int);
-- floats: as text they are exact only while the remote's extra_float_digits is above 0;
-- below that the remote rounds them, and jdblink keeps them text so the values are the
-- rounded ones C dblink gets (a probe of the setting, in the statement's transaction,
-- which leaves no prepared statement behind)
SELECT dblink_exec('c', 'SET extra_float_digits = 0');
SELECT * FROM dblink('c', 'SELECT 0.1::float8 + 0.2::float8, 1.1::float4 * 3, ARRAY[0.1::float8 + 0.2]') AS t(a float8, b float4, c float8[]);
SELECT dblink_exec('c', 'RESET extra_float_digits');
SELECT * FROM dblink('c', 'SELECT 0.1::float8 + 0.2::float8, 1.1::float4 * 3, ARRAY[0.1::float8 + 0.2]') AS t(a float8, b float4, c float8[]);
SELECT * FROM dblink('c', 'SELECT name FROM pg_prepared_statements') AS t(name text);
-- what the statement itself can tell (docs/binary-transfer.md): its unnamed portal is in
-- the remote's pg_cursors, and statement_timestamp() is the Execute's, later than now()
SELECT * FROM dblink('c', 'SELECT count(*), statement_timestamp() > now() FROM pg_cursors') AS t(cursors bigint, later boolean);
SET jdblink.binary_transfer = off;
SELECT * FROM dblink('c', 'SELECT count(*), statement_timestamp() > now() FROM pg_cursors') AS t(cursors bigint, later boolean);
RESET jdblink.binary_transfer;
-- anyone may turn it off for their own session
CREATE ROLE binary_user;
SET ROLE binary_user;
SET jdblink.binary_transfer = off;
SHOW jdblink.binary_transfer;
RESET ROLE;
DROP ROLE binary_user;
SELECT dblink_disconnect('c');
