package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdblink.conninfo.HostVersion;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;

/**
 * Every remote connection counts as one of the backend's files while it is open
 * (libpqsrv_connect_prepare), and a backend without a file to spare cannot connect.
 * Against {@link FakePgServer} (trust, answers every query).
 */
class ConnectionFilesTest {
    private static final String DETAIL = "There are too many open files on the local server.";

    private static String connstr(FakePgServer server) {
        return "host=127.0.0.1 port=" + server.port() + " user=postgres dbname=postgres sslmode=disable";
    }

    @Test
    void withoutAFileToSpareConnectingFailsBeforeTheStringIsRead() {
        TestLocalBackend backend = new TestLocalBackend();
        backend.fileLimit = 0;
        DblinkSession session = new DblinkSession(backend);
        ServerMessage refusal = assertThrows(DblinkException.class, () -> session.connect("c", "dbname")).report();
        assertEquals(new ServerMessage("08001", "could not establish connection", DETAIL,
                "Raise the server's max_files_per_process and/or \"ulimit -n\" limits.", null), refusal);
        assertNull(session.connectionNames());
        assertEquals(0, backend.filesInUse);
    }

    @Test
    void from18TheHintQuotesTheSettingsName() {
        TestLocalBackend backend = new TestLocalBackend();
        backend.fileLimit = 0;
        backend.hostVersion = new HostVersion(180002);
        ServerMessage refusal = assertThrows(DblinkException.class, () -> new DblinkSession(backend).connect(null, "dbname=x"))
                .report();
        assertEquals("Raise the server's \"max_files_per_process\" and/or \"ulimit -n\" limits.", refusal.hint());
    }

    @Test
    void aConnectionHoldsItsFileUntilItIsClosed() throws Exception {
        TestLocalBackend backend = new TestLocalBackend();
        backend.fileLimit = 1;
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
            DblinkSession session = new DblinkSession(backend);
            session.connect("c", connstr(server));
            assertEquals(1, backend.filesInUse);
            assertEquals(DETAIL, assertThrows(DblinkException.class, () -> session.connect("d", connstr(server))).report().detail());
            session.disconnect("c");
            assertEquals(0, backend.filesInUse);
            session.connect(null, connstr(server));
            // a new unnamed connection is made before the old one is closed, as in dblink
            assertEquals(DETAIL, assertThrows(DblinkException.class, () -> session.connect(null, connstr(server))).report().detail());
            session.disconnect(null);
            assertEquals(0, backend.filesInUse);
        }
    }

    @Test
    void aConnectionThatFailsOrIsRefusedGivesItsFileBack() throws Exception {
        TestLocalBackend backend = new TestLocalBackend();
        DblinkSession session = new DblinkSession(backend);
        assertThrows(DblinkException.class, () -> session.connect("c", "dbname"));
        assertEquals(0, backend.filesInUse);
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
            backend.superuser = false;
            // trust: the server asks for no password, so dblink's check after connecting refuses
            assertThrows(DblinkException.class, () -> session.connect("c", connstr(server) + " password=x"));
            assertEquals(0, backend.filesInUse);
        }
    }
}
