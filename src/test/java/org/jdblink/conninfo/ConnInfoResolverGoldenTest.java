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
 * Every case in resolve.txt resolves to what the installed libpq 15 held after its option
 * processing (PQconnectStart + PQconninfo), or fails with libpq's exact message. The
 * service files are referenced relative to the repository root, Maven's working directory.
 */
class ConnInfoResolverGoldenTest {

    static List<GoldenCase> golden() throws IOException {
        return GoldenCase.load("resolve.txt");
    }

    @ParameterizedTest
    @MethodSource("golden")
    void matchesLibpq(GoldenCase c) {
        assertEquals(c.expected(), GoldenCase.rendered(() -> {
            ConnectionSettings settings = ConnInfoResolver.resolve(c.input(), MapEnvironment.golden(c.env()));
            Map<String, String> shown = new LinkedHashMap<>(settings.values());
            shown.remove("service"); // PQconninfo never reports it
            return shown;
        }));
    }

    @Test
    void goldenFileHasSuccessesAndErrors() throws IOException {
        List<GoldenCase> cases = golden();
        assertTrue(cases.stream().filter(c -> c.expected().startsWith("ERR[")).count() > 30);
        assertTrue(cases.stream().filter(c -> !c.expected().startsWith("ERR[")).count() > 30);
    }
}
