-- Many small queries on one named connection: the per-call overhead. The loop runs in
-- PL/pgSQL so that no client round trip is timed; the sum proves every call returned.
SELECT dblink_connect('c', :'remote') \g /dev/null
SELECT set_config('bench.calls', :'calls', false) \g /dev/null
SELECT clock_timestamp() AS t0 \gset
DO $$
DECLARE
  total bigint := 0;
BEGIN
  FOR i IN 1 .. current_setting('bench.calls')::int LOOP
    total := total + (SELECT a FROM dblink('c', 'SELECT 1') AS t(a int));
  END LOOP;
  PERFORM set_config('bench.check', total::text, false);
END
$$;
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
SELECT current_setting('bench.check') AS check \gset
SELECT dblink_disconnect('c') \g /dev/null
