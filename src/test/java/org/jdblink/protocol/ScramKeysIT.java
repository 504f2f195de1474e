package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * libpq 18's scram_client_key / scram_server_key against a real server: the keys of
 * auth_scram, computed from its password and the salt and iteration count of its SCRAM
 * secret (test/cluster.sh), log in without the password, over TLS (SCRAM-SHA-256-PLUS)
 * and without; a wrong ServerKey is refused as an impostor, a wrong ClientKey by the server.
 */
class ScramKeysIT {
    private static final HostVersion PG18 = new HostVersion(180000);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(true);

    private static byte[] clientKey;
    private static byte[] serverKey;

    /** SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey, from pg_authid. */
    @BeforeAll
    static void computeKeys() throws Exception {
        String secret = pg.cluster().psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'auth_scram'");
        String[] parts = secret.split("[$:]");
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] storedKey = Base64.getDecoder().decode(parts[3]);
        byte[] salted = SaltedPassword.compute("auth_scram_pw".getBytes(StandardCharsets.UTF_8), salt, iterations, Interrupts.NONE);
        clientKey = ScramFunctions.clientKey(ScramMechanism.SCRAM_SHA_256, salted);
        serverKey = Base64.getDecoder().decode(parts[4]);
        assertArrayEquals(storedKey, ScramFunctions.storedKey(ScramMechanism.SCRAM_SHA_256, clientKey),
                "the ClientKey computed does not belong to the role's secret");
        assertArrayEquals(serverKey, ScramFunctions.serverKey(ScramMechanism.SCRAM_SHA_256, salted));
    }

    private static String conninfo(String rest) {
        return "host=127.0.0.1 port=" + pg.cluster().port() + " dbname=postgres user=auth_scram "
                + "sslrootcert=/nonexistent/root.crt " + rest;
    }

    private static String keys(byte[] client, byte[] server) {
        return (client == null ? "" : " scram_client_key=" + BASE64.encodeToString(client))
                + (server == null ? "" : " scram_server_key=" + BASE64.encodeToString(server));
    }

    private static String failure(String rest) {
        PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo(rest), PG18).close());
        return e.getMessage();
    }

    private static String prefix() {
        return "connection to server at \"127.0.0.1\", port " + pg.cluster().port() + " failed: ";
    }

    private static byte[] altered(byte[] key) {
        byte[] other = key.clone();
        other[0] ^= 1;
        return other;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sslmode=disable", "sslmode=require", "sslmode=require channel_binding=require"})
    void keysLogInWithoutPassword(String ssl) throws Exception {
        String rest = ssl + " require_auth=scram-sha-256" + keys(clientKey, serverKey);
        try (PgConnection c = Conninfo.connect(conninfo(rest), PG18)) {
            assertEquals("auth_scram", Conninfo.value(c, "SELECT current_user"));
            assertTrue(c.passwordUsed(), "libpq counts a SCRAM exchange as a password used");
        }
    }

    /** The keys win over a password, even a wrong one. */
    @Test
    void keysWinOverAPassword() throws Exception {
        try (PgConnection c = Conninfo.connect(conninfo("password=wrong" + keys(clientKey, serverKey)), PG18)) {
            assertEquals("auth_scram", Conninfo.value(c, "SELECT current_user"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sslmode=disable", "sslmode=require"})
    void aWrongServerKeyIsAnImpostor(String ssl) {
        assertEquals(prefix() + "incorrect server signature", failure(ssl + keys(clientKey, altered(serverKey))));
    }

    /** Without a ServerKey libpq derives one from a salted password it never computed (zeros). */
    @Test
    void aClientKeyAloneCannotVerifyTheServer() {
        assertEquals(prefix() + "incorrect server signature", failure("sslmode=disable" + keys(clientKey, null)));
        assertEquals(prefix() + "incorrect server signature",
                failure("sslmode=disable password=auth_scram_pw" + keys(clientKey, null)));
    }

    /** A ServerKey alone checks the server while the password proves the client. */
    @Test
    void aServerKeyWithThePassword() throws Exception {
        try (PgConnection c = Conninfo.connect(conninfo("sslmode=disable password=auth_scram_pw" + keys(null, serverKey)), PG18)) {
            assertEquals("auth_scram", Conninfo.value(c, "SELECT current_user"));
        }
        assertEquals(prefix() + "incorrect server signature",
                failure("sslmode=disable password=auth_scram_pw" + keys(null, altered(serverKey))));
    }

    /** The server refuses the proof; with sslmode=prefer libpq tries again without TLS. */
    @Test
    void aWrongClientKeyIsRefusedByTheServer() {
        String refused = prefix() + "FATAL:  password authentication failed for user \"auth_scram\"";
        assertEquals(refused, failure("sslmode=disable" + keys(altered(clientKey), serverKey)));
        assertEquals(refused + "\n" + refused, failure("sslmode=prefer" + keys(altered(clientKey), serverKey)));
    }

    /** Without a ClientKey the password is needed as always. */
    @Test
    void aServerKeyAloneNeedsThePassword() {
        assertEquals(prefix() + "fe_sendauth: no password supplied", failure("sslmode=disable" + keys(null, serverKey)));
    }
}
