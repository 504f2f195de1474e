-- Many small queries on one named connection: the per-call overhead. The loop runs in
-- PL/pgSQL so that no client round trip is timed; the sum proves every call returned.
SELECT dblink_connect('c', :'remote') \g /dev/null
SELECT clock_timestamp() AS t0 \gset
SELECT bench_small_queries('c', :calls) AS check \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
SELECT dblink_disconnect('c') \g /dev/null
