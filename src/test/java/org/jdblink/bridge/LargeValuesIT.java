package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What only jdblink can be asked about large values (test/sql/large_values.sql compares the
 * rest with C dblink): a value near PostgreSQL's 1 GB limit with the default JVM settings,
 * and the connection after a local statement_timeout in the middle of a large transfer or
 * after a message too large for the Java heap.
 */
class LargeValuesIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    @BeforeAll
    static void prepare() throws Exception {
        pg.cluster().psql("CREATE DATABASE large_jdb");
        pg.cluster().psqlScript("large_jdb", "CREATE EXTENSION jdblink;");
    }

    private static String run(String script) throws Exception {
        return pg.cluster().psqlScript("large_jdb", script);
    }

    /** A script's transcript and how long it took. */
    private record Timed(String out, double seconds) {}

    /** Runs the script of {@code lines} and reports its time as what {@code what} took. */
    private static Timed runTimed(String what, String... lines) throws Exception {
        long start = System.nanoTime();
        String out = run(String.join("\n", lines));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LargeValuesIT: %s took %.1f s%n", what, seconds);
        return new Timed(out, seconds);
    }

    private static void assertContains(String output, String expected) {
        assertTrue(output.contains(expected), "expected " + expected + " in:\n" + output);
    }

    /** The default heap is 64 MB; the value is eight times that. Its time is reported. */
    @Test
    void aHalfGigabyteValueWithTheDefaultJvmSettings() throws Exception {
        String out = runTimed("a 512 MB value",
                "SELECT length(v), md5(v) = md5(repeat('g', 512 * 1024 * 1024)) AS same",
                "  FROM dblink('dbname=postgres', $$SELECT repeat('g', 512 * 1024 * 1024)$$) AS t(v text);",
                "SELECT current_setting('jdblink.jvm_options') = '' AS default_jvm;",
                "").out();
        assertContains(out, " default_jvm \n-------------\n t\n");
        assertContains(out, " 536870912 | t\n");
    }

    /**
     * A local statement_timeout while rows of 50 MB stream (50 GB in all): the remote query
     * is cancelled and drained, not read to its end, the connection is usable at once, its
     * error message says what happened to the remote query, and the remote backend is idle.
     * The time from the timeout to the error is reported.
     */
    @Test
    void aStatementTimeoutDuringALargeTransferLeavesTheConnectionUsable() throws Exception {
        String out = runTimed("the script with a 1.5 s statement_timeout",
                "SELECT dblink_connect('c', 'dbname=postgres application_name=timeout_mid_transfer');",
                "SET statement_timeout = '1500ms';",
                "SELECT count(*) FROM dblink('c', $$SELECT repeat('t', 50 * 1024 * 1024) FROM generate_series(1, 1000)$$) AS t(v text);",
                "RESET statement_timeout;",
                "SELECT dblink_error_message('c');",
                "SELECT * FROM dblink('c', 'SELECT 42') AS t(x int);",
                "SELECT state FROM pg_stat_activity WHERE application_name = 'timeout_mid_transfer';",
                "SELECT dblink_disconnect('c');",
                "").out();
        assertContains(out, "ERROR:  57014: canceling statement due to statement timeout\n");
        assertContains(out, " ERROR:  canceling statement due to user request\n(1 row)");
        assertContains(out, " x  \n----\n 42\n");
        assertContains(out, " state \n-------\n idle\n(1 row)");
    }

    /**
     * A result abandoned after a local error (row 2 fails its input function) whose remote
     * query ignores the cancel (each row is made in a block that swallows query_canceled):
     * after 1 s of reading and 5 s more after the cancel the connection is closed, the error
     * comes then (a generous bound is asserted), dblink_error_message says why, the next use
     * says "no connection", and the remote backend goes away.
     */
    @Test
    void aRemoteQueryThatIgnoresTheCancelIsGivenUp() throws Exception {
        pg.cluster().psqlScript("postgres", String.join("\n",
                "CREATE OR REPLACE FUNCTION stubborn_row(i int) RETURNS text LANGUAGE plpgsql AS $$",
                "BEGIN",
                "  BEGIN PERFORM pg_sleep(0.2); EXCEPTION WHEN query_canceled THEN NULL; END;",
                "  RETURN CASE WHEN i = 2 THEN 'bad' ELSE '1' END;",
                "END$$;",
                ""));
        Timed script = runTimed("the script giving up a remote query that ignores the cancel",
                "SELECT dblink_connect('c', 'dbname=postgres application_name=ignores_cancel');",
                // rows over the server's 8 kB output buffer, so each is sent as it is made
                "SELECT n FROM dblink('c', 'SELECT stubborn_row(i), repeat(''f'', 16384) FROM generate_series(1, 1000) i') AS t(n int, v text);",
                "SELECT dblink_error_message('c');",
                "SELECT * FROM dblink('c', 'SELECT 42') AS t(x int);",
                "DO $$BEGIN FOR i IN 1..100 LOOP EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity",
                "  WHERE application_name = 'ignores_cancel'); PERFORM pg_sleep(0.1); END LOOP; END$$;",
                "SELECT count(*) AS remote_backends FROM pg_stat_activity WHERE application_name = 'ignores_cancel';",
                "SELECT dblink_disconnect('c');",
                "");
        String out = script.out();
        assertContains(out, "ERROR:  22P02: invalid input syntax for type integer: \"bad\"\n");
        assertContains(out, " remote query abandoned after a local error did not end within 5 s of a cancel request; connection closed\n(1 row)");
        assertContains(out, "ERROR:  XX000: could not send query: no connection to the server\n");
        assertContains(out, " remote_backends \n-----------------\n               0\n");
        assertTrue(script.seconds() < 30, "the local error must come within seconds, took " + script.seconds());
    }

    /**
     * An error quoting a 100 MB value cannot be buffered in a 64 MB heap: as libpq does when
     * its input buffer cannot grow, the connection is given up and says so, and the remote
     * backend goes away; nothing stays busy.
     */
    @Test
    void aMessageTooLargeForTheHeapClosesTheConnectionAndSaysSo() throws Exception {
        String out = run(String.join("\n",
                "SELECT dblink_connect('c', 'dbname=postgres application_name=too_large_error');",
                "SELECT * FROM dblink('c', $$SELECT repeat('z', 100 * 1024 * 1024)::int$$) AS t(x int);",
                "SELECT dblink_error_message('c');",
                "SELECT * FROM dblink('c', 'SELECT 42') AS t(x int);",
                "DO $$BEGIN FOR i IN 1..100 LOOP EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity",
                "  WHERE application_name = 'too_large_error'); PERFORM pg_sleep(0.1); END LOOP; END$$;",
                "SELECT count(*) AS remote_backends FROM pg_stat_activity WHERE application_name = 'too_large_error';",
                "SELECT dblink_disconnect('c');",
                ""));
        Matcher lost = Pattern.compile("ERROR:  08006: cannot allocate memory for input buffer\n"
                + "lost synchronization with server: got message type \"E\", length \\d+\ninvalid socket\n").matcher(out);
        assertTrue(lost.find(), out);
        assertContains(out, " cannot allocate memory for input buffer");
        assertContains(out, "ERROR:  XX000: could not send query: no connection to the server\n"); // dblink's elog
        assertContains(out, " remote_backends \n-----------------\n               0\n");
    }
}
