-- First call in a fresh session: what loading the extension costs (for jdblink, starting
-- the backend's JVM) plus one transient connection and a one-row query. Besides the time:
-- the CPU the whole process used for it (the JVM's threads included) and how much its
-- private memory (RssAnon) grew.
SELECT bench_cpu_ticks() AS cpu0, bench_kb('status', 'RssAnon') AS anon0 \gset
SELECT clock_timestamp() AS t0 \gset
SELECT a AS check FROM dblink(:'remote', 'SELECT 1') AS t(a int) \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
SELECT round((bench_cpu_ticks() - :cpu0)::numeric / :clk_tck, 3) AS cpu_s,
       bench_kb('status', 'RssAnon') - :anon0 AS anon_growth_kb \gset
\echo METRIC cpu_s :cpu_s
\echo METRIC anon_growth_kb :anon_growth_kb
