-- Transfer by column type, warm: every row of a remote table through a named connection
-- that has already made a call (so neither jdblink's JVM start nor the connection is
-- timed), the AS clause declaring the remote table's own types (:columns). Besides the
-- time: the CPU of this backend and of the remote backend that serves the connection
-- (its pid from pg_backend_pid() on that connection), both whole processes from /proc.
-- :binary is the jdblink.binary_transfer to run with ('' on C dblink: nothing to set).
-- The check is the row count, with a complaint appended if the setting did not hold.
SELECT set_config('jdblink.binary_transfer', :'binary', false) WHERE :'binary' <> '' \g /dev/null
SELECT dblink_connect('b', :'remote') \g /dev/null
SELECT pid AS remote_pid FROM dblink('b', 'SELECT pg_backend_pid()') AS t(pid int) \gset
SELECT bench_cpu_ticks() AS cpu0, bench_cpu_ticks(:'remote_pid') AS remote0, clock_timestamp() AS t0 \gset
SELECT count(*) AS rows FROM dblink('b', :'query') AS t(:columns) \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds,
       round((bench_cpu_ticks() - :cpu0)::numeric / :clk_tck, 3) AS cpu_s,
       round((bench_cpu_ticks(:'remote_pid') - :remote0)::numeric / :clk_tck, 3) AS remote_cpu_s \gset
\echo METRIC cpu_s :cpu_s
\echo METRIC remote_cpu_s :remote_cpu_s
SELECT :cpu_s + :remote_cpu_s AS both_cpu_s \gset
\echo METRIC both_cpu_s :both_cpu_s
SELECT :rows || CASE WHEN s IS NOT DISTINCT FROM want THEN ''
                     ELSE format(' (jdblink.binary_transfer %s instead of %s)',
                                 coalesce(s, 'unset'), coalesce(want, 'unset')) END AS check
  FROM (SELECT current_setting('jdblink.binary_transfer', true) AS s, nullif(:'binary', '') AS want) s \gset
SELECT dblink_disconnect('b') \g /dev/null
