package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.testing.AuthRequestScenario;
import org.jdblink.testing.FakePgServer;
import org.junit.jupiter.api.Test;

/**
 * require_auth against a fake server on 127.0.0.1 that asks for one kind of
 * authentication: what is not allowed is refused with libpq's text before anything is
 * answered (no password leaves the client), what is allowed is answered. Texts as C
 * dblink 17 and 18 report them (test/sql/require_auth.sql compares the same cases).
 */
class RequiredAuthenticationTest {
    private static final HostVersion PG16 = new HostVersion(160000);
    private static final HostVersion PG18 = new HostVersion(180000);

    private static String conninfo(FakePgServer server, String rest) {
        return "host=127.0.0.1 port=" + server.port() + " user=u dbname=d password=pw sslmode=disable " + rest;
    }

    /** Connects with {@code rest}; the refusal's text after libpq's "connection to server" prefix. */
    private static String refusal(AuthRequestScenario scenario, String rest, HostVersion libpq) throws Exception {
        try (FakePgServer server = FakePgServer.start(scenario)) {
            PgConnectException e = assertThrows(PgConnectException.class,
                    () -> Conninfo.connect(conninfo(server, rest), libpq).close());
            String prefix = "connection to server at \"127.0.0.1\", port " + server.port() + " failed: ";
            assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
            return e.getMessage().substring(prefix.length());
        }
    }

    /** Asserts the connection is refused with {@code reason} and the client answered nothing. */
    private static void assertRefusedUnanswered(AuthRequestScenario scenario, String rest, String reason, HostVersion libpq)
            throws Exception {
        assertEquals(reason, refusal(scenario, rest, libpq));
        if (scenario != null) {
            assertNull(scenario.await(10), "the client answered a request it should have refused");
        }
    }

    /** Asserts the connection is made, with the password sent if {@code asked} (else none asked for). */
    private static void assertConnects(AuthRequestScenario scenario, String rest, HostVersion libpq, boolean asked)
            throws Exception {
        try (FakePgServer server = FakePgServer.start(scenario);
                PgConnection c = Conninfo.connect(conninfo(server, rest), libpq)) {
            assertEquals(asked, c.passwordUsed());
            if (asked) {
                assertEquals('p', scenario.await(10));
            }
        }
    }

    @Test
    void passwordRequestsOutsideTheSetAreNotAnswered() throws Exception {
        assertRefusedUnanswered(AuthRequestScenario.request(AuthRequestScenario.CLEARTEXT_PASSWORD), "require_auth=md5",
                "authentication method requirement \"md5\" failed: server requested a cleartext password", PG16);
        assertRefusedUnanswered(AuthRequestScenario.md5(), "require_auth=password,scram-sha-256",
                "authentication method requirement \"password,scram-sha-256\" failed: server requested a hashed password", PG18);
        assertRefusedUnanswered(AuthRequestScenario.request(AuthRequestScenario.CLEARTEXT_PASSWORD), "require_auth=!password",
                "authentication method requirement \"!password\" failed: server requested a cleartext password", PG16);
        assertRefusedUnanswered(AuthRequestScenario.md5(), "require_auth=none",
                "authentication method requirement \"none\" failed: server requested a hashed password", PG18);
        // set but empty: nothing is allowed
        assertRefusedUnanswered(AuthRequestScenario.request(AuthRequestScenario.CLEARTEXT_PASSWORD), "require_auth=''",
                "authentication method requirement \"\" failed: server requested a cleartext password", PG18);
    }

    @Test
    void allowedPasswordRequestsAreAnswered() throws Exception {
        assertConnects(AuthRequestScenario.request(AuthRequestScenario.CLEARTEXT_PASSWORD), "require_auth=password", PG16, true);
        assertConnects(AuthRequestScenario.md5(), "require_auth=!password", PG18, true);
        assertConnects(AuthRequestScenario.md5(), "require_auth=scram-sha-256,md5", PG18, true);
    }

    @Test
    void aServerThatAsksForNothingMustBeAllowedTo() throws Exception {
        for (HostVersion libpq : new HostVersion[] {PG16, PG18}) {
            assertEquals("authentication method requirement \"scram-sha-256\" failed: server did not complete authentication",
                    refusal(AuthRequestScenario.trust(), "require_auth=scram-sha-256", libpq));
            assertEquals("authentication method requirement \"!none\" failed: server did not complete authentication",
                    refusal(AuthRequestScenario.trust(), "require_auth=!none", libpq));
            assertConnects(AuthRequestScenario.trust(), "require_auth=scram-sha-256,none", libpq, false);
            assertConnects(AuthRequestScenario.trust(), "require_auth=!password", libpq, false);
            assertConnects(AuthRequestScenario.trust(), "require_auth=''", libpq, false);
        }
    }

    /** Before 18 a SCRAM rule is about the SASL request; from 18 about the mechanism chosen from it. */
    @Test
    void saslIsRefusedByRequestBefore18AndByMechanismFrom18() throws Exception {
        List<String> offer = List.of("SCRAM-SHA-256");
        assertRefusedUnanswered(AuthRequestScenario.sasl(offer), "require_auth=md5",
                "authentication method requirement \"md5\" failed: server requested SASL authentication", PG18);
        assertRefusedUnanswered(AuthRequestScenario.sasl(offer), "require_auth=!scram-sha-256",
                "authentication method requirement \"!scram-sha-256\" failed: server requested SASL authentication", PG16);
        assertRefusedUnanswered(AuthRequestScenario.sasl(offer), "require_auth=!scram-sha-256",
                "authentication method requirement \"!scram-sha-256\" failed: server requested SCRAM-SHA-256 authentication", PG18);
        assertRefusedUnanswered(AuthRequestScenario.sasl(offer), "require_auth=oauth",
                "authentication method requirement \"oauth\" failed: server requested SCRAM-SHA-256 authentication", PG18);
        assertRefusedUnanswered(AuthRequestScenario.sasl(offer), "require_auth=!scram-sha-256,!oauth",
                "authentication method requirement \"!scram-sha-256,!oauth\" failed: server requested SASL authentication", PG18);
        AuthRequestScenario allowed = AuthRequestScenario.sasl(offer);
        refusal(allowed, "require_auth=scram-sha-256", PG18);
        assertEquals('p', allowed.await(10));
    }

    /** require_auth is checked before channel_binding, as check_expected_areq does. */
    @Test
    void checkedBeforeChannelBinding() throws Exception {
        assertRefusedUnanswered(AuthRequestScenario.request(AuthRequestScenario.CLEARTEXT_PASSWORD),
                "channel_binding=require require_auth=md5",
                "authentication method requirement \"md5\" failed: server requested a cleartext password", PG16);
    }

    @Test
    void requestsWithoutAMethodAreRefusedWhenRequireAuthIsSet() throws Exception {
        assertRefusedUnanswered(AuthRequestScenario.request(AuthRequestScenario.SCM_CREDENTIAL), "require_auth=!md5",
                "authentication method requirement \"!md5\" failed: server requested an unknown authentication type", PG16);
        assertEquals("authentication method 6 not supported",
                refusal(AuthRequestScenario.request(AuthRequestScenario.SCM_CREDENTIAL), "", PG16));
    }
}
