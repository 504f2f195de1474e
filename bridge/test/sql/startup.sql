\set SHOW_CONTEXT errors
-- settings are superuser-only once the library is loaded
LOAD 'jdblink';
CREATE ROLE smoke_user;
SET ROLE smoke_user;
SET jdblink.libjvm_path = '/tmp';
RESET ROLE;
-- libjvm that cannot be loaded: clean error with a hint, retried after a fix
SET jdblink.libjvm_path = '/nonexistent/libjvm.so';
SELECT dblink_get_connections();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET jdblink.libjvm_path = '/usr/lib/x86_64-linux-gnu/libc.so.6';
SELECT dblink_get_connections();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'backend alive' AS check;
-- a JVM that refuses its options: remembered, the same error every time
RESET jdblink.libjvm_path;
SET jdblink.jvm_options = '-Xnonsense';
SELECT dblink_get_connections();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET jdblink.jvm_options;
SELECT dblink_exec('select 1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'backend alive' AS check;
\c
-- a fresh backend starts its JVM and reaches the Java side
SELECT dblink_get_connections() IS NULL OR true AS reached_java;
-- deep recursion after the JVM exists is PostgreSQL's error, not a crash
CREATE FUNCTION recurse(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN recurse(n + 1); END $$;
\set VERBOSITY terse
SELECT recurse(1);
\set VERBOSITY default
SELECT 'backend alive' AS check;
