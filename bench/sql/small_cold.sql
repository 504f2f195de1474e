-- A fresh session's first small queries on one named connection: the CPU the whole
-- process used from before its first call (for jdblink: starting the JVM, then
-- dblink_connect) to after the last query, the JVM's threads (JIT compilers, GC) included.
SELECT bench_cpu_ticks() AS cpu0 \gset
SELECT clock_timestamp() AS t0 \gset
SELECT dblink_connect('c', :'remote') \g /dev/null
SELECT bench_small_queries('c', :calls) AS check \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds,
       round((bench_cpu_ticks() - :cpu0)::numeric / :clk_tck, 3) AS cpu_s \gset
\echo METRIC cpu_s :cpu_s
SELECT dblink_disconnect('c') \g /dev/null
