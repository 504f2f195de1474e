package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdblink.testing.ClassCluster;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C dblink and the installed jdblink, in two databases of one cluster, against the same
 * fake server breaking the protocol (org.jdblink.testing.FakePgServer on 127.0.0.1):
 * dblink(), dblink_exec, the asynchronous and the cursor functions must give the same
 * transcript (SQLSTATEs, libpq's texts, dblink_error_message, whether the named
 * connection still works), and the local session must be alive afterwards. Where the
 * server stalls, jdblink must end the wait on statement_timeout, which C dblink cannot.
 */
class FakeServerParityIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    private static final String C_DBLINK = "cdblink";
    private static final String JDBLINK = "jdblink";
    /** Generous: the goal is the poll interval plus the cancel's drain. */
    private static final long STATEMENT_BOUND_MILLIS = 10_000;

    @BeforeAll
    static void createDatabases() throws Exception {
        pg.cluster().psql("CREATE DATABASE " + C_DBLINK);
        pg.cluster().psql("CREATE DATABASE " + JDBLINK);
        pg.cluster().psqlScript(C_DBLINK, "CREATE EXTENSION dblink;\n");
        pg.cluster().psqlScript(JDBLINK, "CREATE EXTENSION jdblink;\n");
    }

    private static String conninfo(FakePgServer server) {
        return "host=127.0.0.1 port=" + server.port() + " user=fake dbname=fake sslmode=disable password=pw";
    }

    /** The transcript of {@code script} (":'conn'" is the fake server) without LOCATION lines. */
    private static String transcript(String db, FakePgServer server, String script) throws Exception {
        String out = pg.cluster().psqlScript(db, "\\set conn '" + conninfo(server) + "'\n" + script);
        return out.replaceAll("(?m)^LOCATION: .*\n", "");
    }

    private static final String EVERY_CALL = String.join("\n",
            "SELECT dblink_connect('c', :'conn');",
            "SELECT * FROM dblink('c', 'SELECT fake') AS t(x text);",
            "SELECT dblink_error_message('c');",
            "SELECT * FROM dblink('c', 'SELECT 1') AS t(x text);",
            "SELECT dblink_send_query('c', 'SELECT fake');",
            "SELECT * FROM dblink_get_result('c') AS t(x text);",
            "SELECT * FROM dblink_get_result('c') AS t(x text);",
            "SELECT * FROM dblink_get_result('c') AS t(x text);",
            "SELECT dblink_open('c', 'cur', 'SELECT fake');",
            "SELECT * FROM dblink_fetch('c', 'cur', 5) AS t(x text);",
            "SELECT dblink_exec('c', 'SELECT fake');",
            "SELECT dblink_error_message('c');",
            "SELECT dblink_disconnect('c');",
            "SELECT * FROM dblink(:'conn', 'SELECT fake') AS t(x text);",
            "SELECT 'alive' AS session;",
            "");

    @ParameterizedTest
    @ValueSource(strings = {"length_below_4", "long_command_complete", "huge_data_row", "field_count_mismatch", "data_row_overrun",
        "data_row_trailing_bytes", "row_description_short", "row_description_negative_count", "data_row_without_description",
        "unknown_message_type", "close_mid_message"})
    void malformedAnswersAsCDblinkReportsThem(String scenario) throws Exception {
        String candidate = sameTranscripts(scenario, EVERY_CALL);
        assertTrue(candidate.contains("ERROR:  08006: "), candidate);
        assertFalse(candidate.contains("internal error") || candidate.contains("ERROR:  XX000: jdblink"), candidate);
        assertTrue(candidate.contains(" alive\n(1 row)"), candidate);
    }

    private static final String CONNECT = String.join("\n",
            "SELECT dblink_connect('c', :'conn');",
            "SELECT * FROM dblink(:'conn', 'SELECT 1') AS t(x text);",
            "SELECT 'alive' AS session;",
            "");

    @ParameterizedTest
    @ValueSource(strings = {"scram_nonce_mismatch", "scram_missing_salt", "scram_invalid_salt", "scram_invalid_iteration_count",
        "scram_zero_iteration_count", "scram_empty_message", "scram_final_error", "scram_final_missing_signature",
        "scram_final_invalid_signature", "scram_final_wrong_signature"})
    void malformedScramMessagesAsCDblinkReportsThem(String scenario) throws Exception {
        String candidate = sameTranscripts(scenario, CONNECT);
        assertTrue(candidate.contains("ERROR:  08001: could not establish connection"), candidate);
        assertTrue(candidate.contains(" alive\n(1 row)"), candidate);
    }

    private static final String STALLED = String.join("\n",
            "SELECT dblink_connect('c', :'conn');",
            "SET statement_timeout = '500ms';",
            "\\timing on",
            "SELECT * FROM dblink('c', 'SELECT fake') AS t(x text);",
            "SELECT dblink_send_query('c', 'SELECT fake');",
            "SELECT * FROM dblink_get_result('c') AS t(x text);",
            "SELECT dblink_open('c', 'cur', 'SELECT fake');",
            "SELECT * FROM dblink_fetch('c', 'cur', 5) AS t(x text);",
            "SELECT dblink_exec('c', 'SELECT fake');",
            "\\timing off",
            "RESET statement_timeout;",
            "SELECT * FROM dblink('c', 'SELECT 1') AS t(x text);",
            "SELECT dblink_error_message('c');",
            "SELECT 'alive' AS session;",
            "");

    /**
     * C dblink waits until the server ends the stream or silence itself (after
     * {@link FakeScenarios#STREAM_MILLIS}) and reports the timeout only then, leaving the
     * query running; jdblink cancels it: every call ends within the bound with
     * statement_timeout's error, and the connection stays usable.
     */
    @ParameterizedTest
    @ValueSource(strings = {"endless_notices", "endless_parameter_status", "silence"})
    void statementTimeoutEndsAStalledAnswer(String scenario) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario))) {
            String oneCall = "SET statement_timeout = '500ms';\nSELECT * FROM dblink(:'conn', 'SELECT fake') AS t(x text);\n";
            String timeout = "ERROR:  57014: canceling statement due to statement timeout";
            assertTrue(transcript(C_DBLINK, server, oneCall).contains(timeout));
            String out = transcript(JDBLINK, server, STALLED);
            assertEquals(4, out.split(Pattern.quote(timeout), -1).length - 1, out);
            List<Long> times = statementMillis(out);
            assertEquals(6, times.size(), out);
            assertWithinBound(times, scenario + ": " + times);
            System.out.println(scenario + ": statement times with statement_timeout 500ms (ms): " + times);
            assertTrue(out.contains(" x \n---\n 1\n(1 row)"), out);
            assertTrue(out.contains(" dblink_error_message \n----------------------\n OK\n"), out);
            assertTrue(out.contains(" alive\n(1 row)"), out);
        }
    }

    /**
     * Connecting to a server that asks for 10^9 PBKDF2 iterations (C dblink would compute
     * for minutes) or sends ParameterStatus messages without end.
     */
    @ParameterizedTest
    @ValueSource(strings = {"scram_huge_iteration_count", "endless_startup_parameters"})
    void statementTimeoutEndsAConnectionAttempt(String scenario) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario))) {
            String out = transcript(JDBLINK, server, "SET statement_timeout = '500ms';\n\\timing on\n" + CONNECT);
            assertTrue(out.contains("ERROR:  57014: canceling statement due to statement timeout"), out);
            List<Long> times = statementMillis(out);
            System.out.println(scenario + ": statement times with statement_timeout 500ms (ms): " + times);
            assertWithinBound(times, times.toString());
            assertTrue(out.contains(" alive\n(1 row)"), out);
        }
    }

    /**
     * A DataRow announced at almost 2 GB and streamed, then the server closes: the call
     * ends with a connection failure, neither spinning nor missing the close.
     */
    @Test
    void aHugeStreamedRowEndsInAConnectionFailure() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("huge_data_row_streamed"))) {
            String out = transcript(JDBLINK, server, "\\timing on\n" + EVERY_CALL);
            assertTrue(out.contains("ERROR:  08006: "), out);
            assertFalse(out.contains("internal error"), out);
            assertWithinBound(statementMillis(out), out);
            assertTrue(out.contains(" alive\n(1 row)"), out);
        }
    }

    /**
     * A COPY TO STDOUT answer: jdblink drains the data and reports the COPY status, and
     * the connection stays usable. (C dblink's dblink() and a later call on a connection
     * left in COPY state spin in the backend, deaf to pg_terminate_backend, so C dblink is
     * not run here.)
     */
    @Test
    void copyOutAnswersEndInTheirStatus() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("copy_out"))) {
            String out = transcript(JDBLINK, server, String.join("\n",
                    "SELECT dblink_connect('c', :'conn');",
                    "SELECT * FROM dblink('c', 'SELECT fake') AS t(x text);",
                    "SELECT dblink_exec('c', 'SELECT fake');",
                    "SELECT dblink_send_query('c', 'SELECT fake');",
                    "SELECT * FROM dblink_get_result('c') AS t(x text);",
                    "SELECT * FROM dblink_get_result('c') AS t(x text);",
                    "SELECT * FROM dblink('c', 'SELECT 1') AS t(x text);",
                    ""));
            assertEquals(3, out.split(" COPY 2\n\\(1 row\\)", -1).length - 1, out);
            assertTrue(out.contains(" x \n---\n 1\n(1 row)"), out);
            assertFalse(out.contains("ERROR"), out);
        }
    }

    /** Runs {@code script} against the scenario through C dblink and jdblink; the transcripts must be equal. Returns jdblink's. */
    private static String sameTranscripts(String scenario, String script) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario))) {
            String reference = transcript(C_DBLINK, server, script);
            String candidate = transcript(JDBLINK, server, script);
            assertEquals(reference, candidate);
            return candidate;
        }
    }

    private static void assertWithinBound(List<Long> statementMillis, String message) {
        for (long t : statementMillis) {
            assertTrue(t < STATEMENT_BOUND_MILLIS, message);
        }
    }

    private static List<Long> statementMillis(String transcript) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Time: ([0-9.]+) ms").matcher(transcript);
        while (m.find()) {
            out.add((long) Double.parseDouble(m.group(1)));
        }
        return out;
    }
}
