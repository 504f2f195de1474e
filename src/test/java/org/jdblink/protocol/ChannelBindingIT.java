package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdblink.testing.ClassCluster;
import org.jdblink.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * channel_binding against a real ssl=on cluster (roles per auth method, see
 * test/cluster.sh); every refusal is compared with psql's (libpq 15's) text.
 */
class ChannelBindingIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(true);

    private static String conninfo(String rest) {
        return "host=127.0.0.1 port=" + pg.cluster().port() + " dbname=postgres sslrootcert=/nonexistent/root.crt " + rest;
    }

    @ParameterizedTest
    @ValueSource(strings = {"require", "prefer", "disable"})
    void scramOverTlsConnectsWithEveryMode(String mode) throws Exception {
        try (PgConnection c = Conninfo.connect(conninfo("sslmode=require user=auth_scram password=auth_scram_pw channel_binding=" + mode))) {
            assertEquals("t", Conninfo.value(c, "select ssl from pg_stat_ssl where pid = pg_backend_pid()"));
        }
    }

    /** Each case is refused with libpq's text (psql is asked on the same setup). */
    @ParameterizedTest
    @ValueSource(strings = {
        "sslmode=disable user=auth_scram password=auth_scram_pw",
        "sslmode=allow user=auth_scram password=auth_scram_pw",
        "sslmode=require user=auth_md5 password=auth_md5_pw",
        "sslmode=require user=auth_password password=auth_password_pw",
        "sslmode=disable user=auth_password password=auth_password_pw",
        "sslmode=require user=auth_trust",
        "sslmode=disable user=auth_trust",
        "sslmode=prefer user=auth_trust",
    })
    void requireRefusesWhatLibpqRefuses(String rest) throws Exception {
        String conninfo = conninfo(rest + " channel_binding=require");
        String expected = TestCluster.psqlConnectError(conninfo);
        assertNotNull(expected, "psql connected: " + conninfo);
        PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo).close());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void invalidValueIsLibpqsError() throws Exception {
        String conninfo = conninfo("user=auth_trust channel_binding=bogus");
        Exception e = assertThrows(Exception.class, () -> Conninfo.connect(conninfo).close());
        assertEquals(TestCluster.psqlConnectError(conninfo), e.getMessage());
    }
}
