package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The option table of each release against that libpq's PQconndefaults
 * (keyword|envvar|compiled|dispchar), printed by generate.sh into golden/conndefaults.txt
 * (Debian's libpq 15) and golden/pgN/conndefaults.txt (the reference build of N).
 */
class LibpqOptionsTest {
    private static final HostVersion PG16 = new HostVersion(160011);
    private static final HostVersion PG17 = new HostVersion(170008);
    private static final HostVersion PG18 = new HostVersion(180002);

    private static List<String> pqconndefaults(int major) throws IOException {
        String path = "golden/" + (major == 15 ? "" : "pg" + major + "/") + "conndefaults.txt";
        try (InputStream in = LibpqOptionsTest.class.getResourceAsStream(path)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {15, 16, 17, 18})
    void sameOptionsInTheSameOrderAsPQconndefaults(int major) throws IOException {
        List<String> ours = LibpqOptions.all(new HostVersion(major * 10000)).stream()
                .map(o -> o.keyword() + "|" + o.envVar() + "|" + o.compiledDefault() + "|" + o.dispChar())
                .collect(Collectors.toList());
        assertEquals(pqconndefaults(major), ours);
    }

    @Test
    void libpq15HasThirtySixOptions() {
        assertEquals(36, LibpqOptions.all(HostVersion.PG15).size());
    }

    @Test
    void dblinkValidatorOrderStartsLikeLibpq() {
        List<String> keywords = LibpqOptions.all(HostVersion.PG15).stream().map(LibpqOption::keyword).collect(Collectors.toList());
        assertEquals(List.of("service", "user", "password", "passfile", "channel_binding", "connect_timeout",
                "dbname", "host", "hostaddr", "port", "client_encoding", "options", "application_name"),
                keywords.subList(0, 13));
    }

    @Test
    void secretAndDebugFlags() {
        assertTrue(LibpqOptions.find("password", HostVersion.PG15).isSecret());
        assertTrue(LibpqOptions.find("sslpassword", HostVersion.PG15).isSecret());
        assertTrue(LibpqOptions.find("replication", HostVersion.PG15).isDebug());
        assertFalse(LibpqOptions.find("host", HostVersion.PG15).isSecret());
        assertFalse(LibpqOptions.find("host", HostVersion.PG15).isDebug());
        assertEquals(2, LibpqOptions.all(HostVersion.PG15).stream().filter(LibpqOption::isSecret).count());
        assertEquals(1, LibpqOptions.all(HostVersion.PG15).stream().filter(LibpqOption::isDebug).count());
        assertTrue(LibpqOptions.find("oauth_client_secret", PG18).isSecret());
        assertEquals(List.of("replication", "scram_client_key", "scram_server_key", "sslkeylogfile"),
                LibpqOptions.all(PG18).stream().filter(LibpqOption::isDebug).map(LibpqOption::keyword).toList());
    }

    @Test
    void lookupIsExactAndCaseSensitive() {
        assertTrue(LibpqOptions.isKnown("sslmode", HostVersion.PG15));
        assertFalse(LibpqOptions.isKnown("SSLMODE", HostVersion.PG15));
        assertFalse(LibpqOptions.isKnown("requiressl", HostVersion.PG15)); // accepted by the parser, but not an option
        assertFalse(LibpqOptions.isKnown("sslcertmode", HostVersion.PG15)); // libpq 16
        assertNull(LibpqOptions.find("load_balance_hosts", HostVersion.PG15)); // libpq 16
    }

    @Test
    void eachReleaseKnowsTheOptionsItAdded() {
        assertTrue(LibpqOptions.isKnown("sslcertmode", PG16));
        assertTrue(LibpqOptions.isKnown("load_balance_hosts", PG16));
        assertFalse(LibpqOptions.isKnown("sslnegotiation", PG16));
        assertTrue(LibpqOptions.isKnown("sslnegotiation", PG17));
        assertFalse(LibpqOptions.isKnown("max_protocol_version", PG17));
        assertTrue(LibpqOptions.isKnown("max_protocol_version", PG18));
        assertTrue(LibpqOptions.isKnown("sslkeylogfile", PG18));
        assertTrue(LibpqOptions.isKnown("sslmode", new HostVersion(190000)));
    }

    @Test
    void gssencmodeDefaultsToPreferOnlyOn15() {
        assertEquals("prefer", LibpqOptions.find("gssencmode", HostVersion.PG15).compiledDefault());
        assertEquals("disable", LibpqOptions.find("gssencmode", PG16).compiledDefault());
        assertEquals("disable", LibpqOptions.find("gssencmode", PG18).compiledDefault());
    }
}
