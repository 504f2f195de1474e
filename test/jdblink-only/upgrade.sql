-- ALTER EXTENSION jdblink UPDATE from 1.0 gives what CREATE EXTENSION gives (jdblink only:
-- 1.1 adds jdblink's own functions to dblink 1.2's).
SELECT extversion FROM pg_extension WHERE extname = 'jdblink';
-- every member of the extension with what matters of it: signature, result, language,
-- C symbol, strictness, volatility, parallel safety, security definer, privileges
CREATE FUNCTION pg_temp.members() RETURNS TABLE (member text, definition text) LANGUAGE sql AS $$
  SELECT pg_describe_object(d.classid, d.objid, d.objsubid),
         CASE WHEN d.classid = 'pg_proc'::regclass THEN
           (SELECT concat_ws(' | ', pg_get_function_result(p.oid), l.lanname, p.prosrc, p.proisstrict,
                             p.provolatile, p.proparallel, p.prosecdef, p.proacl::text)
              FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = d.objid)
         END
    FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
   WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'jdblink'
$$;
\set QUIET on
CREATE TEMP TABLE created AS SELECT * FROM pg_temp.members();
\set QUIET off
SELECT count(*) > 0 AS has_members FROM created;
DROP EXTENSION jdblink;
CREATE EXTENSION jdblink VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'jdblink';
SELECT count(*) AS jdblink_functions_in_1_0 FROM pg_temp.members() WHERE member LIKE 'function jdblink\_%';
ALTER EXTENSION jdblink UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'jdblink';
-- no difference either way
(SELECT 'created only' AS side, * FROM created EXCEPT SELECT 'created only', * FROM pg_temp.members())
UNION ALL
(SELECT 'updated only', * FROM pg_temp.members() EXCEPT SELECT 'updated only', * FROM created)
ORDER BY 1, 2;
-- and the updated extension works
SELECT * FROM dblink('dbname=regression_remote', 'SELECT 1') AS t(a int);
