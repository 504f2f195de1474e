package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.jdblink.testing.FakePgServer;
import org.junit.jupiter.api.Test;

/**
 * The cancel of an interrupted query ends within its budget whatever the remote does, and
 * a query that could not be confirmed cancelled closes its connection with the reason.
 * Against {@link FakePgServer} on 127.0.0.1 with its scenario {@code never_answers} (answers
 * the startup, never a query) and a listen queue it can fill; the
 * bounds asserted are generous, the budgets themselves are 650 and 200 ms.
 */
class UnconfirmedCancelTest {
    private static final long GENEROUS_NANOS = 5_000_000_000L;
    private static final String TIMED_OUT = "PQcancel() -- connect() failed: Connection timed out\n";
    private static final byte[] KEY = {0, 0, 0, 2};
    private static final SocketWaits UNREPORTED = new SocketWaits(WaitReporter.NONE, WaitReporter.Purpose.CANCEL);

    /** Interrupts that can be switched on, and told to be a termination. */
    private static final class Switch implements Interrupts {
        volatile boolean pending;
        volatile boolean terminating;

        @Override public boolean pending() { return pending; }

        @Override public boolean terminating() { return terminating; }
    }

    private static PgConnection connect(FakePgServer server, Interrupts interrupts) throws PgConnectException {
        return PgConnection.connect(Settings.of(Map.of("user", "postgres", "dbname", "postgres"),
                Settings.tcp("127.0.0.1", server.port())), interrupts);
    }

    private static CancelTarget loopback(int port) {
        return new CancelTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "server at \"127.0.0.1\", port " + port);
    }

    @Test
    void cancelRequestToAFullListenQueueTimesOutAtTheDeadline() throws Exception {
        try (FakePgServer server = FakePgServer.startHangingRemote()) {
            server.fillListenQueue();
            CancelTarget target = loopback(server.port());
            long start = System.nanoTime();
            assertEquals(TIMED_OUT, target.sendBy(1, KEY, start + 300_000_000L, true, UNREPORTED));
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
        }
    }

    @Test
    void cancelRequestToAServerThatNeverClosesIsSentAndTheWaitEnds() throws Exception {
        try (ServerSocket neverAccepts = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CancelTarget target = loopback(neverAccepts.getLocalPort());
            long start = System.nanoTime();
            assertNull(target.sendBy(1, KEY, start + 300_000_000L, true, UNREPORTED));
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
        }
    }

    @Test
    void dblinkCancelQueryStopsConnectingOnALocalInterrupt() throws Exception {
        try (FakePgServer server = FakePgServer.startHangingRemote()) {
            server.fillListenQueue();
            CancelTarget target = loopback(server.port());
            assertThrows(QueryInterruptedException.class, () -> target.send(1, KEY, () -> true, UNREPORTED));
        }
    }

    @Test
    void interruptedQueryOnASilentRemoteClosesTheConnectionWithTheReason() throws Exception {
        Switch interrupts = new Switch();
        try (FakePgServer server = FakePgServer.startHangingRemote(); PgConnection c = connect(server, interrupts)) {
            server.fillListenQueue();
            c.sendQuery("select 1");
            interrupts.pending = true;
            long start = System.nanoTime();
            assertThrows(QueryInterruptedException.class, c::next);
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
            String reason = "the server did not confirm the cancellation of the interrupted query within 650 ms; connection closed\n"
                    + TIMED_OUT;
            assertTrue(c.isBroken());
            assertFalse(c.queryInProgress());
            assertEquals(reason, c.closedAfterInterrupt());
            assertEquals(reason, c.errorMessage());
        }
    }

    @Test
    void terminationDoesNotWaitForTheQueryToEnd() throws Exception {
        Switch interrupts = new Switch();
        try (FakePgServer server = FakePgServer.startHangingRemote(); PgConnection c = connect(server, interrupts)) {
            c.sendQuery("select 1");
            interrupts.terminating = true;
            interrupts.pending = true;
            assertThrows(QueryInterruptedException.class, c::next);
            // the CancelRequest went out (the server accepts), its answer was not awaited
            assertEquals("the server did not confirm the cancellation of the interrupted query within 200 ms; connection closed\n",
                    c.closedAfterInterrupt());
            for (int i = 0; i < 100 && server.cancelRequests() == 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(1, server.cancelRequests());
        }
    }

    @Test
    void cancelProcessedByTheServerBetweenBatchesAlsoClosesAnUnconfirmedQuery() throws Exception {
        try (FakePgServer server = FakePgServer.startHangingRemote(); PgConnection c = connect(server, Interrupts.NONE)) {
            c.sendQuery("select 1");
            c.abandonCancelledQuery();
            assertTrue(c.isBroken());
            assertEquals("the server did not confirm the cancellation of the interrupted query within 650 ms; connection closed\n",
                    c.closedAfterInterrupt());
            assertEquals(1, server.cancelRequests());
        }
    }
}
