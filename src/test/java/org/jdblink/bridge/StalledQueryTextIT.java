package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 64 MB query text (more than the socket buffers hold) sent to a remote backend frozen
 * with SIGSTOP, which reads nothing: statement_timeout ends the statement within a poll
 * interval over plain TCP, TLS and a Unix socket, and the connection is closed with the
 * reason in dblink_error_message and on its next use. The time from the timeout to the
 * error is reported.
 */
class StalledQueryTextIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(true);

    private static final int TIMEOUT_MILLIS = 2_000;
    /** Generous: the goal is one poll interval after the timeout. */
    private static final long BOUND_MILLIS = TIMEOUT_MILLIS + 5_000;
    private static final Pattern STATEMENT_TIME = Pattern.compile("SELECT n FROM t, dblink.*?\\n.*?Time: ([0-9.]+) ms", Pattern.DOTALL);

    /** A new application_name per run: a frozen backend of an earlier run may still be listed. */
    private static int runs;

    @TempDir
    Path scratch;

    @BeforeAll
    static void prepare() throws Exception {
        pg.cluster().psql("CREATE DATABASE stalled_jdb");
        pg.cluster().psqlScript("stalled_jdb", "CREATE EXTENSION jdblink;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host=127.0.0.1 sslmode=disable", "host=127.0.0.1 sslmode=require", "unix"})
    void aTimeoutEndsTheSendAndClosesTheConnection(String transport) throws Exception {
        String target = transport.equals("unix") ? "host=" + pg.cluster().socketDir() : transport;
        Path pidFile = scratch.resolve("frozen.pid");
        String application = "stalled_text_" + runs++;
        String out;
        try {
            out = pg.cluster().psqlScript("stalled_jdb", String.join("\n",
                    "SELECT dblink_connect('c', 'port=" + pg.cluster().port() + " dbname=postgres application_name=" + application + " "
                            + target + "');",
                    "CREATE TEMP TABLE t AS SELECT 'SELECT length(''' || repeat('x', 64 * 1024 * 1024) || ''')' AS q;",
                    "SELECT pid AS rpid FROM pg_stat_activity WHERE application_name = '" + application + "' \\gset",
                    "\\setenv RPID :rpid",
                    "\\! echo $RPID > " + pidFile + " && kill -STOP $RPID",
                    "SET statement_timeout = '" + TIMEOUT_MILLIS + "ms';",
                    "\\timing on",
                    "SELECT n FROM t, dblink('c', t.q) AS r(n int);",
                    "\\timing off",
                    "RESET statement_timeout;",
                    "SELECT dblink_error_message('c');",
                    "SELECT * FROM dblink('c', 'SELECT 1') AS r(n int);",
                    "SELECT dblink_disconnect('c');",
                    ""));
        } finally {
            if (Files.exists(pidFile)) {
                new ProcessBuilder("kill", "-CONT", Files.readString(pidFile).trim()).inheritIO().start().waitFor();
            }
        }
        assertTrue(Files.exists(pidFile), "the remote backend was not frozen:\n" + out);
        Matcher m = STATEMENT_TIME.matcher(out);
        assertTrue(m.find(), "no time in:\n" + out);
        double millis = Double.parseDouble(m.group(1));
        System.out.printf("StalledQueryTextIT (%s): statement ended %.0f ms after its %d ms timeout%n", transport,
                millis - TIMEOUT_MILLIS, TIMEOUT_MILLIS);
        assertTrue(millis < BOUND_MILLIS, millis + " ms");
        assertContains(out, "ERROR:  57014: canceling statement due to statement timeout\n");
        assertContains(out, " query interrupted while its text was being sent; connection closed\n(1 row)");
        assertContains(out, "ERROR:  08006: no connection to the server\n"
                + "DETAIL:  query interrupted while its text was being sent; connection closed\n");
    }

    private static void assertContains(String output, String expected) {
        assertTrue(output.contains(expected), "expected " + expected + " in:\n" + output);
    }
}
