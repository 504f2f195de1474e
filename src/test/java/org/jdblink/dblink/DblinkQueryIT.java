package org.jdblink.dblink;

import org.jdblink.protocol.QueryText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdblink.protocol.QueryInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * dblink() and dblink_exec(): which result is returned, how remote errors are reported
 * (texts checked against C dblink 15.20 in psql), and that connections end up idle or closed.
 */
class DblinkQueryIT {
    private static final String ON_X = "while executing query on dblink connection named \"x\"";
    private static final String ON_UNNAMED = "while executing query on unnamed dblink connection";
    private static final String EXEC_ON_X = "while executing command on dblink connection named \"x\"";

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture();

    private final TestLocalBackend backend = new TestLocalBackend();
    private final DblinkSession session = new DblinkSession(backend);
    @RegisterExtension
    final OpenConnection x = new OpenConnection(session, "x", fx.connstr("application_name=named_x"));

    private RecordingSink query(String sql, boolean fail) {
        return RecordingSink.drain(session.query("x", QueryText.of(sql), fail));
    }

    private DblinkException queryError(String target, String sql) {
        return assertThrows(DblinkException.class, () -> RecordingSink.drain(session.query(target, QueryText.of(sql), true)));
    }

    @Test
    void rowsOfASingleResult() {
        RecordingSink sink = query("select g, 'v' || g, null from generate_series(1, 3) g", true);
        assertEquals(List.of("begin 3", "row 1|v1|null", "row 2|v2|null", "row 3|v3|null"), sink.events);
        assertTrue(session.takeNotices().isEmpty());
    }

    @Test
    void anEmptyResultStillBeginsOne() {
        assertEquals(List.of("begin 2"), query("select 1, 2 where false", true).events);
    }

    @Test
    void onlyTheLastResultCounts() {
        assertEquals(List.of("2"), query("select 1; set work_mem = '1MB'; select 2", true).kept);
        RecordingSink status = query("select 1; set work_mem = '1MB'", true);
        assertEquals(List.of("begin 1", "row 1", "status SET"), status.events);
        assertEquals(List.of("1"), query("select 1;;", true).kept);
    }

    @Test
    void aCommandStatusIsOnlyGivenWhenItIsLast() {
        // C dblink keeps the first result's rows: the SET's status never reaches its tuplestore
        RecordingSink sink = query("select 1; set work_mem = '1MB'; select 1/0", false);
        assertEquals(List.of("begin 1", "row 1"), sink.events);
        assertEquals(List.of(Notice.of(new ServerMessage("22012", "division by zero", null, null, ON_X))), session.takeNotices());
    }

    @Test
    void anErrorAfterRowsKeepsThemWhenNotFailing() {
        // as C dblink: rows 1..5, then 5 and 10 of the second result, then the error as a NOTICE
        RecordingSink sink = query("select g from generate_series(1,5) g; select 10/(3-g) from generate_series(1,5) g", false);
        assertEquals(List.of("5", "10"), sink.kept);
        assertEquals(List.of(Notice.of(new ServerMessage("22012", "division by zero", null, null, ON_X))), session.takeNotices());
        // a RowDescription followed by an error begins no result
        assertEquals(List.of("1"), query("select 1; select 1/0", false).kept);
    }

    @Test
    void remoteErrorsKeepTheirFieldsAndGetDblinksContext() {
        DblinkException e = queryError("x", "do $$begin raise exception 'boom' using detail = 'd', hint = 'h', errcode = '22023'; end$$");
        assertEquals(new ServerMessage("22023", "boom", "d", "h",
                "PL/pgSQL function inline_code_block line 1 at RAISE\n" + ON_X), e.report());
        assertEquals(new ServerMessage("22012", "division by zero", null, null, ON_UNNAMED),
                queryError(fx.connstr(), "select 1/0").report());
        assertTrue(session.takeNotices().isEmpty());
    }

    @Test
    void theNameInTheContextIsTheOneGiven() {
        String longName = "n".repeat(70);
        session.connect(longName, fx.connstr());
        session.takeNotices();
        DblinkException e = queryError("n".repeat(64), "select 1/0");
        assertEquals("while executing query on dblink connection named \"" + "n".repeat(64) + "\"", e.report().context());
        session.disconnect(longName);
    }

    @Test
    void anEmptyQueryHasNoMessage() {
        ServerMessage expected = new ServerMessage("08006", "could not obtain message string for remote error", null, null, ON_X);
        assertEquals(expected, queryError("x", "").report());
        assertEquals(expected, queryError("x", ";").report());
        assertEquals("OK", session.errorMessage("x"));
    }

    @Test
    void failOnErrorFalseOnTheUnnamedConnection() {
        session.connect(null, fx.connstr());
        assertEquals(List.of(), RecordingSink.drain(session.query(null, QueryText.of("select 1/0"), false)).events);
        assertEquals(List.of(Notice.of(new ServerMessage("22012", "division by zero", null, null, ON_UNNAMED))), session.takeNotices());
        assertEquals("ERROR", session.exec(null, QueryText.of("select 1/0"), false));
        assertEquals(List.of(Notice.of(new ServerMessage("22012", "division by zero", null, null,
                "while executing command on unnamed dblink connection"))), session.takeNotices());
        session.disconnect(null);
    }

    @Test
    void execReturnsTheLastCommandStatus() {
        assertEquals("SET", session.exec("x", QueryText.of("select 1; set work_mem = '1MB'"), true));
        assertEquals("DO", session.exec("x", QueryText.of("do $$begin raise notice 'n'; raise warning 'w'; end$$"), true));
        assertTrue(session.takeNotices().isEmpty(), "remote notices are not relayed");
    }

    @Test
    void execRefusesAResultWithRows() {
        DblinkException e = assertThrows(DblinkException.class, () -> session.exec("x", QueryText.of("set work_mem = '1MB'; select 1"), false));
        assertEquals(new ServerMessage("2F003", "statement returning results not allowed", null, null, null), e.report());
    }

    @Test
    void execErrors() {
        assertEquals(new ServerMessage("22012", "division by zero", null, null, EXEC_ON_X),
                assertThrows(DblinkException.class, () -> session.exec("x", QueryText.of("select 1/0; select 2/0"), true)).report());
        assertEquals("ERROR", session.exec("x", QueryText.of(""), false));
        assertEquals(List.of(Notice.of(new ServerMessage("08006", "could not obtain message string for remote error", null, null, EXEC_ON_X))),
                session.takeNotices());
        assertEquals("BEGIN", session.exec("x", QueryText.of("begin"), true));
        session.exec("x", QueryText.of("select 1/0"), false);
        assertEquals("ERROR", session.exec("x", QueryText.of("select 1"), false));
        assertEquals(List.of("22012", "25P02"), session.takeNotices().stream().map(n -> n.message().sqlstate()).toList());
        assertEquals("ERROR:  current transaction is aborted, commands ignored until end of transaction block", session.errorMessage("x"));
        assertEquals("ROLLBACK", session.exec("x", QueryText.of("rollback"), true));
    }

    @Test
    void aLostConnectionReportsLibpqsTextAndStaysRegistered() {
        // texts as C dblink 15.20 gives them, "invalid socket" included
        String lostText = "FATAL:  terminating connection due to administrator command\n"
                + "server closed the connection unexpectedly\n"
                + "\tThis probably means the server terminated abnormally\n"
                + "\tbefore or while processing the request.\n"
                + "invalid socket";
        session.connect("doomed", fx.connstr());
        DblinkException lost = queryError("doomed", "select pg_terminate_backend(pg_backend_pid())");
        assertEquals(new ServerMessage("08006", lostText, null, null,
                "while executing query on dblink connection named \"doomed\""), lost.report());
        assertEquals(lostText, session.errorMessage("doomed"));

        DblinkException notSent = queryError("doomed", "select 1");
        assertEquals(new ServerMessage("XX000", "could not send query: no connection to the server", null, null, null), notSent.report());
        assertEquals("no connection to the server", session.errorMessage("doomed"));

        assertEquals("ERROR", session.exec("doomed", QueryText.of("select 1"), false));
        assertEquals(List.of(Notice.of(new ServerMessage("08006", "no connection to the server", null, null,
                "while executing command on dblink connection named \"doomed\""))), session.takeNotices());
        assertTrue(List.of(session.connectionNames()).contains("doomed"));
        session.disconnect("doomed");
    }

    @Test
    void aLostConnectionDuringExec() {
        session.connect("doomed", fx.connstr());
        assertEquals("ERROR", session.exec("doomed", QueryText.of("select pg_terminate_backend(pg_backend_pid())"), false));
        ServerMessage notice = session.takeNotices().get(0).message();
        assertEquals("08006", notice.sqlstate());
        assertTrue(notice.message().endsWith("before or while processing the request.\ninvalid socket"), notice.message());
        session.disconnect("doomed");
    }

    @Test
    void oneShotConnectionsCloseWhenTheStreamEnds() throws Exception {
        String once = fx.connstr("application_name=once");
        RecordingSink.drain(session.query(once, QueryText.of("select 1"), true));
        assertEquals(0, fx.backends("once", 0));
        queryError(once, "select 1/0");
        assertEquals(0, fx.backends("once", 0));
        RecordingSink.drain(session.query(once, QueryText.of("select 1/0"), false));
        assertEquals(0, fx.backends("once", 0));
        session.takeNotices();
    }

    @Test
    void abandoningDrainsTheQueryAndKeepsTheConnectionUsable() throws Exception {
        ResultStream stream = session.query("x", QueryText.of("select g from generate_series(1, 100000) g"), true);
        RecordingSink sink = new RecordingSink(10);
        assertTrue(stream.pump(sink));
        assertEquals(10, sink.kept.size());
        stream.abandon();
        assertFalse(stream.pump(sink), "an abandoned stream is over");
        assertEquals(List.of("42"), query("select 42", true).kept);

        String once = fx.connstr("application_name=abandoned");
        ResultStream oneShot = session.query(once, QueryText.of("select g from generate_series(1, 100000) g"), true);
        assertTrue(oneShot.pump(new RecordingSink(10)));
        assertEquals(1, fx.backends("abandoned", 1));
        oneShot.abandon();
        assertEquals(0, fx.backends("abandoned", 0));
    }

    @Test
    void aConnectionWithAStreamOpenRefusesAnotherQueryLikeLibpq() {
        ResultStream open = session.query("x", QueryText.of("select g from generate_series(1, 100000) g"), true);
        assertTrue(open.pump(new RecordingSink(10)));
        assertEquals(new ServerMessage("XX000", "could not send query: another command is already in progress", null, null, null),
                queryError("x", "select 1").report());
        assertEquals("another command is already in progress", session.errorMessage("x"));
        open.abandon();
        assertEquals(List.of("1"), query("select 1", true).kept);
        assertEquals("OK", session.errorMessage("x"));
    }

    @Test
    void aFailingSinkEndsTheStreamCleanly() throws Exception {
        RowSink failing = new RecordingSink() {
            @Override
            public void row(byte[] body, int offset, int length) {
                throw new IllegalStateException("invalid input syntax");
            }
        };
        ResultStream stream = session.query("x", QueryText.of("select g from generate_series(1, 1000) g"), true);
        assertThrows(IllegalStateException.class, () -> stream.pump(failing));
        assertEquals(List.of("7"), query("select 7", true).kept);
    }

    @Test
    void interruptsPropagateUnchangedAndLeaveConnectionsUsable() throws Exception {
        ResultStream stream = session.query("x", QueryText.of("select pg_sleep(30)"), true);
        backend.interruptSoon();
        assertThrows(QueryInterruptedException.class, () -> RecordingSink.drain(stream));
        backend.interrupt.set(false);
        assertEquals(List.of("8"), query("select 8", true).kept);

        String once = fx.connstr("application_name=interrupted");
        ResultStream oneShot = session.query(once, QueryText.of("select pg_sleep(30)"), true);
        backend.interruptSoon();
        assertThrows(QueryInterruptedException.class, () -> RecordingSink.drain(oneShot));
        backend.interrupt.set(false);
        assertEquals(0, fx.backends("interrupted", 0));

        backend.interruptSoon();
        assertThrows(QueryInterruptedException.class, () -> session.exec("x", QueryText.of("select pg_sleep(30)"), true));
        backend.interrupt.set(false);
        assertEquals("SET", session.exec("x", QueryText.of("set work_mem = '1MB'"), true));
        assertTrue(session.takeNotices().isEmpty());
    }
}
