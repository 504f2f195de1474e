-- Appended to every workload: the backend's peak resident memory (VmHWM, read from its
-- own /proc entry, which needs a superuser) and one line for bench/run.sh to parse.
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s*(\d+) kB'))[1] AS hwm_kb \gset
\echo RESULT :seconds :hwm_kb :check
