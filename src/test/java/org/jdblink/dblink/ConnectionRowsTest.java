package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.jdblink.protocol.QueryText;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jdblink_connections()'s rows as the bridge receives them, against {@link FakePgServer}:
 * one per open connection, unnamed first, every column in the declared order.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionRowsTest {
    /** Column positions, as bridge/jdblink--1.0--1.1.sql declares them. */
    private static final int NAME = 0;
    private static final int SERVER = 1;
    private static final int HOST = 2;
    private static final int PORT = 3;
    private static final int DBNAME = 4;
    private static final int USER = 5;
    private static final int PID = 6;
    private static final int VERSION = 7;
    private static final int SSL = 8;
    private static final int SSL_PROTOCOL = 9;
    private static final int SSL_CIPHER = 10;
    private static final int STATUS = 11;
    private static final int ASYNC = 12;
    private static final int CURSORS = 13;
    private static final int CONNECTED_AT = 14;
    private static final int LAST_USED_AT = 15;
    private static final int QUERIES = 16;
    private static final int ROWS = 17;
    private static final int BYTES_SENT = 18;
    private static final int BYTES_RECEIVED = 19;
    private static final int CLOSED = 20;

    private static String connstr(FakePgServer server) {
        return "host=127.0.0.1 port=" + server.port() + " user=someone dbname=somedb sslmode=disable";
    }

    /** A timestamptz as the rows write it: {@code 2026-03-01 12:34:56.789012+00}. */
    private static Instant timestamp(String text) {
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00"), text);
        return Instant.parse(text.replace(' ', 'T').replace("+00", "Z"));
    }

    /** The rows, each split into its values ("null" for NULL). */
    private static List<String[]> rows(DblinkSession session) {
        RecordingSink sink = RecordingSink.drain(session.connections());
        assertEquals("begin " + ConnectionRow.COLUMNS, sink.events.get(0));
        return sink.kept.stream().map(row -> row.split("\\|", -1)).toList();
    }

    @Test
    void timesAreWrittenAsPostgresWritesThemInUtc() {
        assertEquals("1970-01-01 00:00:00.000000+00", ConnectionRow.timestamp(Instant.EPOCH));
        assertEquals("2026-03-01 09:05:07.000042+00", ConnectionRow.timestamp(Instant.parse("2026-03-01T09:05:07.000042999Z")));
        assertEquals("1999-12-31 23:59:59.999999+00", ConnectionRow.timestamp(Instant.parse("1999-12-31T23:59:59.999999Z")));
        assertEquals(null, ConnectionRow.timestamp(null));
    }

    @Test
    void noConnectionsNoRows() {
        assertEquals(List.of(), rows(new DblinkSession(new TestLocalBackend())));
    }

    @Test
    void everyOpenConnectionHasARowTheUnnamedOneFirst() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
            DblinkSession session = new DblinkSession(new TestLocalBackend(), name -> name.equals("fakeserver")
                    ? connstr(server).replace("someone", "mapped") : null);
            session.connect("b", connstr(server));
            session.connect(null, connstr(server));
            session.connect("a", "fakeserver");
            List<String[]> rows = rows(session);
            assertEquals(3, rows.size());
            assertEquals("null", rows.get(0)[NAME]);
            List<String> named = List.of(rows.get(1)[NAME], rows.get(2)[NAME]);
            assertEquals(List.of(session.connectionNames()), named, "in dblink_get_connections order");
            for (String[] row : rows) {
                boolean fromServer = row[NAME].equals("a");
                assertEquals(fromServer ? "fakeserver" : "null", row[SERVER]);
                assertEquals(fromServer ? "mapped" : "someone", row[USER]);
                assertEquals("127.0.0.1", row[HOST]);
                assertEquals(Integer.toString(server.port()), row[PORT]);
                assertEquals("somedb", row[DBNAME]);
                assertTrue(Integer.parseInt(row[PID]) > 0);
                assertEquals("15.0 (fake)", row[VERSION]);
                assertEquals("false", row[SSL]);
                assertEquals("null", row[SSL_PROTOCOL]);
                assertEquals("null", row[SSL_CIPHER]);
                assertEquals("idle", row[STATUS]);
                assertEquals("false", row[ASYNC]);
                assertEquals("0", row[CURSORS]);
                assertEquals("0", row[QUERIES]);
                assertEquals("0", row[ROWS]);
                assertTrue(Long.parseLong(row[BYTES_SENT]) > 0);
                assertTrue(Long.parseLong(row[BYTES_RECEIVED]) > 0);
                assertEquals("false", row[CLOSED]);
                Instant connected = timestamp(row[CONNECTED_AT]);
                assertEquals(row[CONNECTED_AT], row[LAST_USED_AT]);
                assertTrue(!connected.isAfter(Instant.now()));
                assertTrue(connected.isAfter(Instant.now().minusSeconds(60)));
            }
            session.disconnect("b");
            session.disconnect(null);
            assertEquals(List.of("a"), rows(session).stream().map(row -> row[NAME]).toList());
        }
    }

    @Test
    void queriesCursorsTransactionsAndAsyncQueriesShow() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
            DblinkSession session = new DblinkSession(new TestLocalBackend());
            session.connect("c", connstr(server));
            RecordingSink.drain(session.query("c", QueryText.of("SELECT fake"), true));
            String[] row = rows(session).get(0);
            assertEquals("1", row[QUERIES]);
            assertEquals("2", row[ROWS]);
            assertEquals("idle", row[STATUS]);

            assertEquals("OK", session.cursors().open("c", "cur", QueryText.of("SELECT 1"), true));
            row = rows(session).get(0);
            assertEquals("1", row[CURSORS]);
            assertEquals("in transaction", row[STATUS]);
            assertEquals("3", row[QUERIES], "BEGIN and DECLARE");
            assertEquals("OK", session.cursors().close("c", "cur", true));
            row = rows(session).get(0);
            assertEquals("0", row[CURSORS]);
            assertEquals("idle", row[STATUS], "dblink_close committed");

            assertEquals(1, session.async().sendQuery("c", QueryText.of("SELECT fake")));
            row = rows(session).get(0);
            assertEquals("true", row[ASYNC]);
            assertEquals("active", row[STATUS]);
            while (!RecordingSink.drain(session.async().getResult("c", true)).events.isEmpty()) {
                // each result, then none
            }
            row = rows(session).get(0);
            assertEquals("false", row[ASYNC]);
            assertEquals("idle", row[STATUS]);
        }
    }

    @Test
    void aConnectionWhoseServerWentAwayIsClosedAndStillListed() throws Exception {
        DblinkSession session = new DblinkSession(new TestLocalBackend());
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
            session.connect("c", connstr(server));
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        String[] row = rows(session).get(0);
        while (row[CLOSED].equals("false") && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
            row = rows(session).get(0);
        }
        assertEquals("true", row[CLOSED]);
        assertEquals("c", row[NAME]);
        assertEquals("ERROR", session.exec("c", QueryText.of("SELECT 1"), false));
        row = rows(session).get(0);
        assertEquals("true", row[CLOSED]);
        assertEquals("unknown", row[STATUS]);
    }
}
