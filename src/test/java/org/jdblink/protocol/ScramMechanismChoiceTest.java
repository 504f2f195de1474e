package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which SASL mechanism and GS2 header jdblink sends, seen by a fake server on 127.0.0.1
 * that offers chosen mechanisms (over TLS with a keytool certificate, or in plain text)
 * and records the client's SASLInitialResponse.
 */
class ScramMechanismChoiceTest {
    private static Path dir;
    private static SSLContext serverTls;

    /** What the client answered to AuthenticationSASL. */
    private record Answer(String mechanism, String clientFirst) {}

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

    /** Runs one connection against the fake server; the connection itself always fails. */
    private static Answer offer(boolean tls, List<String> mechanisms, String options) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> serve(listener, tls, mechanisms));
            String conninfo = "host=127.0.0.1 port=" + listener.getLocalPort() + " user=u dbname=d password=pw "
                    + "sslrootcert=/nonexistent/root.crt connect_timeout=10 " + options;
            PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo).close());
            Answer a = answer.get(30, TimeUnit.SECONDS);
            assertTrue(a.mechanism() != null, e.getMessage());
            return a;
        }
    }

    private static Answer serve(ServerSocket listener, boolean tls, List<String> mechanisms) {
        try (Socket plain = listener.accept()) {
            plain.setSoTimeout(20_000);
            DataInputStream in = new DataInputStream(plain.getInputStream());
            DataOutputStream out = new DataOutputStream(plain.getOutputStream());
            in.readFully(new byte[in.readInt() - 4]); // SSLRequest
            Socket s = plain;
            if (tls) {
                out.write('S');
                out.flush();
                SSLSocket ssl = (SSLSocket) serverTls.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                s = ssl;
                in = new DataInputStream(ssl.getInputStream());
                out = new DataOutputStream(ssl.getOutputStream());
            } else {
                out.write('N');
                out.flush();
            }
            in.readFully(new byte[in.readInt() - 4]); // StartupMessage
            byte[] list = (String.join("\0", mechanisms) + "\0\0").getBytes(StandardCharsets.US_ASCII);
            out.write('R');
            out.writeInt(4 + 4 + list.length);
            out.writeInt(10);
            out.write(list);
            out.flush();
            int type = in.read();
            if (type != 'p') {
                return new Answer(null, null);
            }
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            int nul = 0;
            while (body[nul] != 0) {
                nul++;
            }
            String mechanism = new String(body, 0, nul, StandardCharsets.US_ASCII);
            String first = new String(body, nul + 5, body.length - nul - 5, StandardCharsets.UTF_8);
            s.close();
            return new Answer(mechanism, first);
        } catch (IOException e) {
            return new Answer(null, "server side failed: " + e);
        }
    }

    @Test
    void preferChoosesPlusOverTls() throws Exception {
        Answer a = offer(true, List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), "sslmode=require");
        assertEquals("SCRAM-SHA-256-PLUS", a.mechanism());
        assertTrue(a.clientFirst().startsWith("p=tls-server-end-point,,n=*,r="), a.clientFirst());
    }

    @Test
    void requireChoosesPlusOverTls() throws Exception {
        Answer a = offer(true, List.of("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"), "sslmode=require channel_binding=require");
        assertEquals("SCRAM-SHA-256-PLUS", a.mechanism());
        assertTrue(a.clientFirst().startsWith("p=tls-server-end-point,,"), a.clientFirst());
    }

    /** The client could bind but the server offers no -PLUS: GS2 flag "y", as libpq. */
    @Test
    void tlsWithoutPlusOfferSaysClientCouldBind() throws Exception {
        Answer a = offer(true, List.of("SCRAM-SHA-256"), "sslmode=require");
        assertEquals("SCRAM-SHA-256", a.mechanism());
        assertTrue(a.clientFirst().startsWith("y,,"), a.clientFirst());
    }

    @Test
    void disableNeverBinds() throws Exception {
        Answer a = offer(true, List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), "sslmode=require channel_binding=disable");
        assertEquals("SCRAM-SHA-256", a.mechanism());
        assertTrue(a.clientFirst().startsWith("n,,"), a.clientFirst());
    }

    @Test
    void plainTextWithoutBinding() throws Exception {
        Answer a = offer(false, List.of("SCRAM-SHA-256"), "sslmode=prefer");
        assertEquals("SCRAM-SHA-256", a.mechanism());
        assertTrue(a.clientFirst().startsWith("n,,"), a.clientFirst());
    }

    /** libpq refuses a -PLUS offer without TLS (a sign of a man in the middle). */
    @Test
    void plusOfferedWithoutTlsIsRefused() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(
                    () -> serve(listener, false, List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")));
            PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(
                    "host=127.0.0.1 port=" + listener.getLocalPort() + " user=u dbname=d password=pw sslmode=prefer").close());
            assertEquals("connection to server at \"127.0.0.1\", port " + listener.getLocalPort()
                    + " failed: server offered SCRAM-SHA-256-PLUS authentication over a non-SSL connection", e.getMessage());
            assertEquals(null, answer.get(30, TimeUnit.SECONDS).mechanism());
        }
    }
}
