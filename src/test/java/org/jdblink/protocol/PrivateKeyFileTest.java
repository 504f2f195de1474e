package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files in the forms `openssl` writes, read as OpenSSL's PEM reader reads them. */
class PrivateKeyFileTest {
    private static Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        dir = Files.createTempDirectory("jdblink-keys-");
        openssl("genrsa", "-out", "rsa.key", "2048");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "rsa.key", "-outform", "DER", "-out", "rsa.der");
        openssl("rsa", "-in", "rsa.key", "-traditional", "-des3", "-passout", "pass:pw", "-out", "rsa-des3.key");
        openssl("rsa", "-in", "rsa.key", "-traditional", "-aes128", "-passout", "pass:pw", "-out", "rsa-aes128.key");
        openssl("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", "rsa.key", "-passout", "pass:pw", "-out", "rsa-pbes1.key");
        openssl("ecparam", "-name", "secp384r1", "-genkey", "-out", "ec-with-params.key");
        openssl("genpkey", "-algorithm", "ed25519", "-out", "ed25519.key");
        Files.writeString(dir.resolve("garbage.key"), "garbage\n");
    }

    @AfterAll
    static void removeKeys() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + cmd);
    }

    @ParameterizedTest
    @CsvSource({
        "rsa.der,,RSA",
        "rsa-des3.key,pw,RSA",
        "rsa-aes128.key,pw,RSA",
        "rsa-pbes1.key,pw,RSA",
        "ec-with-params.key,,EC",
        "ed25519.key,,EdDSA",
    })
    void reads(String file, String password, String algorithm) throws Exception {
        assertEquals(algorithm, PrivateKeyFile.read(Files.readAllBytes(dir.resolve(file)), password).getAlgorithm());
    }

    /**
     * A wrong password fails the padding check, or (about once in 256 generated keys)
     * passes it and decrypts to no key: OpenSSL itself says which for this file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rsa-des3.key", "rsa-aes128.key", "rsa-pbes1.key"})
    void wrongPasswordFailsAsOpenSslSays(String file) throws Exception {
        Process p = new ProcessBuilder("openssl", "pkey", "-in", file, "-passin", "pass:wrong", "-noout")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() != 0, said);
        String reason = said.contains("bad decrypt") ? "bad decrypt" : "unsupported";
        assertTrue(said.contains(reason), said);
        failsWithOpenSslsReason(file, "wrong", reason);
    }

    @ParameterizedTest
    @CsvSource({
        "rsa-aes128.key,,processing error",
        "garbage.key,,unsupported",
    })
    void failsWithOpenSslsReason(String file, String password, String reason) throws Exception {
        byte[] content = Files.readAllBytes(dir.resolve(file));
        PrivateKeyFile.Unreadable e = assertThrows(PrivateKeyFile.Unreadable.class, () -> PrivateKeyFile.read(content, password));
        assertEquals(reason, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----"})
    void truncatedPemIsUnsupported(String header) {
        byte[] content = (header + "\nAAAA\n").getBytes(StandardCharsets.US_ASCII);
        assertThrows(PrivateKeyFile.Unreadable.class, () -> PrivateKeyFile.read(content, null));
    }
}
