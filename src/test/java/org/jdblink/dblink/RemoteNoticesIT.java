package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jdblink.protocol.QueryText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jdblink.remote_notices against a real server: RAISE in a remote function reaches the
 * queue at its level, with its fields and the connection named, in every function that
 * reads a connection (client), or only the server log (log, C dblink's behaviour).
 */
class RemoteNoticesIT {
    private static final String SAY = "received message via dblink connection named \"x\"";
    /** Raises an INFO, a NOTICE (with DETAIL and HINT) and a WARNING (with its own SQLSTATE), then returns 1. */
    private static final String FUNCTION = """
            create function pg_temp.say() returns int language plpgsql as $$
            begin
              raise info 'an info';
              raise notice 'a notice' using detail = 'a detail', hint = 'a hint';
              raise warning 'a warning' using errcode = '01007';
              return 1;
            end$$""";

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture();

    private final TestLocalBackend backend = new TestLocalBackend();
    private final DblinkSession session = new DblinkSession(backend);
    @RegisterExtension
    final OpenConnection x = new OpenConnection(session, "x", fx.connstr());

    @BeforeEach
    void createTheFunction() {
        session.exec("x", QueryText.of(FUNCTION), true);
        backend.remoteNoticesToClient = true;
    }

    /** The three notices of say(), as queued (the temporary schema's name aside). */
    private List<String> taken() {
        return session.takeNotices().stream()
                .map(n -> n.level() + " " + n.message().sqlstate() + " " + n.message().message() + " | "
                        + n.message().detail() + " | " + n.message().hint() + " | "
                        + n.message().context().replaceAll("pg_temp_\\d+", "pg_temp"))
                .toList();
    }

    private static final List<String> SAID = List.of(
            "INFO 00000 an info | null | null | PL/pgSQL function pg_temp.say() line 3 at RAISE\n" + SAY,
            "NOTICE 00000 a notice | a detail | a hint | PL/pgSQL function pg_temp.say() line 4 at RAISE\n" + SAY,
            "WARNING 01007 a warning | null | null | PL/pgSQL function pg_temp.say() line 5 at RAISE\n" + SAY);

    @Test
    void dblinkAndExec() {
        assertEquals(List.of("1"), RecordingSink.drain(session.query("x", QueryText.of("select pg_temp.say()"), true)).kept);
        assertEquals(SAID, taken());
        assertEquals("SELECT 1", session.exec("x", QueryText.of("create temp table said as select pg_temp.say()"), true));
        assertEquals(SAID, taken());
    }

    @Test
    void cursorsSayItWhenTheQueryRuns() {
        Cursors cursors = session.cursors();
        assertEquals("OK", cursors.open("x", "c", QueryText.of("select pg_temp.say() from generate_series(1, 2)"), true));
        assertEquals(List.of(), taken());
        assertEquals(List.of("1"), RecordingSink.drain(cursors.fetch("x", "c", 1, true, null)).kept);
        assertEquals(SAID, taken());
        assertEquals("OK", cursors.close("x", "c", true));
        assertEquals(List.of(), taken());
    }

    @Test
    void asynchronousQueriesSayItWhereTheResultIsRead() {
        AsyncQueries async = session.async();
        assertEquals(1, async.sendQuery("x", QueryText.of("select pg_temp.say()")));
        assertEquals(List.of("1"), RecordingSink.drain(async.getResult("x", true)).kept);
        assertEquals(SAID, taken());
        assertEquals(List.of(), RecordingSink.drain(async.getResult("x", true)).events);
        assertEquals(List.of(), taken());
    }

    @Test
    void aNoticeThenTheRemoteErrorInThatOrder() {
        DblinkException failed = assertThrows(DblinkException.class, () -> session.exec("x",
                QueryText.of("do $$begin raise notice 'first'; perform 1 / 0; end$$"), true));
        assertEquals("22012", failed.report().sqlstate());
        List<Notice> before = session.takeNotices();
        assertEquals(1, before.size());
        assertEquals("first", before.get(0).message().message());

        // with fail_on_error false, dblink's own NOTICE follows the remote one
        assertEquals("ERROR", session.exec("x", QueryText.of("do $$begin raise notice 'first'; perform 1 / 0; end$$"), false));
        assertEquals(List.of("NOTICE first", "NOTICE division by zero"),
                session.takeNotices().stream().map(n -> n.level() + " " + n.message().message()).toList());
    }

    @Test
    void oneShotAndUnnamedConnectionsAreTheUnnamed() {
        assertEquals("DO", session.exec(fx.connstr(), QueryText.of("do $$begin raise notice 'once'; end$$"), true));
        assertEquals("DO", session.exec(fx.connstr(), QueryText.of("do $$begin raise notice 'once'; end$$"), true));
        List<Notice> taken = session.takeNotices();
        assertEquals(2, taken.size());
        assertEquals("PL/pgSQL function inline_code_block line 1 at RAISE\nreceived message via unnamed dblink connection",
                taken.get(0).message().context());
    }

    @Test
    void withLogTheyGoToTheServerLogOnly() {
        backend.remoteNoticesToClient = false;
        assertEquals("SELECT 1", session.exec("x", QueryText.of("create temp table said as select pg_temp.say()"), true));
        assertEquals(List.of(), session.takeNotices());
        assertEquals(List.of("INFO: an info", "NOTICE: a notice", "WARNING: a warning"), backend.loggedNotices);
    }
}
