-- Appended to every workload: the backend's peak resident memory (VmHWM) and one line for
-- bench/run.sh to parse, and its resident memory now (VmRSS) as one more figure.
SELECT bench_kb('status', 'VmHWM') AS hwm_kb, bench_kb('status', 'VmRSS') AS rss_kb \gset
\echo METRIC rss_kb :rss_kb
\echo RESULT :seconds :hwm_kb :check
