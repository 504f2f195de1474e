package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * connect_timeout by the host's release: dblink 15 connects with PQconnectdb, which reads
 * it (an invalid value is an error); dblink 16 on connects without reading it, so an
 * invalid value is no error, and jdblink still ends the wait after a valid one.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectTimeoutByReleaseTest {
    private static final HostVersion PG16 = new HostVersion(160011);

    private static PgConnection connect(int port, String timeout, HostVersion libpq) throws Exception {
        String conninfo = "host=127.0.0.1 port=" + port + " user=fake dbname=fake sslmode=disable connect_timeout=" + timeout;
        return Conninfo.connect(conninfo, null, libpq);
    }

    @Test
    void anInvalidValueIsAnErrorOnlyOn15() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("well_behaved"))) {
            PgConnectException e = assertThrows(PgConnectException.class, () -> connect(server.port(), "abc", HostVersion.PG15));
            assertEquals("connection to server at \"127.0.0.1\", port " + server.port()
                    + " failed: invalid integer value \"abc\" for connection option \"connect_timeout\"", e.getMessage());
            for (String invalid : new String[] {"abc", "2x", "99999999999"}) {
                try (PgConnection c = connect(server.port(), invalid, PG16)) {
                    assertFalse(c.isBroken(), invalid);
                }
            }
        }
    }

    @Test
    void aValidValueStillEndsTheWaitFrom16On() throws Exception {
        // the kernel completes the connect into the listen queue; nobody ever answers
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            PgConnectException e = assertThrows(PgConnectException.class, () -> connect(silent.getLocalPort(), "2", PG16));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("connection to server at \"127.0.0.1\", port " + silent.getLocalPort() + " failed: timeout expired",
                    e.getMessage());
            assertTrue(millis >= 1900 && millis < 10_000, "waited " + millis + " ms");
        }
    }
}
