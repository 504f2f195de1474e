package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.ClassCluster;
import org.jdblink.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sslmode against a cluster with ssl=on and a self-signed certificate for CN=localhost. */
class TlsIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(true);

    private static PgConnection connect(String user, String host, Map<String, String> extra) throws PgConnectException {
        Map<String, String> v = new HashMap<>(Map.of("user", user, "dbname", "postgres"));
        v.putAll(extra);
        return PgConnection.connect(Settings.of(v, new HostTarget(host, null, pg.cluster().port(), false)), Interrupts.NONE);
    }

    private static String sslInUse(PgConnection c) throws PgIOException {
        c.sendQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()");
        String value = null;
        for (Event e = c.next(); e != Event.READY; e = c.next()) {
            if (e == Event.DATA_ROW) {
                value = RowText.values(c).get(0);
            }
        }
        return value;
    }

    @Test
    void requireEncryptsWithoutVerifying() throws Exception {
        try (PgConnection c = connect("auth_sslonly", "127.0.0.1", Map.of("sslmode", "require", "sslrootcert", "/nonexistent/root.crt"))) {
            assertEquals("t", sslInUse(c));
        }
    }

    @Test
    void preferUsesTlsAndDisableDoesNot() throws Exception {
        try (PgConnection c = connect("postgres", "127.0.0.1", Map.of("sslmode", "prefer", "sslrootcert", "/nonexistent/root.crt"))) {
            assertEquals("t", sslInUse(c));
        }
        try (PgConnection c = connect("postgres", "127.0.0.1", Map.of("sslmode", "disable"))) {
            assertEquals("f", sslInUse(c));
        }
    }

    @Test
    void scramOverTls() throws Exception {
        try (PgConnection c = connect("auth_scram", "127.0.0.1", Map.of("sslmode", "require", "password", "auth_scram_pw", "sslrootcert", "/nonexistent/root.crt"))) {
            assertEquals("t", sslInUse(c));
        }
    }

    /** sslmode=prefer retries without SSL only for errors before AuthenticationOk, as libpq does. */
    @Test
    void preferRetriesWithoutSslOnlyBeforeAuthentication() throws Exception {
        String base = "host=127.0.0.1 port=" + pg.cluster().port() + " sslmode=prefer sslrootcert=/nonexistent/root.crt ";
        PgConnectException noRole = assertThrows(PgConnectException.class,
                () -> connect("no_such_role", "127.0.0.1", Map.of("sslmode", "prefer", "sslrootcert", "/nonexistent/root.crt")));
        assertEquals(TestCluster.psqlConnectError(base + "user=no_such_role dbname=postgres"), noRole.getMessage());
        PgConnectException badPassword = assertThrows(PgConnectException.class,
                () -> connect("auth_scram", "127.0.0.1", Map.of("sslmode", "prefer", "sslrootcert", "/nonexistent/root.crt", "password", "wrong")));
        assertEquals(TestCluster.psqlConnectError(base + "user=auth_scram password=wrong dbname=postgres"), badPassword.getMessage());
    }

    @Test
    void verifyFullChecksTheHostName() throws Exception {
        String root = pg.cluster().serverCertificate().toString();
        try (PgConnection c = connect("postgres", "localhost", Map.of("sslmode", "verify-full", "sslrootcert", root))) {
            assertEquals("t", sslInUse(c));
        }
        PgConnectException e = assertThrows(PgConnectException.class,
                () -> connect("postgres", "127.0.0.1", Map.of("sslmode", "verify-full", "sslrootcert", root)));
        String conninfo = "host=127.0.0.1 port=" + pg.cluster().port() + " user=postgres dbname=postgres sslmode=verify-full sslrootcert=" + root;
        assertEquals(TestCluster.psqlConnectError(conninfo), e.getMessage());
    }

    @Test
    void verifyCaWithoutRootCertificateMatchesPsql() throws Exception {
        PgConnectException e = assertThrows(PgConnectException.class,
                () -> connect("postgres", "127.0.0.1", Map.of("sslmode", "verify-ca", "sslrootcert", "/nonexistent/root.crt")));
        String conninfo = "host=127.0.0.1 port=" + pg.cluster().port() + " user=postgres dbname=postgres sslmode=verify-ca sslrootcert=/nonexistent/root.crt";
        assertEquals(TestCluster.psqlConnectError(conninfo), e.getMessage());
    }

    /**
     * sslnegotiation=direct (libpq 17) to a server of 15, which reads the TLS hello as a
     * startup packet and hangs up: libpq 17's text (docs/versions-observed.md §4.3). Direct
     * TLS to a server of 17 or 18 is covered by test/sql/connect.sql on those hosts.
     */
    @Test
    void directTlsToAServerBefore17FailsAsWithLibpq17() throws Exception {
        String conninfo = "host=127.0.0.1 port=" + pg.cluster().port()
                + " user=postgres dbname=postgres sslmode=require sslnegotiation=direct";
        PgConnectException e = assertThrows(PgConnectException.class,
                () -> Conninfo.connect(conninfo, null, new HostVersion(170008)).close());
        assertEquals("connection to server at \"127.0.0.1\", port " + pg.cluster().port() + " failed: SSL SYSCALL error: EOF detected",
                e.getMessage());
    }

    /** sslrootcert=system (libpq 16): the Java runtime's trusted roots, which do not include the test's own. */
    @Test
    void systemRootsDoNotTrustASelfSignedServer() throws Exception {
        String conninfo = "host=localhost port=" + pg.cluster().port() + " user=postgres dbname=postgres sslrootcert=system";
        PgConnectException e = assertThrows(PgConnectException.class,
                () -> Conninfo.connect(conninfo, null, new HostVersion(160011)).close());
        assertEquals("connection to server at \"localhost\" (127.0.0.1), port " + pg.cluster().port()
                + " failed: SSL error: certificate verify failed", e.getMessage());
    }

    /** The missing root certificate's advice names sslrootcert=system from libpq 16 on. */
    @Test
    void missingRootCertificateAdviceByRelease() throws Exception {
        String conninfo = "host=127.0.0.1 port=" + pg.cluster().port() + " user=postgres dbname=postgres sslmode=verify-ca "
                + "sslrootcert=/nonexistent/root.crt";
        PgConnectException e = assertThrows(PgConnectException.class,
                () -> Conninfo.connect(conninfo, null, new HostVersion(160011)).close());
        assertEquals("connection to server at \"127.0.0.1\", port " + pg.cluster().port()
                + " failed: root certificate file \"/nonexistent/root.crt\" does not exist\n"
                + "Either provide the file, use the system's trusted roots with sslrootcert=system, or change sslmode to "
                + "disable server certificate verification.", e.getMessage());
    }
}
