package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** scram_client_key / scram_server_key read as libpq 18 reads them (texts observed with C dblink 18). */
class ScramKeyOptionTest {
    private static final HostVersion PG18 = new HostVersion(180000);

    @Test
    void aKeyIs32BytesInBase64() throws ConnInfoException {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 37);
        }
        assertArrayEquals(key, ScramKeyOption.decode(Base64.getEncoder().encodeToString(key), "client"));
        assertNull(ScramKeyOption.decode(null, "client"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|client|invalid SCRAM client key",
        "'AAAA AAAA'|server|invalid SCRAM server key",
        "A===|client|invalid SCRAM client key",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|client|invalid SCRAM client key",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$|client|invalid SCRAM client key",
        "''|client|invalid SCRAM client key length: 0",
        "AAAA|client|invalid SCRAM client key length: 3",
        "AA==AAAA|server|invalid SCRAM server key length: 2",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|server|invalid SCRAM server key length: 36",
    })
    void refusedWithLibpqsText(String value, String side, String text) {
        ConnInfoException e = assertThrows(ConnInfoException.class, () -> ScramKeyOption.decode(value, side));
        assertEquals(text, e.getMessage());
    }

    /** pg_b64_decode goes on after padding: each later group gives as many bytes as the first padded one. */
    @Test
    void decodingGoesOnAfterPadding() throws ConnInfoException {
        String twoPadded = Base64.getEncoder().encodeToString(new byte[32]) + "AAAA";
        ConnInfoException e = assertThrows(ConnInfoException.class, () -> ScramKeyOption.decode(twoPadded, "client"));
        assertEquals("invalid SCRAM client key length: 34", e.getMessage());
        assertArrayEquals(new byte[32], ScramKeyOption.decode(Base64.getEncoder().encodeToString(new byte[31]) + "AAAA", "server"));
    }

    @Test
    void optionsOfLibpq18CheckedAfterTargetSessionAttrs() throws ConnInfoException {
        MapEnvironment env = MapEnvironment.golden(Map.of());
        ConnInfoException e = assertThrows(ConnInfoException.class,
                () -> ConnInfoResolver.resolve("scram_client_key=abc", env, new HostVersion(170000)));
        assertEquals("invalid connection option \"scram_client_key\"", e.getMessage());
        e = assertThrows(ConnInfoException.class,
                () -> ConnInfoResolver.resolve("target_session_attrs=bogus scram_client_key=abc", env, PG18));
        assertEquals("invalid target_session_attrs value: \"bogus\"", e.getMessage());
        e = assertThrows(ConnInfoException.class,
                () -> ConnInfoResolver.resolve("scram_client_key=abc scram_server_key=abc", env, PG18));
        assertEquals("invalid SCRAM client key", e.getMessage());
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(key, ConnInfoResolver.resolve("scram_server_key=" + key, env, PG18).get("scram_server_key"));
    }
}
