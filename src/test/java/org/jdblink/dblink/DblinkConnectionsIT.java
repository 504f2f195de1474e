package org.jdblink.dblink;

import org.jdblink.protocol.QueryText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registry, name resolution and connecting, with the texts C dblink 15 gives. */
class DblinkConnectionsIT {
    private static final String LONG_A = "a".repeat(80);
    private static final String LONG_B = "a".repeat(79) + "b";
    private static final String A63 = "a".repeat(63);

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture();

    private final TestLocalBackend backend = new TestLocalBackend();
    private final DblinkSession session = new DblinkSession(backend);

    @AfterEach
    void closeAll() {
        String[] names = session.connectionNames();
        if (names != null) {
            for (String n : names) {
                session.disconnect(n);
            }
        }
        try {
            session.disconnect(null);
        } catch (DblinkException none) {
            // no unnamed connection
        }
    }

    private static void assertReport(DblinkException e, String sqlstate, String message, String detail, String hint, String context) {
        ServerMessage r = e.report();
        assertEquals(new ServerMessage(sqlstate, message, detail, hint, context), r);
    }

    @Test
    void namedConnectionsAreListedAndDisconnected() {
        assertNull(session.connectionNames());
        assertEquals("OK", session.connect("x", fx.connstr()));
        assertEquals("OK", session.connect("y", fx.connstr()));
        assertEquals(List.of("x", "y"), List.of(session.connectionNames()).stream().sorted().toList());
        assertEquals("OK", session.disconnect("x"));
        assertArrayEquals(new String[] {"y"}, session.connectionNames());
        assertTrue(session.takeNotices().isEmpty());
    }

    @Test
    void duplicateNameIsRefusedBeforeConnecting() {
        session.connect("x", fx.connstr());
        assertReport(assertThrows(DblinkException.class, () -> session.connect("x", fx.connstr())),
                "42710", "duplicate connection name", null, null, null);
        // the name is checked first: a bad connection string makes no difference
        assertReport(assertThrows(DblinkException.class, () -> session.connect("x", "dbname=nosuch")),
                "42710", "duplicate connection name", null, null, null);
    }

    @Test
    void longNamesAreTruncatedWithANoticeWhenCreated() {
        session.connect(LONG_A, fx.connstr());
        assertEquals(List.of(Notice.of(new ServerMessage("42622",
                "identifier \"" + LONG_A + "\" will be truncated to \"" + A63 + "\"", null, null, null))), session.takeNotices());
        assertArrayEquals(new String[] {A63}, session.connectionNames());

        // another long name with the same first 63 bytes is the same connection
        assertThrows(DblinkException.class, () -> session.connect(LONG_B, fx.connstr()));
        assertEquals(1, session.takeNotices().size(), "the NOTICE comes before the duplicate error");
        assertEquals("OK", session.errorMessage(LONG_B));
        assertEquals("OK", session.disconnect(LONG_B));
        assertNull(session.connectionNames());
    }

    @Test
    void truncationKeepsWholeCharacters() {
        String name = "é".repeat(40); // 80 bytes in UTF8
        session.connect(name, fx.connstr());
        ServerMessage notice = session.takeNotices().get(0).message();
        assertEquals("identifier \"" + name + "\" will be truncated to \"" + "é".repeat(31) + "\"", notice.message());
    }

    @Test
    void missingConnectionsAreNotAvailable() {
        assertReport(assertThrows(DblinkException.class, () -> session.disconnect("nope")),
                "08003", "connection \"nope\" not available", null, null, null);
        assertReport(assertThrows(DblinkException.class, () -> session.disconnect(null)),
                "08003", "connection not available", null, null, null);
        assertReport(assertThrows(DblinkException.class, () -> session.disconnect(LONG_A)),
                "08003", "connection \"" + LONG_A + "\" not available", null, null, null);
        assertReport(assertThrows(DblinkException.class, () -> session.errorMessage("")),
                "08003", "connection \"\" not available", null, null, null);
        assertReport(assertThrows(DblinkException.class, () -> session.query(null, QueryText.of("select 1"), true)),
                "08003", "connection not available", null, null, null);
        assertReport(assertThrows(DblinkException.class, () -> session.exec(null, QueryText.of("select 1"), true)),
                "08003", "connection not available", null, null, null);
        assertTrue(session.takeNotices().isEmpty(), "lookups truncate silently");
    }

    @Test
    void connectionFailuresCarryLibpqsText() {
        assertReport(assertThrows(DblinkException.class, () -> session.connect("x", "hello")),
                "08001", "could not establish connection", "missing \"=\" after \"hello\" in connection info string", null, null);
        assertNull(session.connectionNames(), "a failed connect leaves no entry");
        assertReport(assertThrows(DblinkException.class, () -> session.exec("hello", QueryText.of("select 1"), true)),
                "08001", "could not establish connection", "missing \"=\" after \"hello\" in connection info string", null, null);
        String socket = fx.cluster().socketDir() + "/.s.PGSQL." + fx.cluster().port();
        assertReport(assertThrows(DblinkException.class, () -> session.connect(null, fx.connstr().replace("dbname=postgres", "dbname=nosuch"))),
                "08001", "could not establish connection",
                "connection to server on socket \"" + socket + "\" failed: FATAL:  database \"nosuch\" does not exist", null, null);
    }

    @Test
    void newUnnamedConnectionReplacesTheOldOne() throws Exception {
        session.connect(null, fx.connstr("application_name=unnamed_a"));
        assertEquals(1, fx.backends("unnamed_a", 1));
        session.connect(null, fx.connstr("application_name=unnamed_b"));
        assertEquals(0, fx.backends("unnamed_a", 0));
        assertEquals(1, fx.backends("unnamed_b", 1));
        assertNull(session.connectionNames(), "the unnamed connection is not listed");
        session.disconnect(null);
        assertEquals(0, fx.backends("unnamed_b", 0));
    }

    @Test
    void aNameThatIsNoConnectionIsAConnectionStringUsedOnce() throws Exception {
        assertEquals("SET", session.exec(fx.connstr("application_name=once"), QueryText.of("set work_mem = '1MB'"), true));
        assertEquals(0, fx.backends("once", 0));
        session.connect("x", fx.connstr("application_name=kept"));
        assertEquals("SET", session.exec("x", QueryText.of("set work_mem = '1MB'"), true));
        assertEquals(1, fx.backends("kept", 1));
    }

    @Test
    void foreignServerNamesComeBeforeConnectionStrings() {
        DblinkSession withServers = new DblinkSession(backend, name -> name.equals("srv") ? fx.connstr() : null);
        assertEquals("OK", withServers.connect("viaserver", "srv"));
        assertEquals("SELECT 1", withServers.exec("srv", QueryText.of("create temp table t as select 1"), true));
        withServers.disconnect("viaserver");
    }

    @Test
    void errorMessageIsOkOrLibpqsLastFailure() {
        session.connect("x", fx.connstr());
        assertEquals("OK", session.errorMessage("x"));
        assertEquals("ERROR", session.exec("x", QueryText.of("do $$begin raise exception 'boom' using detail = 'd', hint = 'h'; end$$"), false));
        assertEquals("ERROR:  boom\nDETAIL:  d\nHINT:  h\nCONTEXT:  PL/pgSQL function inline_code_block line 1 at RAISE",
                session.errorMessage("x"));
        session.exec("x", QueryText.of("select 1; set work_mem = '1MB'"), true);
        assertEquals("OK", session.errorMessage("x"));
    }

    @Test
    void remoteClientEncodingFollowsTheDatabaseEncoding() {
        backend.env.put("PGCLIENTENCODING", "LATIN1");
        session.connect("x", fx.connstr());
        RecordingSink sink = new RecordingSink();
        session.query("x", QueryText.of("show client_encoding"), true).pump(sink);
        assertEquals(List.of("UTF8"), sink.kept);

        backend.databaseEncoding = "LATIN1";
        backend.env.remove("PGCLIENTENCODING");
        session.connect("y", fx.connstr());
        sink = new RecordingSink();
        session.query("y", QueryText.of("show client_encoding"), true).pump(sink);
        assertEquals(List.of("LATIN1"), sink.kept);
    }

    @Test
    void nonSuperusersMustGiveAPassword() {
        backend.superuser = false;
        DblinkException e = assertThrows(DblinkException.class, () -> session.connect("x", fx.connstr()));
        assertReport(e, "2F003", "password is required", "Non-superusers must provide a password in the connection string.", null, null);
        e = assertThrows(DblinkException.class, () -> session.connect("x", fx.connstr("password=")));
        assertEquals("Non-superusers must provide a password in the connection string.", e.report().detail());
        assertNull(session.connectionNames());
    }

    @Test
    void nonSuperusersNeedAServerThatAsksForThePassword() {
        backend.superuser = false;
        DblinkException e = assertThrows(DblinkException.class, () -> session.exec(fx.connstr("password=unused"), QueryText.of("select 1"), true));
        assertReport(e, "2F003", "password is required", "Non-superuser cannot connect if the server does not request a password.",
                "Target server's authentication method must be changed.", null);
        assertNull(session.connectionNames());
    }

    @Test
    void superuserIsAskedAtEveryConnect() {
        session.connect("x", fx.connstr());
        backend.superuser = false;
        assertThrows(DblinkException.class, () -> session.connect("y", fx.connstr()));
        assertArrayEquals(new String[] {"x"}, session.connectionNames());
    }
}
