package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdblink.testing.ClassCluster;
import org.jdblink.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** requirepeer: checked on Unix sockets (the test server runs as OS user postgres), ignored over TCP. */
class RequirePeerIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    private static String overSocket(String requirepeer) {
        return "host=" + pg.cluster().socketDir() + " port=" + pg.cluster().port() + " dbname=postgres user=postgres requirepeer=" + requirepeer;
    }

    @Test
    void theServersUserIsAccepted() throws Exception {
        try (PgConnection c = Conninfo.connect(overSocket("postgres"))) {
            assertEquals("postgres", Conninfo.value(c, "select current_user"));
        }
    }

    @Test
    void anotherUserIsRefusedWithLibpqsText() throws Exception {
        String conninfo = overSocket("nobody");
        String expected = TestCluster.psqlConnectError(conninfo);
        assertNotNull(expected);
        PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo).close());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void tcpIgnoresIt() throws Exception {
        try (PgConnection c = Conninfo.connect("host=127.0.0.1 port=" + pg.cluster().port() + " dbname=postgres user=postgres requirepeer=nobody")) {
            assertEquals("postgres", Conninfo.value(c, "select current_user"));
        }
    }
}
