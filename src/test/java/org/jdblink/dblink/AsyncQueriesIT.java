package org.jdblink.dblink;

import org.jdblink.protocol.QueryText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdblink.protocol.QueryInterruptedException;
import org.jdblink.protocol.RowDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * dblink_send_query / dblink_is_busy / dblink_get_result / dblink_cancel_query /
 * dblink_get_notify: one result per call, streaming, never blocking in is_busy,
 * interrupts, many connections at once.
 */
class AsyncQueriesIT {
    private static final String ON_X = "while executing query on dblink connection named \"x\"";

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture();

    private final TestLocalBackend backend = new TestLocalBackend();
    private final DblinkSession session = new DblinkSession(backend);
    @RegisterExtension
    final OpenConnection x = new OpenConnection(session, "x", fx.connstr("application_name=async_x"));
    private final AsyncQueries async = session.async();

    private RecordingSink result(String conn, boolean fail) {
        return result(conn, fail, Integer.MAX_VALUE);
    }

    private RecordingSink result(String conn, boolean fail, int batch) {
        return RecordingSink.drainInBatches(async.getResult(conn, fail), batch);
    }

    @Test
    void oneResultPerCallThenNone() {
        assertEquals(1, async.sendQuery("x", QueryText.of("select 1; select 2, 3; set work_mem = '2MB'; select 4 where false")));
        assertEquals(List.of("begin 1", "row 1"), result("x", true).events);
        assertEquals(List.of("begin 2", "row 2|3"), result("x", true).events);
        assertEquals(List.of("status SET"), result("x", true).events);
        assertEquals(List.of("begin 1"), result("x", true).events);
        assertEquals(List.of(), result("x", true).events);
        assertEquals(List.of(), result("x", true).events);
        assertEquals(0, async.isBusy("x"));
    }

    @Test
    void sendingWhileBusyIsRefusedWithANoticeAndTextsAccumulate() {
        assertEquals(1, async.sendQuery("x", QueryText.of("select 1")));
        assertEquals(0, async.sendQuery("x", QueryText.of("select 2")));
        assertEquals(0, async.sendQuery("x", QueryText.of("select 3")));
        assertEquals(List.of(
                Notice.of(new ServerMessage("00000", "could not send query: another command is already in progress", null, null, null)),
                Notice.of(new ServerMessage("00000", "could not send query: another command is already in progress\n"
                        + "another command is already in progress", null, null, null))), session.takeNotices());
        assertEquals(List.of("1"), result("x", true).kept);
        assertEquals(List.of(), result("x", true).events);
        assertEquals(1, async.sendQuery("x", QueryText.of("select 4")));
        assertEquals("OK", session.errorMessage("x"));
        result("x", true);
        result("x", true);
    }

    @Test
    void rowsStreamedBeforeAnErrorAreDroppedWhenNotFailing() {
        async.sendQuery("x", QueryText.of("select 10 / (4 - g) from generate_series(1, 10) g"));
        RecordingSink sink = result("x", false);
        assertEquals(List.of("begin 1", "row 3", "row 5", "row 10", "discard"), sink.events);
        assertEquals(List.of(Notice.of(new ServerMessage("22012", "division by zero", null, null, ON_X))), session.takeNotices());
        assertEquals(List.of(), result("x", false).events);
    }

    @Test
    void anErrorIsRaisedAndTheQueryEndsWithTheNextCall() {
        async.sendQuery("x", QueryText.of("select 1; select 1/0; select 3"));
        result("x", true);
        DblinkException e = assertThrows(DblinkException.class, () -> result("x", true));
        assertEquals(new ServerMessage("22012", "division by zero", null, null, ON_X), e.report());
        assertEquals("ERROR:  division by zero", session.errorMessage("x"));
        assertEquals(List.of(), result("x", true).events);
    }

    @Test
    void aLargeResultStreamsInBatches() {
        async.sendQuery("x", QueryText.of("select g, repeat('x', 100) from generate_series(1, 200000) g"));
        CountingSink sink = new CountingSink(1000);
        ResultStream stream = async.getResult("x", true);
        int batches = 0;
        while (stream.pump(sink)) {
            batches++;
        }
        assertEquals(200_000, sink.rows);
        assertTrue(batches >= 199, "batches: " + batches);
        assertEquals(List.of(), result("x", true).events);
    }

    @Test
    void abandoningAResultSkipsToTheNextOne() {
        async.sendQuery("x", QueryText.of("select g from generate_series(1, 10000) g; select 'next'"));
        ResultStream stream = async.getResult("x", true);
        assertTrue(stream.pump(new RecordingSink(10)));
        stream.abandon(); // a local error, e.g. the rowtype check
        assertEquals(List.of("next"), result("x", true).kept);
        assertEquals(List.of(), result("x", true).events);
    }

    @Test
    void isBusyNeverWaits() throws Exception {
        async.sendQuery("x", QueryText.of("select pg_sleep(30)"));
        assertEquals(1, async.isBusy("x"));
        // is_busy came back while the remote query still runs: it did not wait for it
        awaitState("async_x", "active");
        assertEquals("OK", async.cancelQuery("x"));
        assertThrows(DblinkException.class, () -> result("x", true));
        assertEquals(0, async.isBusy("x"));
        assertEquals(List.of(), result("x", true).events);
    }

    /** Polls pg_stat_activity (up to 10 s) until the backend with this application_name is in this state. */
    private static void awaitState(String applicationName, String state) throws Exception {
        String query = "select state from pg_stat_activity where application_name = '" + applicationName + "'";
        for (int i = 0; i < 200 && !fx.cluster().psql(query).equals(state); i++) {
            Thread.sleep(50);
        }
        assertEquals(state, fx.cluster().psql(query));
    }

    @Test
    void isBusyIsFalseOnceAResultHasArrivedOrTooMuchIsWaiting() throws Exception {
        async.sendQuery("x", QueryText.of("select 1 from pg_sleep(0.3)"));
        assertEquals(1, async.isBusy("x"));
        for (int i = 0; i < 100 && async.isBusy("x") == 1; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, async.isBusy("x"));
        assertEquals(List.of("1"), result("x", true).kept);
        assertEquals(0, async.isBusy("x"));
        assertEquals(List.of(), result("x", true).events);

        // more than the look-ahead limit of one unfinished result: getting it streams, so not busy
        async.sendQuery("x", QueryText.of("select repeat('y', 1000) from generate_series(1, 5000) g union all select pg_sleep(30)::text"));
        for (int i = 0; i < 250 && async.isBusy("x") == 1; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, async.isBusy("x"));
        async.cancelQuery("x");
        assertThrows(DblinkException.class, () -> result("x", true));
        result("x", true);
    }

    @Test
    void anInterruptWhileWaitingCancelsTheRemoteQuery() throws Exception {
        async.sendQuery("x", QueryText.of("select pg_sleep(30)"));
        backend.interruptSoon();
        assertThrows(QueryInterruptedException.class, () -> result("x", true));
        backend.interrupt.set(false);
        assertEquals("idle", fx.cluster().psql("select state from pg_stat_activity where application_name = 'async_x'"));
        assertEquals(List.of(), result("x", true).events);
        assertEquals(List.of("usable"), RecordingSink.drain(session.query("x", QueryText.of("select 'usable'"), true)).kept);
    }

    @Test
    void aTerminatedRemoteBackendGivesItsErrorThenTheLossThenNothing() throws Exception {
        session.connect("v", fx.connstr("application_name=async_victim"));
        async.sendQuery("v", QueryText.of("select pg_sleep(30)"));
        for (int i = 0; i < 100 && !fx.cluster().psql("select state from pg_stat_activity where application_name = 'async_victim'").equals("active"); i++) {
            Thread.sleep(20);
        }
        fx.cluster().psql("select pg_terminate_backend(pid, 10000) from pg_stat_activity where application_name = 'async_victim'");
        String on = "while executing query on dblink connection named \"v\"";
        assertEquals("57P01", assertThrows(DblinkException.class, () -> result("v", true)).report().sqlstate());
        String lost = "FATAL:  terminating connection due to administrator command\n"
                + "server closed the connection unexpectedly\n"
                + "\tThis probably means the server terminated abnormally\n"
                + "\tbefore or while processing the request.\n"
                + "invalid socket";
        assertEquals(new ServerMessage("08006", lost, null, null, on),
                assertThrows(DblinkException.class, () -> result("v", true)).report());
        assertEquals(List.of(), result("v", true).events);
        assertEquals(0, async.isBusy("v"));
        assertEquals(lost + "\nconnection not open", session.errorMessage("v"));
        assertEquals("PQcancel() -- no cancel object supplied", async.cancelQuery("v"));
        session.disconnect("v");
    }

    @Test
    void manyConnectionsInFlightAtOnce() throws Exception {
        // "holder" keeps an advisory lock that every query waits for, so all eight are
        // provably in flight at the same time before any of them can finish
        session.connect("holder", fx.connstr());
        async.sendQuery("holder", QueryText.of("select pg_advisory_lock(4242)"));
        result("holder", true);
        result("holder", true);
        for (int i = 1; i <= 8; i++) {
            session.connect("f" + i, fx.connstr());
            assertEquals(1, async.sendQuery("f" + i, QueryText.of("select " + i + ", pg_advisory_xact_lock_shared(4242)")));
        }
        String waiting = "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                + "and query like 'select %, pg_advisory_xact_lock_shared(4242)'";
        for (int i = 0; i < 200 && !fx.cluster().psql(waiting).equals("8"); i++) {
            Thread.sleep(50);
        }
        assertEquals("8", fx.cluster().psql(waiting));
        async.sendQuery("holder", QueryText.of("select pg_advisory_unlock(4242)"));
        result("holder", true);
        result("holder", true);
        for (int i = 8; i >= 1; i--) {
            assertEquals(List.of(i + "|"), result("f" + i, true).kept);
            assertEquals(List.of(), result("f" + i, true).events);
        }
        for (int i = 1; i <= 8; i++) {
            session.disconnect("f" + i);
        }
        session.disconnect("holder");
    }

    @Test
    void notificationsWithPayloadsAndMixedCaseChannels() {
        session.exec("x", QueryText.of("listen \"MixedCase\""), true);
        session.exec("x", QueryText.of("listen plain"), true);
        session.exec(fx.connstr(), QueryText.of("notify \"MixedCase\", 'pay ''load'' ü'"), true);
        session.exec(fx.connstr(), QueryText.of("notify plain"), true);
        session.exec("x", QueryText.of("set work_mem = '1MB'"), true); // a round trip delivers them
        RecordingSink sink = RecordingSink.drain(async.notifications("x"));
        assertEquals(3, sink.events.size());
        assertEquals("begin 3", sink.events.get(0));
        assertTrue(sink.kept.get(0).matches("MixedCase\\|\\d+\\|pay 'load' ü"), sink.kept.get(0));
        assertTrue(sink.kept.get(1).matches("plain\\|\\d+\\|"), sink.kept.get(1));
        assertEquals(List.of("begin 3"), RecordingSink.drain(async.notifications("x")).events);
        // no unnamed connection: none
        assertEquals(List.of("begin 3"), RecordingSink.drain(async.notifications(null)).events);
    }

    /** Counts rows without keeping them; full every {@code batch} rows. */
    private static final class CountingSink implements RowSink {
        private final int batch;
        private int sinceFull;
        long rows;

        CountingSink(int batch) {
            this.batch = batch;
        }

        @Override public void beginResult(RowDescription columns) {}
        @Override public void row(byte[] body, int offset, int length) {
            rows++;
            sinceFull++;
        }
        @Override public void largeRow(int length, LargeRowBody body) {
            throw new AssertionError("no large rows expected");
        }
        @Override public void commandStatus(String tag) {}
        @Override public void discard() {}
        @Override public boolean full() {
            if (sinceFull < batch) {
                return false;
            }
            sinceFull = 0;
            return true;
        }
    }
}
