package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.FakeMessage;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenario;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;

/**
 * Several connections' queries driven at once, against {@link FakePgServer}: the wait for
 * whichever has input, and the cancel of all within the budget of one (650 ms; the bounds
 * asserted are generous). {@code silence} answers a query only when cancelled (or after
 * 5 s), {@code never_answers} never does.
 */
class ParallelQueriesTest {
    private static final long GENEROUS_NANOS = 3_000_000_000L;

    private static PgConnection connect(FakePgServer server) throws PgConnectException {
        return PgConnection.connect(Settings.of(Map.of("user", "postgres", "dbname", "postgres"),
                Settings.tcp("127.0.0.1", server.port())), Interrupts.NONE);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void theWaitLastsItsTimeWhenNoConnectionHasInputAndEndsWhenAnyHas() throws Exception {
        try (FakePgServer silent = FakePgServer.start(FakeScenarios.byName("silence"));
                FakePgServer answering = FakePgServer.start(FakeScenarios.byName("well_behaved"));
                PgConnection quiet = connect(silent); PgConnection talkative = connect(answering)) {
            quiet.sendQuery("fake");
            long start = System.nanoTime();
            assertFalse(ParallelQueries.awaitInput(List.of(quiet), 300));
            assertTrue(millisSince(start) >= 250, "waited " + millisSince(start) + " ms");

            talkative.sendQuery("fake");
            start = System.nanoTime();
            assertTrue(ParallelQueries.awaitInput(List.of(quiet, talkative), 5000));
            assertTrue(millisSince(start) < 2000, "waited " + millisSince(start) + " ms");
            assertEquals(Event.ROW_DESCRIPTION, talkative.next());
            // what else arrived with it is buffered: input, though the socket has nothing more
            assertTrue(ParallelQueries.awaitInput(List.of(quiet, talkative), 5000));
            while (talkative.next() != Event.READY) {
                // the rows
            }
            ParallelQueries.cancel(List.of(quiet));
        }
    }

    @Test
    void cancelEndsEveryQueryTogetherAndLeavesTheConnectionsUsable() throws Exception {
        try (FakePgServer silent = FakePgServer.start(FakeScenarios.byName("silence"));
                PgConnection a = connect(silent); PgConnection b = connect(silent); PgConnection c = connect(silent)) {
            List<PgConnection> all = List.of(a, b, c);
            for (PgConnection conn : all) {
                conn.sendQuery("fake");
            }
            long start = System.nanoTime();
            ParallelQueries.cancel(all);
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
            assertEquals(3, silent.cancelRequests());
            for (PgConnection conn : all) {
                assertFalse(conn.queryInProgress());
                assertFalse(conn.isBroken());
                assertNull(conn.closedAfterInterrupt());
            }
        }
    }

    @Test
    void aRemoteThatNeverAnswersIsClosedWithoutKeepingTheOthersFromTheirCancel() throws Exception {
        try (FakePgServer hanging = FakePgServer.startHangingRemote();
                FakePgServer silent = FakePgServer.start(FakeScenarios.byName("silence"));
                PgConnection frozen = connect(hanging); PgConnection quiet = connect(silent)) {
            frozen.sendQuery("fake");
            quiet.sendQuery("fake");
            hanging.fillListenQueue(); // its CancelRequest cannot even connect
            long start = System.nanoTime();
            ParallelQueries.cancel(List.of(frozen, quiet));
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
            assertTrue(frozen.isBroken());
            assertTrue(frozen.closedAfterInterrupt().startsWith(
                    "the server did not confirm the cancellation of the interrupted query within 650 ms; connection closed\n"),
                    frozen.closedAfterInterrupt());
            assertEquals(1, silent.cancelRequests());
            assertFalse(quiet.queryInProgress());
            assertFalse(quiet.isBroken());
        }
    }

    @Test
    void aQueryThatAnErrorEndedIsReadToItsEndWithoutACancelRequest() throws Exception {
        FakeScenario failsThenLingers = (s, sql) -> {
            s.send(FakeMessage.report('E', "ERROR", "22012", "division by zero"));
            Thread.sleep(200);
            s.send(s.ready());
        };
        try (FakePgServer server = FakePgServer.start(failsThenLingers); PgConnection c = connect(server)) {
            c.sendQuery("fake");
            assertEquals(Event.ERROR, c.next());
            ParallelQueries.cancel(List.of(c));
            assertEquals(0, server.cancelRequests(), "a request could only have hit the next query");
            assertFalse(c.queryInProgress());
            assertFalse(c.isBroken());
        }
    }

    @Test
    void connectionsWithoutAQueryAreLeftAlone() throws Exception {
        try (FakePgServer silent = FakePgServer.start(FakeScenarios.byName("silence")); PgConnection idle = connect(silent)) {
            ParallelQueries.cancel(List.of(idle));
            assertEquals(0, silent.cancelRequests());
            assertFalse(idle.isBroken());
        }
    }
}
