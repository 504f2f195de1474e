package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol layer against a fake server that breaks the protocol: libpq's texts, no
 * internal errors, and waits that an interrupt ends. (The same scenarios through SQL,
 * side by side with C dblink: {@code org.jdblink.bridge.FakeServerParityIT}.) A wait that
 * does not end fails the test instead of hanging the build.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MalformedServerTest {
    /** Generous: the goal is the poll interval plus the cancel's drain. */
    private static final long INTERRUPT_BOUND_MILLIS = 10_000;
    /** Generous for noticing an interrupt, whose goal is one poll interval (50 ms). */
    private static final long NOTICE_BOUND_MILLIS = 1_000;

    private static PgConnection connect(FakePgServer server, Interrupts interrupts) throws PgConnectException {
        return PgConnection.connect(Settings.of(Map.of("user", "fake", "dbname", "fake", "password", "pw", "sslmode", "disable"),
                Settings.tcp("127.0.0.1", server.port())), interrupts);
    }

    /** Runs a query to READY or to the loss of the connection; events as text lines. */
    private static List<String> run(PgConnection c, String sql) throws PgIOException {
        return run(c, sql, null);
    }

    /** As {@link #run(PgConnection, String)}, described first when {@code formats} is given. */
    private static List<String> run(PgConnection c, String sql, ResultFormats formats) throws PgIOException {
        List<String> out = new ArrayList<>();
        c.sendQuery(QueryText.of(sql), formats);
        try {
            for (Event e = c.next(); e != Event.READY; e = c.next()) {
                String line = EventLines.of(c, e);
                if (line != null) {
                    out.add(line);
                }
            }
        } catch (PgIOException lost) {
            out.add("lost");
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "length_below_4|lost|lost synchronization with server: got message type \"D\", length 2",
        "long_command_complete|lost|lost synchronization with server: got message type \"C\", length 40000",
        "huge_data_row|lost|cannot allocate memory for input buffer\\nlost synchronization with server: got message type \"D\", length 2147483628",
        "field_count_mismatch|protocol error|unexpected field count in \"D\" message",
        "data_row_overrun|protocol error|insufficient data in \"D\" message",
        "data_row_trailing_bytes|protocol error, tag SELECT 1|message contents do not agree with length in message type \"D\"",
        "row_description_short|protocol error|insufficient data in \"T\" message",
        "row_description_negative_count|protocol error|insufficient data in \"T\" message",
        "data_row_without_description|protocol error|server sent data (\"D\" message) without prior row description (\"T\" message)",
        "unknown_message_type|protocol error, tag SELECT 0|unexpected response from server; first received character was \"Y\"",
    })
    void malformedAnswersGetLibpqsTexts(String scenario, String events, String text) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario));
                PgConnection c = connect(server, Interrupts.NONE)) {
            List<String> seen = run(c, "SELECT fake");
            assertEquals(text.replace("\\n", "\n") + "\n", c.errorMessage());
            if (events.equals("lost")) {
                assertEquals("lost", seen.get(seen.size() - 1), "events: " + seen);
                assertTrue(c.isBroken());
            } else {
                List<String> tail = seen.subList(seen.indexOf("protocol error"), seen.size());
                assertEquals(List.of(events.split(", ")), tail, "events: " + seen);
                assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"), run(c, "SELECT 1"), "still usable");
            }
        }
    }

    /** Binary for every column: a query that takes the extended protocol (jdblink's binary transfer). */
    private static final ResultFormats ALL_BINARY = new ResultFormats() {
        @Override
        public short[] choose(RowDescription described, PgConnection remote) {
            short[] formats = new short[described.columnCount()];
            Arrays.fill(formats, BINARY);
            return formats;
        }
    };

    /**
     * A server that breaks the protocol in its answer to a Describe: libpq's texts, then
     * (a Sync having ended the statement, which did not run) the connection is usable, or
     * lost when the server closed it.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "describe_row_description_short|protocol error|insufficient data in \"T\" message",
        "describe_data_row|protocol error|server sent data (\"D\" message) without prior row description (\"T\" message)",
        "describe_bind_complete|protocol error|unexpected response from server; first received character was \"2\"",
        "describe_parameters_then_close|lost|server closed the connection unexpectedly",
    })
    void malformedDescribesGetLibpqsTexts(String scenario, String first, String text) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario));
                PgConnection c = connect(server, Interrupts.NONE)) {
            List<String> seen = run(c, "SELECT fake", ALL_BINARY);
            assertEquals(first, seen.get(0), "events: " + seen);
            assertTrue(c.errorMessage().startsWith(text), c.errorMessage());
            if (first.equals("lost")) {
                assertTrue(c.isBroken());
            } else {
                assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"), run(c, "SELECT 1"), "still usable");
            }
        }
    }

    /** A Describe that is never answered, or answered with notices without end, is cancelled like a query. */
    @ParameterizedTest
    @ValueSource(strings = {"describe_endless_notices", "describe_silence"})
    void anInterruptEndsTheDescribe(String scenario) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario))) {
            long[] interruptAt = {Long.MAX_VALUE};
            try (PgConnection c = connect(server, () -> System.nanoTime() > interruptAt[0])) {
                c.sendQuery(QueryText.of("SELECT fake"), ALL_BINARY);
                long start = System.nanoTime();
                interruptAt[0] = start + 300_000_000L;
                assertThrows(QueryInterruptedException.class, () -> {
                    while (c.next() != Event.READY) {
                        // until the interrupt
                    }
                });
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(1, server.cancelRequests(), "one CancelRequest");
                assertTrue(millis < INTERRUPT_BOUND_MILLIS, millis + " ms");
                interruptAt[0] = Long.MAX_VALUE;
                assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"), run(c, "SELECT 1"), "still usable");
                assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"), run(c, "SELECT 1", ALL_BINARY),
                        "a described statement too");
            }
        }
    }

    /** libpq would report the bytes and then wait for a second ReadyForQuery (C dblink hangs). */
    @Test
    void trailingBytesAfterReadyForQueryAreIgnored() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("ready_trailing_bytes"));
                PgConnection c = connect(server, Interrupts.NONE)) {
            assertEquals(List.of("columns 1", "row [a]", "tag SELECT 1"), run(c, "SELECT fake"));
            assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"), run(c, "SELECT 1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"endless_notices", "endless_parameter_status", "silence"})
    void anInterruptEndsTheWait(String scenario) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario))) {
            long[] interruptAt = {Long.MAX_VALUE};
            try (PgConnection c = connect(server, () -> System.nanoTime() > interruptAt[0])) {
                c.sendQuery("SELECT fake");
                long start = System.nanoTime();
                interruptAt[0] = start + 300_000_000L;
                assertThrows(QueryInterruptedException.class, () -> {
                    while (c.next() != Event.READY) {
                        // until the interrupt
                    }
                });
                long millis = (System.nanoTime() - start) / 1_000_000;
                long noticed = (server.lastCancelNanos() - interruptAt[0]) / 1_000_000;
                System.out.println(scenario + ": interrupt after 300 ms; cancel request " + noticed + " ms later, returned after "
                        + millis + " ms");
                assertTrue(noticed >= 0 && noticed < NOTICE_BOUND_MILLIS, noticed + " ms");
                assertTrue(millis < INTERRUPT_BOUND_MILLIS, millis + " ms");
                interruptAt[0] = Long.MAX_VALUE;
                assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"), run(c, "SELECT 1"), "still usable");
            }
        }
    }

    /** The backlog of notices drained after a cancel is counted, not logged one by one. */
    @Test
    void noticesDrainedAfterAnInterruptAreCountedInOneLine() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("endless_notices"))) {
            long[] interruptAt = {Long.MAX_VALUE};
            try (PgConnection c = connect(server, () -> System.nanoTime() > interruptAt[0])) {
                List<String> logged = new ArrayList<>();
                c.setNoticeListener(notice -> logged.add(notice.message()));
                c.sendQuery("SELECT fake");
                interruptAt[0] = System.nanoTime() + 200_000_000L;
                assertThrows(QueryInterruptedException.class, () -> {
                    while (c.next() != Event.READY) {
                        // until the interrupt
                    }
                });
                String last = logged.get(logged.size() - 1);
                assertTrue(last.matches("[1-9][0-9]* notice\\(s\\) that the remote server sent while its interrupted query"
                        + " was cancelled were not logged"), last);
                assertEquals(1, logged.stream().filter(m -> m.contains("were not logged")).count());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scram_huge_iteration_count", "endless_startup_parameters"})
    void anInterruptEndsAConnectionAttempt(String scenario) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario))) {
            long start = System.nanoTime();
            long interruptAt = start + 300_000_000L;
            assertThrows(QueryInterruptedException.class, () -> connect(server, () -> System.nanoTime() > interruptAt));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println(scenario + ": interrupt after 300 ms while connecting, returned after " + millis + " ms");
            assertTrue(millis < INTERRUPT_BOUND_MILLIS, millis + " ms");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scram_nonce_mismatch|invalid SCRAM response (nonce mismatch)",
        "scram_missing_salt|malformed SCRAM message (attribute \"s\" expected)",
        "scram_invalid_salt|malformed SCRAM message (invalid salt)",
        "scram_invalid_iteration_count|malformed SCRAM message (invalid iteration count)",
        "scram_zero_iteration_count|malformed SCRAM message (invalid iteration count)",
        "scram_empty_message|malformed SCRAM message (empty message)",
        "scram_final_error|error received from server in SCRAM exchange: invalid-proof",
        "scram_final_missing_signature|malformed SCRAM message (attribute \"v\" expected)",
        "scram_final_invalid_signature|malformed SCRAM message (invalid server signature)",
        "scram_final_wrong_signature|incorrect server signature",
    })
    void malformedScramMessagesGetLibpqsTexts(String scenario, String text) throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName(scenario))) {
            PgConnectException e = assertThrows(PgConnectException.class, () -> connect(server, Interrupts.NONE));
            assertEquals("connection to server at \"127.0.0.1\", port " + server.port() + " failed: " + text, e.getMessage());
        }
    }

    @Test
    void saltedPasswordIsPbkdf2WithHmacSha256() throws Exception {
        byte[] salt = "NaCl-salt".getBytes(StandardCharsets.UTF_8);
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("pencil".toCharArray(), salt, 4096, 256)).getEncoded();
        assertArrayEquals(expected, SaltedPassword.compute("pencil".getBytes(StandardCharsets.UTF_8), salt, 4096, Interrupts.NONE));
    }
}
