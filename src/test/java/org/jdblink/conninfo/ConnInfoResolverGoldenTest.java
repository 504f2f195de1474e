package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case in resolve.txt resolves, for each libpq release, to what that libpq held after
 * its option processing (PQconnectStart + PQconninfo), or fails with its exact message;
 * except where jdblink refuses what libpq accepts ({@link #JDBLINK_REFUSES}). The service
 * files are referenced relative to the repository root, Maven's working directory.
 */
class ConnInfoResolverGoldenTest {
    /** Inputs libpq accepts and jdblink refuses on purpose, with jdblink's answer. */
    private static final Map<String, String> JDBLINK_REFUSES = Map.of(
            "host=/nonexist sslkeylogfile=/nonexistent/keys",
            "ERR[sslkeylogfile is not supported: jdblink cannot log TLS session keys]");

    static List<GoldenCase> golden() throws IOException {
        return GoldenCase.loadAll("resolve.txt");
    }

    @ParameterizedTest
    @MethodSource("golden")
    void matchesLibpq(GoldenCase c) {
        String expected = c.expected().startsWith("ERR[") ? c.expected()
                : JDBLINK_REFUSES.getOrDefault(c.input(), c.expected());
        assertEquals(expected, GoldenCase.rendered(() -> {
            ConnectionSettings settings = ConnInfoResolver.resolve(c.input(), MapEnvironment.golden(c.env()), c.libpq());
            Map<String, String> shown = new LinkedHashMap<>(settings.values());
            if (c.libpq().major() < 18) {
                shown.remove("service"); // PQconninfo reports it from 18 on
            }
            return shown;
        }));
    }

    @Test
    void goldenFileHasSuccessesAndErrors() throws IOException {
        List<GoldenCase> cases = GoldenCase.load("resolve.txt", HostVersion.PG15);
        assertTrue(cases.stream().filter(c -> c.expected().startsWith("ERR[")).count() > 30);
        assertTrue(cases.stream().filter(c -> !c.expected().startsWith("ERR[")).count() > 30);
    }
}
