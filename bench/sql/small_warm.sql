-- Small queries once warm: :warmup queries first (not measured; for jdblink the JIT has
-- compiled the call path by then), then the CPU of the whole process per query over
-- :calls more on the same named connection. The check is the sum over both.
SELECT dblink_connect('c', :'remote') \g /dev/null
SELECT bench_small_queries('c', :warmup) AS warm \gset
SELECT bench_cpu_ticks() AS cpu0, clock_timestamp() AS t0 \gset
SELECT :warm + bench_small_queries('c', :calls) AS check \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds,
       round((bench_cpu_ticks() - :cpu0) * 1e6 / :clk_tck / :calls, 1) AS us_per_query \gset
\echo METRIC us_per_query :us_per_query
SELECT dblink_disconnect('c') \g /dev/null
