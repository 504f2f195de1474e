-- Functions the workloads share, created in bench_ref and bench_jdb before the extension.
-- /proc files are read with pg_read_file, which needs a superuser.

-- A "Name:  N kB" figure of a /proc file of this backend: bench_kb('status', 'VmRSS').
CREATE FUNCTION bench_kb(file text, field text) RETURNS bigint LANGUAGE sql AS $$
  SELECT (regexp_match(pg_read_file('/proc/self/' || file), '(?:^|\n)' || field || ':\s+(\d+) kB'))[1]::bigint
$$;

-- CPU time of a whole process in clock ticks: utime + stime (fields 14 and 15 of
-- /proc/PROCESS/stat), which count all its threads, the JVM's included, ended ones too.
-- PROCESS is 'self' (this backend) or the pid of another one of the cluster, such as the
-- remote backend serving a dblink connection. The fields are counted after the command
-- name, which ends with the last ')'.
CREATE FUNCTION bench_cpu_ticks(process text DEFAULT 'self') RETURNS bigint LANGUAGE sql AS $$
  SELECT split_part(f, ' ', 12)::bigint + split_part(f, ' ', 13)::bigint
    FROM (SELECT (regexp_match(pg_read_file('/proc/' || process || '/stat'), '^.*\) (.*)$'))[1] AS f) s
$$;

-- CALLS one-row queries on the named connection CONN, in a loop that makes no client
-- round trip; returns the sum of their results (CALLS if every call returned its row).
CREATE FUNCTION bench_small_queries(conn text, calls int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint := 0;
BEGIN
  FOR i IN 1 .. calls LOOP
    total := total + (SELECT a FROM dblink(conn, 'SELECT 1') AS t(a int));
  END LOOP;
  RETURN total;
END
$$;
