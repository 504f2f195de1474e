-- ==========================================================================================
-- PostgreSQL's documentation, dblink's index page (seed document 003). It has no
-- examples; it lists the functions.
-- [demo] The functions the extension really has (in the database of Neon's examples),
--        dblink's as the page lists them (jdblink's own, jdblink_*, are in demo/100-jdblink.sql):
-- ==========================================================================================
\c neondb
SELECT DISTINCT p.proname AS function
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid
WHERE e.extname = '@EXTENSION@' AND p.proname LIKE 'dblink%'
ORDER BY 1;

