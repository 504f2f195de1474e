package org.jdblink.dblink;

import org.jdblink.protocol.QueryText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdblink.protocol.QueryInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** dblink_open / dblink_fetch / dblink_close: the remote transaction, streaming, failures, interrupts. */
class CursorsIT {
    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture();

    private final TestLocalBackend backend = new TestLocalBackend();
    private final DblinkSession session = new DblinkSession(backend);
    @RegisterExtension
    final OpenConnection x = new OpenConnection(session, "x", fx.connstr("application_name=cursors_x"));
    private final Cursors cursors = session.cursors();

    /** The remote backend's state as pg_stat_activity shows it (set before its ReadyForQuery). */
    private static String stateOfX() throws Exception {
        return fx.cluster().psql("select state from pg_stat_activity where application_name = 'cursors_x'");
    }

    @Test
    void dblinksTransactionEndsWithItsLastCursor() throws Exception {
        assertEquals("OK", cursors.open("x", "a", QueryText.of("select 1"), true));
        assertEquals("idle in transaction", stateOfX());
        assertEquals("OK", cursors.open("x", "b", QueryText.of("select 2"), true));
        assertEquals("OK", cursors.close("x", "a", true));
        assertEquals("idle in transaction", stateOfX());
        assertEquals("OK", cursors.close("x", "b", true));
        assertEquals("idle", stateOfX());
    }

    @Test
    void theUsersTransactionIsLeftAlone() throws Exception {
        session.exec("x", QueryText.of("begin"), true);
        assertEquals("OK", cursors.open("x", "a", QueryText.of("select 1"), true));
        assertEquals("OK", cursors.close("x", "a", true));
        assertEquals("idle in transaction", stateOfX());
        session.exec("x", QueryText.of("commit"), true);
    }

    @Test
    void fetchStreamsRowsInBatches() {
        cursors.open("x", "c", QueryText.of("select g from generate_series(1, 1000) g"), true);
        RecordingSink sink = RecordingSink.drainInBatches(cursors.fetch("x", "c", 250, true, null), 100);
        assertEquals(250, sink.kept.size());
        assertEquals("begin 1", sink.events.get(0));
        assertEquals(2, sink.events.stream().filter("batch"::equals).count());
        assertEquals("251", RecordingSink.drainInBatches(cursors.fetch("x", "c", 1, true, null), 100).kept.get(0));
        cursors.close("x", "c", true);
    }

    @Test
    void aFailureIsANoticeAndAnEmptySetWhenNotFailing() {
        cursors.open("x", "c", QueryText.of("select 10 / (4 - g) from generate_series(1, 10) g"), true);
        // the server runs FETCH to its end before sending rows: none precede the error
        RecordingSink sink = RecordingSink.drainInBatches(cursors.fetch("x", "c", 5, false, null), 1000);
        assertEquals(List.of("discard"), sink.events);
        assertEquals(List.of(Notice.of(new ServerMessage("22012", "division by zero", null, null,
                "while fetching from cursor \"c\" on dblink connection named \"x\""))), session.takeNotices());
        session.exec("x", QueryText.of("rollback"), true);
    }

    @Test
    void aCommandResultMeansTheCursorIsMissing() throws Exception {
        cursors.open("x", "c", QueryText.of("select 1"), true);
        DblinkException e = assertThrows(DblinkException.class, () -> RecordingSink.drainInBatches(cursors.fetch("x", "c; commit", 1, true, null), 10));
        assertEquals(new ServerMessage("34000", "cursor \"c; commit\" does not exist", null, null, null), e.report());
        assertEquals("idle", stateOfX());
    }

    @Test
    void aFailedDeclareIsReportedAndStillCounted() {
        assertEquals("OK", cursors.open("x", "a", QueryText.of("select 1"), true));
        assertEquals("ERROR", cursors.open("x", "b", QueryText.of("selec"), false));
        assertEquals("42601", session.takeNotices().get(0).message().sqlstate());
        // the transaction is aborted; closing "a" fails, and dblink's count still holds "b"
        assertEquals("ERROR", cursors.close("x", "a", false));
        session.takeNotices();
        session.exec("x", QueryText.of("rollback"), true);
    }

    @Test
    void anInterruptedFetchCancelsTheRemoteQueryAndLeavesTheConnectionUsable() throws Exception {
        cursors.open("x", "slow", QueryText.of("select pg_sleep(30)"), true);
        ResultStream fetch = cursors.fetch("x", "slow", 1, true, null);
        backend.interruptSoon();
        assertThrows(QueryInterruptedException.class, () -> RecordingSink.drainInBatches(fetch, 10));
        backend.interrupt.set(false);
        assertEquals("idle in transaction (aborted)", stateOfX());
        session.exec("x", QueryText.of("rollback"), true);
        assertEquals(List.of("1"), RecordingSink.drainInBatches(session.query("x", QueryText.of("select 1"), true), 10).kept);
    }
}
