package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.SaslChoiceRecorder;
import org.jdblink.testing.SaslChoiceRecorder.Choice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which SASL mechanism and GS2 header jdblink sends, seen by the fake server on 127.0.0.1
 * (over TLS with a keytool certificate, or in plain text) with a {@link SaslChoiceRecorder}
 * that offers chosen mechanisms and records the client's SASLInitialResponse.
 */
class ScramMechanismChoiceTest {
    private static Path dir;
    private static SSLContext serverTls;

    @BeforeAll
    static void makeServerCertificate() throws Exception {
        dir = Files.createTempDirectory("jdblink-scram-");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-alias", "server")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    @AfterAll
    static void removeCertificate() throws IOException {
        Files.deleteIfExists(dir.resolve("server.p12"));
        Files.deleteIfExists(dir);
    }

    /**
     * Runs one connection against the fake server offering {@code offered} (the connection
     * itself always fails) and asserts the client chose {@code mechanism} with a
     * client-first-message that begins with {@code gs2Header}.
     */
    private static void assertChoice(boolean tls, List<String> offered, String options, String mechanism, String gs2Header)
            throws Exception {
        SaslChoiceRecorder recorder = new SaslChoiceRecorder(offered);
        try (FakePgServer server = tls ? FakePgServer.startWithTls(recorder, serverTls) : FakePgServer.start(recorder)) {
            String conninfo = "host=127.0.0.1 port=" + server.port() + " user=u dbname=d password=pw "
                    + "sslrootcert=/nonexistent/root.crt connect_timeout=10 " + options;
            PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo).close());
            Choice a = recorder.await(30);
            assertTrue(a.mechanism() != null, e.getMessage());
            assertEquals(mechanism, a.mechanism());
            assertTrue(a.clientFirst().startsWith(gs2Header), a.clientFirst());
        }
    }

    @Test
    void preferChoosesPlusOverTls() throws Exception {
        assertChoice(true, List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), "sslmode=require",
                "SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,n=*,r=");
    }

    @Test
    void requireChoosesPlusOverTls() throws Exception {
        assertChoice(true, List.of("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"), "sslmode=require channel_binding=require",
                "SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,");
    }

    /** The client could bind but the server offers no -PLUS: GS2 flag "y", as libpq. */
    @Test
    void tlsWithoutPlusOfferSaysClientCouldBind() throws Exception {
        assertChoice(true, List.of("SCRAM-SHA-256"), "sslmode=require", "SCRAM-SHA-256", "y,,");
    }

    @Test
    void disableNeverBinds() throws Exception {
        assertChoice(true, List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), "sslmode=require channel_binding=disable",
                "SCRAM-SHA-256", "n,,");
    }

    @Test
    void plainTextWithoutBinding() throws Exception {
        assertChoice(false, List.of("SCRAM-SHA-256"), "sslmode=prefer", "SCRAM-SHA-256", "n,,");
    }

    /** libpq refuses a -PLUS offer without TLS (a sign of a man in the middle). */
    @Test
    void plusOfferedWithoutTlsIsRefused() throws Exception {
        SaslChoiceRecorder recorder = new SaslChoiceRecorder(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"));
        try (FakePgServer server = FakePgServer.start(recorder)) {
            PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(
                    "host=127.0.0.1 port=" + server.port() + " user=u dbname=d password=pw sslmode=prefer").close());
            assertEquals("connection to server at \"127.0.0.1\", port " + server.port()
                    + " failed: server offered SCRAM-SHA-256-PLUS authentication over a non-SSL connection", e.getMessage());
            assertEquals(null, recorder.await(30).mechanism());
        }
    }
}
