-- First call in a fresh session: what loading the extension costs (for jdblink, starting
-- the backend's JVM) plus one transient connection and a one-row query.
SELECT clock_timestamp() AS t0 \gset
SELECT a AS check FROM dblink(:'remote', 'SELECT 1') AS t(a int) \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
