package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.conninfo.ProtocolVersions;
import org.jdblink.testing.FakeMessage;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenario;
import org.jdblink.testing.FakeSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Protocol versions as libpq 18 negotiates them (max_protocol_version, min_protocol_version,
 * NegotiateProtocolVersion, BackendKeyData's cancel key), and as earlier releases ignore
 * them, against a fake server that answers the startup as each case wants.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProtocolNegotiationTest {
    private static final HostVersion PG17 = new HostVersion(170008);
    private static final HostVersion PG18 = new HostVersion(180002);

    /** A server that sends {@code before} ahead of AuthenticationOk, and then a cancel key of {@code keyBytes}. */
    private static FakeScenario startup(int keyBytes, FakeMessage... before) {
        return new FakeScenario() {
            @Override
            public void authenticate(FakeSession session) throws java.io.IOException {
                session.send(before);
                session.send(FakeMessage.of('R').int32(0));
                session.useCancelKey(new byte[keyBytes]);
            }

            @Override
            public void answer(FakeSession session, String sql) {
                // no query is meant for this scenario
            }
        };
    }

    private static FakeMessage negotiate(int version, String... unsupported) {
        FakeMessage m = FakeMessage.of('v').int32(version).int32(unsupported.length);
        for (String name : unsupported) {
            m.cstring(name);
        }
        return m;
    }

    private static PgConnection connect(FakePgServer server, HostVersion libpq, String options) throws Exception {
        String conninfo = "host=127.0.0.1 port=" + server.port() + " user=fake dbname=fake sslmode=disable " + options;
        return Conninfo.connect(conninfo, null, libpq);
    }

    private static String failure(FakePgServer server, HostVersion libpq, String options) {
        PgConnectException e = assertThrows(PgConnectException.class, () -> connect(server, libpq, options).close());
        String prefix = "connection to server at \"127.0.0.1\", port " + server.port() + " failed: ";
        assertEquals(prefix, e.getMessage().substring(0, prefix.length()));
        return e.getMessage().substring(prefix.length());
    }

    @Test
    void asksFor30UnlessTheOptionsWantMore() throws Exception {
        try (FakePgServer server = FakePgServer.start(startup(4))) {
            for (String options : List.of("", "max_protocol_version=3.0", "min_protocol_version=3.0")) {
                connect(server, PG18, options).close();
                assertEquals(ProtocolVersions.V3_0, server.lastStartupVersion(), options);
            }
            connect(server, PG17, "").close();
            assertEquals(ProtocolVersions.V3_0, server.lastStartupVersion());
        }
        try (FakePgServer server = FakePgServer.start(startup(32))) {
            for (String options : List.of("max_protocol_version=latest", "max_protocol_version=3.2", "min_protocol_version=3.2")) {
                connect(server, PG18, options).close();
                assertEquals(ProtocolVersions.V3_2, server.lastStartupVersion(), options);
            }
        }
    }

    @Test
    void aLongCancelKeyOf32IsSentBackWhole() throws Exception {
        try (FakePgServer server = FakePgServer.start(startup(32));
                PgConnection c = connect(server, PG18, "max_protocol_version=latest")) {
            assertEquals(null, c.cancel());
            assertEquals(32, server.lastCancelKeyLength());
        }
    }

    @Test
    void aServerOf30IsFollowedDownToMinProtocolVersion() throws Exception {
        try (FakePgServer server = FakePgServer.start(startup(4, negotiate(ProtocolVersions.V3_0)));
                PgConnection c = connect(server, PG18, "max_protocol_version=3.2")) {
            assertFalse(c.isBroken());
            assertEquals(null, c.cancel());
            assertEquals(4, server.lastCancelKeyLength());
        }
        try (FakePgServer server = FakePgServer.start(startup(4, negotiate(ProtocolVersions.V3_0)))) {
            assertEquals("server only supports protocol version 3.0, but \"min_protocol_version\" was set to 3.2",
                    failure(server, PG18, "min_protocol_version=3.2"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "196611|0||received invalid protocol negotiation message: server requested downgrade to a higher-numbered version",
        "131072|0||received invalid protocol negotiation message: server requested downgrade to pre-3.0 protocol version",
        "196609|0||received invalid protocol negotiation message: server requested downgrade to non-existent 3.1 protocol version",
        "196608|-1||received invalid protocol negotiation message: server reported negative number of unsupported parameters",
        "196610|0||received invalid protocol negotiation message: server negotiated but asks for no changes",
        "196610|1|_pq_.x|received invalid protocol negotiation message: server reported an unsupported parameter that was not requested (\"_pq_.x\")",
        "196610|1|x|received invalid protocol negotiation message: server reported unsupported parameter name without a \"_pq_.\" prefix (\"x\")",
        "196608|2||received invalid protocol negotiation message: message too short",
    })
    void malformedNegotiationGetsLibpq18sTexts(int version, int count, String name, String text) throws Exception {
        FakeMessage m = FakeMessage.of('v').int32(version).int32(count);
        if (name != null) {
            m.cstring(name);
        }
        try (FakePgServer server = FakePgServer.start(startup(4, m))) {
            assertEquals(text, failure(server, PG18, "max_protocol_version=latest"));
        }
    }

    @Test
    void aSecondNegotiationIsRefused() throws Exception {
        try (FakePgServer server = FakePgServer.start(startup(4, negotiate(ProtocolVersions.V3_0), negotiate(ProtocolVersions.V3_0)))) {
            assertEquals("received duplicate protocol negotiation message", failure(server, PG18, "max_protocol_version=latest"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|8|received invalid BackendKeyData message: cancel key with length 8 not allowed in protocol version 3.0 (must be 4 bytes)",
        "max_protocol_version=latest|2|received invalid BackendKeyData message: cancel key with length 2 is too short (minimum 4 bytes)",
        "max_protocol_version=latest|257|received invalid BackendKeyData message: cancel key with length 257 is too long (maximum 256 bytes)",
    })
    void cancelKeysOfTheWrongLengthAreRefused(String options, int keyBytes, String text) throws Exception {
        try (FakePgServer server = FakePgServer.start(startup(keyBytes))) {
            assertEquals(text, failure(server, PG18, options == null ? "" : options));
        }
    }

    @Test
    void before18NegotiationIsNotSurfaced() throws Exception {
        try (FakePgServer server = FakePgServer.start(startup(4, negotiate(ProtocolVersions.V3_0, "_pq_.x")));
                PgConnection c = connect(server, PG17, "")) {
            assertFalse(c.isBroken());
        }
        try (FakePgServer server = FakePgServer.start(startup(4, negotiate(ProtocolVersions.V3_0)));
                PgConnection c = PgConnection.connect(Settings.of(Map.of("user", "fake", "dbname", "fake", "sslmode", "disable"),
                        Settings.tcp("127.0.0.1", server.port())), Interrupts.NONE)) {
            assertFalse(c.isBroken());
        }
    }
}
