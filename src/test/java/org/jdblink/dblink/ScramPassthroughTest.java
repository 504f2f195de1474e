package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.conninfo.LibpqOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dblink 18's use_scram_passthrough: the option's lookup and value, the prefix, the credential test. */
class ScramPassthroughTest {
    private static final SessionScramKeys KEYS = new SessionScramKeys(filled(1), filled(2));
    private static final String CLIENT_KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
    private static final String SERVER_KEY = "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=";
    private static final String PREFIX = "scram_client_key='" + CLIENT_KEY + "' scram_server_key='" + SERVER_KEY + "' "
            + "require_auth='scram-sha-256' ";

    private static byte[] filled(int b) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) b);
        return key;
    }

    private static FdwOption server(String value) {
        return new FdwOption(FdwOptionContext.SERVER, "use_scram_passthrough", value);
    }

    private static FdwOption mapping(String value) {
        return new FdwOption(FdwOptionContext.USER_MAPPING, "use_scram_passthrough", value);
    }

    private static final FdwOption HOST = new FdwOption(FdwOptionContext.SERVER, "host", "h");

    @Test
    void prefixCarriesTheKeysAndRequireAuthBeforeAllOptions() {
        assertEquals(PREFIX, ScramPassthrough.connectionStringPrefix(List.of(HOST, server("true")), KEYS));
        assertEquals(PREFIX + "host='h' ", ScramPassthrough.connectionStringPrefix(List.of(HOST, server("true")), KEYS)
                + rules(new HostVersion(180002)).connectionString(List.of(HOST, server("true"))));
    }

    @Test
    void noKeysNoPassthroughAndTheValueIsNotLookedAt() {
        assertEquals("", ScramPassthrough.connectionStringPrefix(List.of(server("bogus")), null));
        assertEquals("", ScramPassthrough.connectionStringPrefix(List.of(HOST), KEYS));
    }

    @Test
    void theServersOptionDecidesThenTheMappings() {
        assertFalse(ScramPassthrough.requested(List.of(server("false"), mapping("true"))));
        assertTrue(ScramPassthrough.requested(List.of(HOST, mapping("true"))));
        assertTrue(ScramPassthrough.requested(List.of(server("on"), server("bogus"))));
        assertFalse(ScramPassthrough.requested(List.of(new FdwOption(FdwOptionContext.OTHER, "use_scram_passthrough", "true"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "on", "ON", "oN"})
    void trueInAnyAsciiCase(String value) {
        assertTrue(ScramPassthrough.requested(List.of(server(value))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "off", "Off"})
    void falseInAnyAsciiCase(String value) {
        assertFalse(ScramPassthrough.requested(List.of(mapping(value))));
    }

    /** A catalog option is a string: defGetBoolean takes no 1/0 from it, and only ASCII folds. */
    @ParameterizedTest
    @ValueSource(strings = {"bogus", "1", "0", "yes", "t", "", " true", "falſe", "ＴＲＵＥ"})
    void anythingElseIsNotABoolean(String value) {
        DblinkException e = assertThrows(DblinkException.class, () -> ScramPassthrough.requested(List.of(server(value))));
        assertEquals(new ServerMessage("42601", "use_scram_passthrough requires a Boolean value", null, null, null), e.report());
    }

    @Test
    void carriedOnlyWithTheSessionsKeysAndAsDblinkPutThem() {
        TestLocalBackend backend = new TestLocalBackend();
        backend.hostVersion = new HostVersion(180002);
        String built = PREFIX + "host='h' ";
        assertFalse(ScramPassthrough.carriedBy(built, backend), "a session without keys");
        backend.scramKeys = KEYS;
        assertTrue(ScramPassthrough.carriedBy(built, backend));
        assertFalse(ScramPassthrough.carriedBy(built + "require_auth='md5'", backend), "a later require_auth wins");
        assertFalse(ScramPassthrough.carriedBy(built + "require_auth='scram-sha-256,none'", backend));
        assertFalse(ScramPassthrough.carriedBy(built + "scram_server_key=''", backend));
        assertFalse(ScramPassthrough.carriedBy("scram_client_key=x require_auth=scram-sha-256", backend));
        assertFalse(ScramPassthrough.carriedBy(built + "bogus=1", backend), "a string that does not parse");
        assertTrue(ScramPassthrough.carriedBy("scram_client_key=x scram_server_key=y require_auth=scram-sha-256", backend),
                "keys of one's own count as dblink's would (the server then refuses wrong ones)");
    }

    @Test
    void theValidatorTakesTheOptionAnywhereOn18Only() {
        for (FdwOptionContext context : FdwOptionContext.values()) {
            rules(new HostVersion(180002)).validate(List.of("use_scram_passthrough"), context);
            assertThrows(DblinkException.class,
                    () -> rules(new HostVersion(170008)).validate(List.of("use_scram_passthrough"), context));
            assertThrows(DblinkException.class, () -> rules(new HostVersion(180002)).validate(List.of("use_scram_passthru"), context));
        }
    }

    private static DblinkFdwOptions rules(HostVersion host) {
        return new DblinkFdwOptions(host, LibpqOptions.all(host), StandardCharsets.UTF_8);
    }
}
