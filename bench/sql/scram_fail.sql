-- Failed logins: dblink_connect over TCP as a role that must authenticate with SCRAM,
-- with a wrong password, :calls times, each error caught. What matters is the memory the
-- session holds afterwards (VmRSS, from the epilogue). The check counts the attempts
-- refused for the wrong password; any other error ends the session.
SELECT * FROM dblink(:'remote', 'SELECT 1') AS w(x int) \g /dev/null
SELECT set_config('bench.calls', :'calls', false), set_config('bench.target', :'target', false) \g /dev/null
SELECT clock_timestamp() AS t0 \gset
DO $$
DECLARE
  refused int := 0;
  detail text;
BEGIN
  FOR i IN 1 .. current_setting('bench.calls')::int LOOP
    BEGIN
      PERFORM dblink_connect('s', current_setting('bench.target'));
      PERFORM dblink_disconnect('s');
    EXCEPTION WHEN sqlclient_unable_to_establish_sqlconnection THEN
      GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
      IF detail LIKE '%password authentication failed%' THEN
        refused := refused + 1;
      END IF;
    END;
  END LOOP;
  PERFORM set_config('bench.check', refused::text, false);
END
$$;
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS seconds \gset
SELECT current_setting('bench.check') AS check \gset
