package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A local cancel during a remote query, inside a real backend with the installed jdblink:
 * the local statement fails with PostgreSQL's own error, the remote query is cancelled
 * too (C dblink 15 would wait for it to finish), and the named connection stays usable.
 * Needs `make install` first; runs in the integration-test phase.
 */
class BackendInterruptIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    @BeforeAll
    static void prepareDatabases() throws Exception {
        pg.cluster().psql("CREATE DATABASE remote");
        pg.cluster().psql("CREATE EXTENSION jdblink");
    }

    private static final String REMOTE_SLEEPS =
            "SELECT count(*) AS remote_sleeps FROM pg_stat_activity WHERE datname = 'remote' AND state = 'active' AND query LIKE 'SELECT pg_sleep(30)%';\n";

    @Test
    void statementTimeoutCancelsTheRemoteQueryAndKeepsTheConnection() throws Exception {
        String out = pg.cluster().psqlScript("postgres", String.join("\n",
                "SELECT dblink_connect('c', 'dbname=remote');",
                "SET statement_timeout = '300ms';",
                "SELECT * FROM dblink('c', 'SELECT pg_sleep(30)') AS t(x text);",
                "RESET statement_timeout;",
                REMOTE_SLEEPS,
                "SELECT * FROM dblink('c', 'SELECT 42') AS t(x int);",
                "SELECT dblink_error_message('c');",
                ""));
        assertTrue(out.contains("ERROR:  57014: canceling statement due to statement timeout"), out);
        assertTrue(out.matches("(?s).*remote_sleeps \n-+\n +0\n.*"), out);
        assertTrue(out.contains(" x  \n----\n 42\n(1 row)"), out);
    }

    /**
     * A local type slower to read than the remote is to send: the timeout fires while C
     * stores rows, not while Java waits. The remote query is cancelled then too, instead of
     * being read to its end (a billion rows).
     */
    @Test
    void statementTimeoutWhileRowsAreStoredCancelsTheRemoteQuery() throws Exception {
        String out = pg.cluster().psqlScript("postgres", String.join("\n",
                "SELECT dblink_connect('stream', 'dbname=remote');",
                "SELECT clock_timestamp() AS started \\gset",
                "SET statement_timeout = '1s';",
                "SELECT count(*) FROM dblink('stream', 'SELECT ''{\"a\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], \"b\": {\"c\": \"text\"}}'' "
                        + "FROM generate_series(1, 1000000000)') AS t(x jsonb);",
                "RESET statement_timeout;",
                "SELECT clock_timestamp() - :'started' < interval '5 s' AS within_bound;",
                "SELECT count(*) AS remote_streams FROM pg_stat_activity WHERE datname = 'remote' AND state = 'active' "
                        + "AND query LIKE '%generate_series(1, 1000000000)%';",
                "SELECT * FROM dblink('stream', 'SELECT 42') AS t(x int);",
                "SELECT dblink_disconnect('stream');",
                ""));
        assertTrue(out.contains("ERROR:  57014: canceling statement due to statement timeout"), out);
        assertTrue(out.matches("(?s).*within_bound \n-+\n t\n.*"), out);
        assertTrue(out.matches("(?s).*remote_streams \n-+\n +0\n.*"), out);
        assertTrue(out.contains(" x  \n----\n 42\n(1 row)"), out);
    }

    @Test
    void cancelDuringAOneShotQueryLeavesNoConnectionBehind() throws Exception {
        String out = pg.cluster().psqlScript("postgres", String.join("\n",
                "SET statement_timeout = '300ms';",
                "SELECT * FROM dblink('dbname=remote', 'SELECT pg_sleep(30)') AS t(x text);",
                "RESET statement_timeout;",
                // the remote backend exits once it has read the Terminate: give it up to 5 s
                "DO $$ BEGIN FOR i IN 1..50 LOOP EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity "
                        + "WHERE datname = 'remote'); PERFORM pg_sleep(0.1); END LOOP; END $$;",
                "SELECT count(*) AS remote_backends FROM pg_stat_activity WHERE datname = 'remote';",
                ""));
        assertTrue(out.contains("ERROR:  57014: canceling statement due to statement timeout"), out);
        assertTrue(out.matches("(?s).*remote_backends \n-+\n +0\n.*"), out);
    }

    @Test
    void terminatingTheLocalBackendStopsTheRemoteQuery() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-h", pg.cluster().socketDir(), "-p", Integer.toString(pg.cluster().port()),
                "-U", "postgres", "-d", "postgres", "-c",
                "SELECT * FROM dblink('dbname=remote application_name=victim', 'SELECT pg_sleep(30)') AS t(x text)");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        Process victim = pb.start();
        try {
            String running = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'victim' AND state = 'active'";
            for (int i = 0; i < 100 && !pg.cluster().psql(running).equals("1"); i++) {
                Thread.sleep(100);
            }
            assertEquals("1", pg.cluster().psql(running));
            pg.cluster().psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = 'postgres' AND query LIKE 'SELECT * FROM dblink%'");
            assertTrue(victim.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "local backend did not exit");
            String remote = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'victim'";
            for (int i = 0; i < 50 && !pg.cluster().psql(remote).equals("0"); i++) {
                Thread.sleep(100);
            }
            assertEquals("0", pg.cluster().psql(remote));
            assertEquals("1", pg.cluster().psql("SELECT 1"), "the server keeps running");
        } finally {
            victim.destroyForcibly();
        }
    }

}
