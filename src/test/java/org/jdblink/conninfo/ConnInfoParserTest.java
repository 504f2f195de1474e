package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConnInfoParserTest {

    static List<GoldenCase> golden() throws IOException {
        return GoldenCase.loadAll("parse.txt");
    }

    /** Every case in parse.txt gives exactly what PQconninfoParse of each libpq release gave. */
    @ParameterizedTest
    @MethodSource("golden")
    void matchesLibpq(GoldenCase c) {
        assertEquals(c.expected(), GoldenCase.rendered(() -> ConnInfoParser.parse(c.input(), c.libpq())));
    }

    @Test
    void goldenFileCoversBothForms() throws IOException {
        List<GoldenCase> cases = GoldenCase.load("parse.txt", HostVersion.PG15);
        assertTrue(cases.size() > 80, "cases: " + cases.size());
        assertTrue(cases.stream().anyMatch(c -> c.input().startsWith("postgres://")));
    }

    @Test
    void resultIsInLibpqOptionOrderNotStringOrder() throws ConnInfoException {
        Map<String, String> values = ConnInfoParser.parse("port=1 host=h user=u");
        assertEquals(List.of("user", "host", "port"), List.copyOf(values.keySet()));
    }

    @Test
    void detectsPasswordForDblinksNonSuperuserCheck() throws ConnInfoException {
        assertEquals("s3cr t", ConnInfoParser.parse("host=h password='s3cr t'").get("password"));
        assertEquals("p@ss", ConnInfoParser.parse("postgresql://u:p%40ss@h/db").get("password"));
        assertEquals(null, ConnInfoParser.parse("host=h").get("password"));
        assertThrows(ConnInfoException.class, () -> ConnInfoParser.parse("host=h password"));
    }

    @Test
    void givesPasswordOnlyForANonEmptyPasswordInAParsableString() {
        assertTrue(ConnInfoParser.givesPassword("password=x", HostVersion.PG15));
        assertTrue(ConnInfoParser.givesPassword("postgres://u:x@h", HostVersion.PG15));
        assertFalse(ConnInfoParser.givesPassword("password=''", HostVersion.PG15));
        assertFalse(ConnInfoParser.givesPassword("postgres://u:@h", HostVersion.PG15));
        assertFalse(ConnInfoParser.givesPassword("host=h", HostVersion.PG15));
        assertFalse(ConnInfoParser.givesPassword("password=x bogus=1", HostVersion.PG15));
        assertFalse(ConnInfoParser.givesPassword("password='x", HostVersion.PG15));
    }

    @Test
    void givesPasswordByTheRulesOfTheHostsLibpq() {
        HostVersion pg16 = new HostVersion(160011);
        HostVersion pg18 = new HostVersion(180002);
        assertFalse(ConnInfoParser.givesPassword("password=x sslcertmode=allow", HostVersion.PG15));
        assertTrue(ConnInfoParser.givesPassword("password=x sslcertmode=allow", pg16));
        assertTrue(ConnInfoParser.givesPassword("postgresql://u:x@h/my db", pg16));
        assertFalse(ConnInfoParser.givesPassword("postgresql://u:x@h/my db", pg18));
    }

    @Test
    void uriPrefixIsCaseSensitive() {
        assertTrue(ConnInfoParser.isUri("postgresql://h"));
        assertTrue(ConnInfoParser.isUri("postgres://h"));
        assertFalse(ConnInfoParser.isUri("Postgres://h"));
        assertFalse(ConnInfoParser.isUri("host=postgresql://"));
    }
}
