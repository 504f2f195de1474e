package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdblink.conninfo.HostVersion;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * require_auth against a real ssl=on server whose roles log in by cleartext password,
 * md5, SCRAM and trust (test/cluster.sh): allowed methods connect, the others are refused
 * with libpq 16's and 18's texts (as C dblink 17 and 18 report them).
 */
class RequireAuthIT {
    private static final HostVersion PG16 = new HostVersion(160000);
    private static final HostVersion PG18 = new HostVersion(180000);

    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(true);

    private static String conninfo(String role, String rest) {
        return "host=127.0.0.1 port=" + pg.cluster().port() + " dbname=postgres sslrootcert=/nonexistent/root.crt user=" + role
                + (role.equals("auth_trust") ? "" : " password=" + role + "_pw") + " " + rest;
    }

    @ParameterizedTest
    @CsvSource({
        "auth_password, require_auth=password",
        "auth_md5, require_auth=md5",
        "auth_scram, require_auth=scram-sha-256",
        "auth_scram, require_auth=!md5",
        "auth_trust, require_auth=none",
        "auth_trust, require_auth=!password",
        "auth_scram, 'require_auth=scram-sha-256,none'",
    })
    void allowedMethodsConnect(String role, String rest) throws Exception {
        for (HostVersion libpq : new HostVersion[] {PG16, PG18}) {
            try (PgConnection c = Conninfo.connect(conninfo(role, rest), libpq)) {
                assertEquals(role, Conninfo.value(c, "SELECT current_user"));
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auth_password|require_auth=md5|authentication method requirement \"md5\" failed: server requested a cleartext password",
        "auth_md5|require_auth=password|authentication method requirement \"password\" failed: server requested a hashed password",
        "auth_scram|require_auth=md5|authentication method requirement \"md5\" failed: server requested SASL authentication",
        "auth_trust|require_auth=scram-sha-256|authentication method requirement \"scram-sha-256\" failed: server did not complete authentication",
        "auth_scram|require_auth=|authentication method requirement \"\" failed: server requested SASL authentication",
    })
    void otherMethodsAreRefused(String role, String rest, String reason) {
        for (HostVersion libpq : new HostVersion[] {PG16, PG18}) {
            PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo(role, rest), libpq).close());
            assertEquals("connection to server at \"127.0.0.1\", port " + pg.cluster().port() + " failed: " + reason, e.getMessage());
        }
    }

    /** libpq 18 names the SCRAM mechanism a negated rule refuses; over TLS that is the -PLUS one. */
    @Test
    void negatedScramNamesTheMechanismFrom18() {
        String prefix = "connection to server at \"127.0.0.1\", port " + pg.cluster().port() + " failed: "
                + "authentication method requirement \"!scram-sha-256\" failed: server requested ";
        String overTls = conninfo("auth_scram", "sslmode=require require_auth=!scram-sha-256");
        String plain = conninfo("auth_scram", "sslmode=disable require_auth=!scram-sha-256");
        assertEquals(prefix + "SASL authentication", assertThrows(PgConnectException.class, () -> Conninfo.connect(overTls, PG16)).getMessage());
        assertEquals(prefix + "SCRAM-SHA-256-PLUS authentication",
                assertThrows(PgConnectException.class, () -> Conninfo.connect(overTls, PG18)).getMessage());
        assertEquals(prefix + "SCRAM-SHA-256 authentication",
                assertThrows(PgConnectException.class, () -> Conninfo.connect(plain, PG18)).getMessage());
    }
}
