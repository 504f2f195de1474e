package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificates from test/tls-fixtures.sh (a CA, server and revoked server certificates, a
 * CRL, client certificates with keys in every PEM form): revocation lists, client
 * certificates and the TLS protocol range, each compared with psql (libpq 15) on the same
 * setup. Server settings are switched with ALTER SYSTEM and a reload.
 */
@DisabledIfSystemProperty(named = "jdblink.test.server", matches = ".+",
        disabledReason = "needs a server of its own, with certificates from test/tls-fixtures.sh and pg_hba.conf lines for them")
class TlsCertificatesIT {
    private static TestCluster cluster;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.startWithTlsFixtures(String.join("\n",
                "hostssl verify_full all 127.0.0.1/32 trust clientcert=verify-full",
                "hostssl all auth_cert 127.0.0.1/32 cert",
                "hostssl all auth_certca 127.0.0.1/32 trust clientcert=verify-ca"));
        cluster.psql("create role auth_cert login; create role auth_certca login");
        cluster.psql("create database verify_full");
        tls = cluster.tlsFixtures();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String conninfo(String rest) {
        return "host=127.0.0.1 port=" + cluster.port() + " dbname=postgres sslrootcert=" + tls.resolve("ca.crt") + " " + rest;
    }

    private static String file(String name) {
        return tls.resolve(name).toString();
    }

    /** Sets server parameters (null resets) and waits until new backends see them. */
    private static void serverSettings(String name, String value) throws Exception {
        cluster.psql(value == null ? "alter system reset " + name : "alter system set " + name + " = '" + value + "'");
        cluster.psql("select pg_reload_conf()");
        String expected = cluster.psql("select coalesce((select setting from pg_file_settings where name = '" + name
                + "' and applied is not null order by seqno desc limit 1), (select boot_val from pg_settings where name = '" + name + "'))");
        cluster.awaitValue("show " + name, expected);
    }

    private static void assertFailsLikePsql(String conninfo) throws Exception {
        assertFailsLikePsql(conninfo, TestCluster.psqlConnectError(conninfo));
    }

    private static void assertFailsLikePsql(String conninfo, String expected) throws Exception {
        assertNotNull(expected, "psql connected: " + conninfo);
        PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo).close());
        assertEquals(expected, e.getMessage());
    }

    private static String sslVersion(PgConnection c) throws PgIOException {
        return Conninfo.value(c, "select version from pg_stat_ssl where pid = pg_backend_pid()");
    }

    @Test
    void crlThatDoesNotListTheServerLetsItThrough() throws Exception {
        for (String crl : new String[] {"sslcrl=" + file("ca.crl"), "sslcrldir=" + file("crldir")}) {
            String conninfo = conninfo("sslmode=verify-full host=localhost user=auth_trust " + crl);
            assertNull(TestCluster.psqlConnectError(conninfo));
            try (PgConnection c = Conninfo.connect(conninfo)) {
                assertEquals("TLSv1.3", sslVersion(c));
            }
        }
    }

    /**
     * sslcertmode (libpq 16) against a server that asks every TLS client for a certificate
     * (its ssl_ca_file is set): require wants one asked for and sent, disable sends none.
     */
    @Test
    void sslcertmodeOfLibpq16() throws Exception {
        HostVersion pg16 = new HostVersion(160011);
        String certificate = " sslcert=" + file("client.crt") + " sslkey=" + file("client-pkcs1.key");
        try (PgConnection c = Conninfo.connect(conninfo("sslmode=verify-ca user=auth_cert sslcertmode=require" + certificate), null, pg16)) {
            assertEquals("auth_cert", Conninfo.value(c, "select current_user"));
        }
        String prefix = "connection to server at \"127.0.0.1\", port " + cluster.port() + " failed: ";
        PgConnectException withoutCertificate = assertThrows(PgConnectException.class, () -> Conninfo.connect(
                conninfo("sslmode=verify-ca user=auth_trust sslcertmode=require sslcert=/nonexistent/client.crt"), null, pg16).close());
        assertEquals(prefix + "server accepted connection without a valid SSL certificate", withoutCertificate.getMessage());
        PgConnectException withoutTls = assertThrows(PgConnectException.class, () -> Conninfo.connect(
                conninfo("sslmode=disable user=auth_trust sslcertmode=require" + certificate), null, pg16).close());
        assertEquals(prefix + "server did not request an SSL certificate", withoutTls.getMessage());
        // disable sends none, as a missing file does with libpq 15
        String expected = TestCluster.psqlConnectError(conninfo("sslmode=verify-ca user=auth_cert sslcert=/nonexistent/client.crt"));
        PgConnectException disabled = assertThrows(PgConnectException.class, () -> Conninfo.connect(
                conninfo("sslmode=verify-ca user=auth_cert sslcertmode=disable" + certificate), null, pg16).close());
        assertEquals(expected, disabled.getMessage());
    }

    /** Once checking is on, a certificate without a CRL from its issuer fails, as with OpenSSL. */
    @ParameterizedTest
    @ValueSource(strings = {"sslcrldir=/nonexistent/crls", "sslcrl=CA_CERT"})
    void checkingWithoutTheIssuersCrlFails(String crl) throws Exception {
        assertFailsLikePsql(conninfo("sslmode=verify-ca user=auth_trust " + crl.replace("CA_CERT", file("ca.crt"))));
    }

    /** A CRL file that is missing or holds nothing turns checking off, even with a directory. */
    @Test
    void unloadableCrlFileMeansNoChecking() throws Exception {
        serverSettings("ssl_cert_file", file("revoked.crt"));
        serverSettings("ssl_key_file", file("revoked.key"));
        try {
            for (String crl : new String[] {"sslcrl=/nonexistent/x.crl sslcrldir=" + file("crldir"), "sslcrl=" + file("index.txt")}) {
                String conninfo = conninfo("sslmode=verify-ca user=auth_trust " + crl);
                assertNull(TestCluster.psqlConnectError(conninfo));
                try (PgConnection c = Conninfo.connect(conninfo)) {
                    assertEquals("TLSv1.3", sslVersion(c));
                }
            }
        } finally {
            serverSettings("ssl_cert_file", null);
            serverSettings("ssl_key_file", null);
        }
    }

    @Test
    void revokedServerCertificateIsRefused() throws Exception {
        serverSettings("ssl_cert_file", file("revoked.crt"));
        serverSettings("ssl_key_file", file("revoked.key"));
        try {
            try (PgConnection c = Conninfo.connect(conninfo("sslmode=verify-ca user=auth_trust"))) {
                assertEquals("TLSv1.3", sslVersion(c)); // without a CRL the revocation goes unnoticed
            }
            assertFailsLikePsql(conninfo("sslmode=verify-ca user=auth_trust sslcrl=" + file("ca.crl")));
            assertFailsLikePsql(conninfo("sslmode=verify-full host=localhost user=auth_trust sslcrldir=" + file("crldir")));
            assertFailsLikePsql(conninfo("sslmode=require user=auth_trust sslcrl=" + file("ca.crl")));
            // prefer: after the failed handshake libpq retries without TLS
            String prefer = conninfo("sslmode=prefer user=auth_trust sslcrl=" + file("ca.crl"));
            assertNull(TestCluster.psqlConnectError(prefer));
            try (PgConnection c = Conninfo.connect(prefer)) {
                assertEquals("f", Conninfo.value(c, "select ssl from pg_stat_ssl where pid = pg_backend_pid()"));
            }
        } finally {
            serverSettings("ssl_cert_file", null);
            serverSettings("ssl_key_file", null);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "client.crt,client-pkcs1.key,",
        "client.crt,client-pkcs8.key,",
        "client.crt,client-pkcs8.key,unused",
        "client.crt,client-enc-pkcs8.key,secret",
        "client.crt,client-enc-pkcs1.key,secret",
        "client-ec.crt,client-ec.key,",
    })
    void clientCertificateAuthenticates(String cert, String key, String password) throws Exception {
        String conninfo = conninfo("sslmode=verify-full host=localhost user=auth_cert sslcert=" + file(cert) + " sslkey=" + file(key)
                + (password == null ? "" : " sslpassword=" + password));
        assertNull(TestCluster.psqlConnectError(conninfo));
        try (PgConnection c = Conninfo.connect(conninfo)) {
            assertEquals("auth_cert /CN=auth_cert", Conninfo.value(c,
                    "select current_user || ' ' || client_dn from pg_stat_ssl where pid = pg_backend_pid()"));
        }
    }

    @Test
    void clientCertificateForClientcertVerifyCa() throws Exception {
        String conninfo = conninfo("sslmode=verify-ca user=auth_certca sslcert=" + file("client.crt") + " sslkey=" + file("client-pkcs1.key"));
        try (PgConnection c = Conninfo.connect(conninfo)) {
            assertEquals("auth_certca", Conninfo.value(c, "select current_user"));
        }
        assertFailsLikePsql(conninfo("sslmode=verify-ca user=auth_certca sslcert=/nonexistent/client.crt"));
    }

    /**
     * pg_hba's clientcert=verify-full: the certificate must verify and its CN must be the
     * role's name; without one, or for another role, the server refuses as psql shows.
     */
    @Test
    void clientCertificateForClientcertVerifyFull() throws Exception {
        String certificate = " dbname=verify_full sslcert=" + file("client.crt") + " sslkey=" + file("client-pkcs8.key");
        try (PgConnection c = Conninfo.connect(conninfo("sslmode=verify-full host=localhost user=auth_cert" + certificate))) {
            assertEquals("auth_cert /CN=auth_cert", Conninfo.value(c,
                    "select current_user || ' ' || client_dn from pg_stat_ssl where pid = pg_backend_pid()"));
        }
        assertFailsLikePsql(conninfo("sslmode=verify-full host=localhost user=auth_certca" + certificate));
        assertFailsLikePsql(conninfo("sslmode=verify-full host=localhost user=auth_cert dbname=verify_full sslcert=/nonexistent/client.crt"));
    }

    /** A missing certificate file means "no client certificate": the server's refusal is what shows. */
    @Test
    void missingCertificateSendsNone() throws Exception {
        assertFailsLikePsql(conninfo("sslmode=verify-ca user=auth_cert sslcert=/nonexistent/client.crt"));
    }

    @ParameterizedTest
    @CsvSource({
        "client.crt,client-enc-pkcs8.key,wrong",
        "client.crt,client-enc-pkcs1.key,wrong",
        "client.crt,/nonexistent/client.key,",
        "client.crt,ca.crt,",
        "client.crt,ca.key,",
        "client.crt,client-ec.key,",
        "client.crt,crldir,",
        "ca.key,client-pkcs1.key,",
        "client.crt,engine:key,",
    })
    void clientCertificateProblemsReadLikeLibpq(String cert, String key, String password) throws Exception {
        String keyPath = key.startsWith("/") || key.contains(":") ? key : file(key);
        assertFailsLikePsql(conninfo("sslmode=verify-ca user=auth_cert sslcert=" + file(cert) + " sslkey=" + keyPath
                + (password == null ? "" : " sslpassword=" + password)));
    }

    /**
     * Without sslpassword libpq lets OpenSSL prompt; inside a server backend there is no
     * terminal and C dblink reports OpenSSL's "processing error" (psql would prompt here).
     */
    @ParameterizedTest
    @ValueSource(strings = {"client-enc-pkcs8.key", "client-enc-pkcs1.key"})
    void encryptedKeyWithoutPasswordFailsAsInABackend(String key) throws Exception {
        String conninfo = conninfo("sslmode=verify-ca user=auth_cert sslcert=" + file("client.crt") + " sslkey=" + file(key));
        PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo).close());
        assertEquals("connection to server at \"127.0.0.1\", port " + cluster.port() + " failed: could not load private key file \""
                + file(key) + "\": processing error", e.getMessage());
    }

    @Test
    void keyReadableByOthersIsRefused() throws Exception {
        Path key = Files.createTempFile(tls, "open", ".key");
        Files.copy(tls.resolve("client-pkcs8.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // root may have group read (0640), no more; any other owner not even that
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        String conninfo = conninfo("sslmode=verify-ca user=auth_cert sslcert=" + file("client.crt") + " sslkey=" + key);
        try (PgConnection c = Conninfo.connect(conninfo)) {
            assertEquals("auth_cert", Conninfo.value(c, "select current_user"));
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));
        assertFailsLikePsql(conninfo);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw--w----"));
        assertFailsLikePsql(conninfo);
        // owned by someone else than root, even group read is too much
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        Files.setOwner(key, key.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        assertFailsLikePsql(conninfo);
    }

    /**
     * Java disables TLSv1 and TLSv1.1, so a range of only those fails before anything is
     * sent (libpq's server-side refusal reads "tlsv1 alert protocol version"); the hint
     * line is libpq's. See docs/differences.md.
     */
    @Test
    void rangeOfDisabledVersionsFailsWithLibpqsHint() throws Exception {
        String conninfo = conninfo("sslmode=require user=auth_trust ssl_min_protocol_version=TLSv1 ssl_max_protocol_version=TLSv1.1");
        PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo).close());
        assertEquals("connection to server at \"127.0.0.1\", port " + cluster.port() + " failed: SSL error: no protocols available\n"
                + "This may indicate that the server does not support any SSL protocol version between TLSv1 and TLSv1.1.",
                e.getMessage());
    }

    /** ~/.postgresql/postgresql.crt, postgresql.key and root.crt of the home directory are the defaults. */
    @Test
    void defaultFilesComeFromTheHomeDirectory() throws Exception {
        Path home = Files.createTempDirectory(tls, "home");
        Path dot = Files.createDirectory(home.resolve(".postgresql"));
        String conninfo = "host=localhost port=" + cluster.port() + " dbname=postgres user=auth_cert sslmode=verify-full";
        PgConnectException noRoot = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo, home.toString()).close());
        assertEquals("connection to server at \"localhost\" (127.0.0.1), port " + cluster.port() + " failed: root certificate file \""
                + dot.resolve("root.crt") + "\" does not exist\nEither provide the file or change sslmode to disable server "
                + "certificate verification.", noRoot.getMessage());
        Files.copy(tls.resolve("ca.crt"), dot.resolve("root.crt"));
        PgConnectException noCert = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo, home.toString()).close());
        assertEquals(TestCluster.psqlConnectError(conninfo + " sslrootcert=" + dot.resolve("root.crt")), noCert.getMessage());
        Files.copy(tls.resolve("client.crt"), dot.resolve("postgresql.crt"));
        Files.copy(tls.resolve("client-pkcs1.key"), dot.resolve("postgresql.key"));
        try (PgConnection c = Conninfo.connect(conninfo, home.toString())) {
            assertEquals("auth_cert", Conninfo.value(c, "select current_user"));
        }
        // ~/.postgresql/root.crl is read too: a certificate in it (no CRL) turns checking
        // on with no CRL for the server's issuer, so verification fails
        Files.copy(tls.resolve("ca.crt"), dot.resolve("root.crl"));
        PgConnectException noCrl = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo, home.toString()).close());
        assertEquals("connection to server at \"localhost\" (127.0.0.1), port " + cluster.port()
                + " failed: SSL error: certificate verify failed", noCrl.getMessage());
    }

    @Test
    void maximumVersionLimitsTheSession() throws Exception {
        try (PgConnection c = Conninfo.connect(conninfo("sslmode=require user=auth_trust ssl_max_protocol_version=TLSv1.2"))) {
            assertEquals("TLSv1.2", sslVersion(c));
        }
        try (PgConnection c = Conninfo.connect(conninfo("sslmode=require user=auth_trust ssl_min_protocol_version=tlsv1.3"))) {
            assertEquals("TLSv1.3", sslVersion(c));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ssl_min_protocol_version=TLSv1.4",
        "ssl_max_protocol_version=tlsv9",
        "ssl_min_protocol_version=TLSv1.3 ssl_max_protocol_version=TLSv1.2",
        "ssl_max_protocol_version=TLSv1.1",
    })
    void invalidVersionsReadLikeLibpq(String options) throws Exception {
        String conninfo = conninfo("sslmode=require user=auth_trust " + options);
        Exception e = assertThrows(Exception.class, () -> Conninfo.connect(conninfo).close());
        assertEquals(TestCluster.psqlConnectError(conninfo), e.getMessage());
    }

    @Test
    void serverAboveTheMaximumFails() throws Exception {
        serverSettings("ssl_min_protocol_version", "TLSv1.3");
        try {
            assertFailsLikePsql(conninfo("sslmode=require user=auth_trust ssl_max_protocol_version=TLSv1.2"));
            assertFailsLikePsql(conninfo("sslmode=require user=auth_trust ssl_min_protocol_version=TLSv1.1 ssl_max_protocol_version=TLSv1.2"));
        } finally {
            serverSettings("ssl_min_protocol_version", null);
        }
    }
}
