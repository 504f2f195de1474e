-- Connect and disconnect a named connection repeatedly: connection start-up and
-- authentication as the extension does them, to :'target'. The check counts the round
-- trips made and says if a connection was left open.
SELECT * FROM dblink(:'remote', 'SELECT 1') AS w(x int) \g /dev/null
SELECT set_config('bench.calls', :'calls', false), set_config('bench.target', :'target', false) \g /dev/null
SELECT clock_timestamp() AS t0 \gset
DO $$
DECLARE
  done int := 0;
BEGIN
  FOR i IN 1 .. current_setting('bench.calls')::int LOOP
    PERFORM dblink_connect('c2', current_setting('bench.target'));
    PERFORM dblink_disconnect('c2');
    done := done + 1;
  END LOOP;
  PERFORM set_config('bench.check', done::text, false);
END
$$;
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
SELECT current_setting('bench.check') || CASE WHEN dblink_get_connections() IS NULL
         THEN '' ELSE ' (connections left open)' END AS check \gset
