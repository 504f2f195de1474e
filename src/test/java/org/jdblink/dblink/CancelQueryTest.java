package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.QueryInterruptedException;
import org.jdblink.protocol.QueryText;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;

/** dblink_cancel_query on hosts of each release, against {@link FakePgServer}. */
class CancelQueryTest {
    private static final HostVersion PG16 = new HostVersion(160011);
    private static final HostVersion PG17 = new HostVersion(170008);

    private static DblinkSession session(HostVersion host) {
        TestLocalBackend backend = new TestLocalBackend();
        backend.hostVersion = host;
        return new DblinkSession(backend);
    }

    private static String connstr(FakePgServer server) {
        return "host=127.0.0.1 port=" + server.port() + " user=postgres dbname=postgres sslmode=disable";
    }

    @Test
    void aRequestTheServerTakesIsOkOnEveryHost() throws Exception {
        for (HostVersion host : new HostVersion[] {HostVersion.PG15, PG17}) {
            try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("silence"))) {
                DblinkSession session = session(host);
                session.connect("c", connstr(server));
                assertEquals(1, session.async().sendQuery("c", QueryText.of("select pg_sleep(5)")));
                assertEquals("OK", session.async().cancelQuery("c"));
                assertEquals(1, server.cancelRequests());
                session.disconnect("c");
            }
        }
    }

    @Test
    void aLostConnectionHasNoCancelObjectUpTo16AndIsNotOpenFrom17() throws Exception {
        for (HostVersion host : new HostVersion[] {HostVersion.PG15, PG16, PG17, new HostVersion(180002)}) {
            DblinkSession session = session(host);
            try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
                session.connect("c", connstr(server));
            }
            assertEquals("ERROR", session.exec("c", QueryText.of("select 1"), false));
            String expected = host.atLeast(17) ? "connection not open" : "PQcancel() -- no cancel object supplied";
            assertEquals(expected, session.async().cancelQuery("c"), host.toString());
            session.disconnect("c");
        }
    }

    @Test
    void from17ALocalInterruptEndsTheWaitForTheServer() throws Exception {
        TestLocalBackend backend = new TestLocalBackend();
        backend.hostVersion = PG17;
        try (FakePgServer server = FakePgServer.startHangingRemote()) {
            DblinkSession session = new DblinkSession(backend);
            session.connect("c", connstr(server));
            server.fillListenQueue();
            backend.interruptSoon();
            long start = System.nanoTime();
            assertThrows(QueryInterruptedException.class,
                    () -> session.async().cancelQuery("c"));
            assertTrue(System.nanoTime() - start < 10_000_000_000L);
        }
    }
}
