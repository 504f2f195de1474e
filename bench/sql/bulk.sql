-- Bulk transfer: every row of a remote table through one transient connection.
-- A one-row call first loads the extension (and jdblink's JVM) so that the timing is
-- the transfer itself; the first_call workload measures that start separately.
SELECT * FROM dblink(:'remote', 'SELECT 1') AS w(x int) \g /dev/null
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS check, sum(length(b)) AS bytes
  FROM dblink(:'remote', :'query') AS t(a int, b text, c timestamptz) \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
