package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdblink.conninfo.HostVersion;
import org.jdblink.testing.FakeMessage;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenario;
import org.jdblink.testing.FakeSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A server that asks for OAuth (OAUTHBEARER, PostgreSQL 18): refused, never ignored. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OAuthBearerTest {

    /** AuthenticationSASL offering {@code mechanisms}; a client that goes on gets AuthenticationOk. */
    private static FakeScenario offering(String... mechanisms) {
        return new FakeScenario() {
            @Override
            public void authenticate(FakeSession session) throws java.io.IOException {
                FakeMessage sasl = FakeMessage.of('R').int32(10);
                for (String mechanism : mechanisms) {
                    sasl.cstring(mechanism);
                }
                session.send(sasl.byte1(0));
            }

            @Override
            public void answer(FakeSession session, String sql) {
                // no query is meant for this scenario
            }
        };
    }

    private static String failure(int major, String options, String... mechanisms) throws Exception {
        try (FakePgServer server = FakePgServer.start(offering(mechanisms))) {
            String conninfo = "host=127.0.0.1 port=" + server.port() + " user=fake dbname=fake sslmode=disable password=pw " + options;
            PgConnectException e = assertThrows(PgConnectException.class, () -> Conninfo.connect(conninfo, null, new HostVersion(major * 10000)).close());
            String prefix = "connection to server at \"127.0.0.1\", port " + server.port() + " failed: ";
            assertEquals(prefix, e.getMessage().substring(0, prefix.length()));
            return e.getMessage().substring(prefix.length());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "18||server requires OAuth authentication, but oauth_issuer and oauth_client_id are not both set",
        "18|oauth_issuer=https://issuer.example|server requires OAuth authentication, but oauth_issuer and oauth_client_id are not both set",
        "18|oauth_issuer=https://issuer.example oauth_client_id=c|server requires OAuth authentication, which jdblink does not support",
        "17||none of the server's SASL authentication mechanisms are supported",
    })
    void oauthIsRefused(int major, String options, String text) throws Exception {
        assertEquals(text, failure(major, options == null ? "" : options, "OAUTHBEARER"));
    }
}
