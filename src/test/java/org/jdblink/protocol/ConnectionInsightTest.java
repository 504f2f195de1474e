package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.FakeMessage;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a connection tells of itself for jdblink_connections(), against {@link FakePgServer}:
 * where it went, its counters and times, the end of transactions, and a close by the
 * server found without reading.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionInsightTest {
    /** Generous: a close on loopback arrives within microseconds. */
    private static final long ARRIVAL_MILLIS = 5_000;

    private static PgConnection connect(FakePgServer server) throws PgConnectException {
        return PgConnection.connect(Settings.of(Map.of("user", "fake_user", "dbname", "fake_db", "sslmode", "disable"),
                Settings.tcp("127.0.0.1", server.port())), Interrupts.NONE);
    }

    /** Runs a query to its ReadyForQuery. */
    private static void run(PgConnection c, String sql) throws PgIOException {
        c.sendQuery(sql);
        while (c.next() != Event.READY) {
            // to the end
        }
    }

    @Test
    void whereItWentIsWhatWasAskedFor() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"));
                PgConnection c = connect(server)) {
            assertEquals("127.0.0.1", c.host());
            assertEquals(server.port(), c.port());
            assertEquals("fake_db", c.dbname());
            assertEquals("fake_user", c.user());
            assertEquals("15.0 (fake)", c.parameterStatus("server_version"));
            assertTrue(c.backendPid() > 0);
            assertFalse(c.sslInUse());
            assertNull(c.sslProtocol());
            assertNull(c.sslCipher());
        }
    }

    @Test
    void theCountersFollowQueriesRowsAndBytes() throws Exception {
        Instant before = Instant.now();
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"));
                PgConnection c = connect(server)) {
            ConnectionActivity.Totals connected = c.activity().totals();
            assertEquals(0, connected.queriesSent());
            assertEquals(0, connected.rowsReceived());
            assertTrue(connected.bytesSent() > 0, "the startup packet");
            assertTrue(connected.bytesReceived() > 0, "authentication, parameters, ReadyForQuery");
            assertFalse(connected.connectedAt().isBefore(before));
            assertFalse(connected.connectedAt().isAfter(Instant.now()));
            assertEquals(connected.connectedAt(), connected.lastUsedAt());

            run(c, "SELECT fake"); // two rows
            ConnectionActivity.Totals used = c.activity().totals();
            assertEquals(1, used.queriesSent());
            assertEquals(2, used.rowsReceived());
            assertEquals(connected.bytesSent() + 1 + 4 + "SELECT fake".length() + 1, used.bytesSent(), "one Query message");
            assertTrue(used.bytesReceived() > connected.bytesReceived());
            assertEquals(connected.connectedAt(), used.connectedAt());
            assertFalse(used.lastUsedAt().isBefore(connected.lastUsedAt()));

            run(c, "SELECT 1");
            ConnectionActivity.Totals again = c.activity().totals();
            assertEquals(2, again.queriesSent());
            assertEquals(3, again.rowsReceived());
            assertFalse(again.lastUsedAt().isBefore(used.lastUsedAt()));
        }
    }

    @Test
    void rowsOfAFailedResultAreCountedAsReceived() throws Exception {
        try (FakePgServer server = FakePgServer.start((s, sql) -> s.send(FakeMessage.rowDescription("x"),
                FakeMessage.dataRow("a"), FakeMessage.report('E', "ERROR", "22012", "division by zero"),
                FakeMessage.dataRow("dropped"), s.ready()));
                PgConnection c = connect(server)) {
            run(c, "SELECT fake");
            assertEquals(2, c.activity().totals().rowsReceived());
        }
    }

    @Test
    void transactionsEndWhenTheServerSaysIdle() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"));
                PgConnection c = connect(server)) {
            assertEquals(0, c.transactionsEnded());
            run(c, "BEGIN");
            run(c, "DECLARE c CURSOR FOR SELECT 1");
            assertEquals(0, c.transactionsEnded(), "in a transaction");
            run(c, "COMMIT");
            assertEquals(1, c.transactionsEnded());
            run(c, "SELECT 1");
            assertEquals(2, c.transactionsEnded(), "a statement outside a transaction ends one of its own");
        }
    }

    /**
     * What a terminated remote backend does: its FATAL message, then the end of the stream,
     * while the connection is idle. The close is found without reading the message, which
     * the next query still reports.
     */
    @Test
    void aCloseByTheServerIsFoundWithoutReadingWhatCameBeforeIt() throws Exception {
        try (FakePgServer server = FakePgServer.start((s, sql) -> {
            s.send(FakeMessage.commandComplete("SELECT 0"), s.ready(),
                    FakeMessage.report('E', "FATAL", "57P01", "terminating connection due to administrator command"));
            s.close();
        }); PgConnection c = connect(server)) {
            assertFalse(c.closedByPeer());
            run(c, "SELECT fake");
            long deadline = System.nanoTime() + ARRIVAL_MILLIS * 1_000_000;
            while (!c.closedByPeer() && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            assertTrue(c.closedByPeer());
            assertFalse(c.isBroken(), "nothing was read");
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            assertEquals("", c.errorMessage());
            assertThrows(PgIOException.class, () -> run(c, "SELECT 1"));
            assertTrue(c.errorMessage().contains("terminating connection due to administrator command"), c.errorMessage());
            assertTrue(c.closedByPeer(), "a lost connection is closed");
        }
    }

    @Test
    void aConnectionClosedHereIsClosed() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
            PgConnection c = connect(server);
            c.close();
            assertTrue(c.closedByPeer());
            assertNotNull(c.activity().totals().connectedAt());
        }
    }
}
