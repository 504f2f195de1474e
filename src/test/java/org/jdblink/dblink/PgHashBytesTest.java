package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are hashtext() of PostgreSQL 15 (every tail length and the 12-byte loop). */
class PgHashBytesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|-1477818771",
        "x|1074944137",
        "abc|-785388649",
        "abcd|-393934804",
        "abcdefgh|-1960928205",
        "abcdefghi|-92131489",
        "abcdefghijk|-1483803693",
        "abcdefghijkl|-1586087212",
        "abcdefghijklmnopqrstuvwxyz0123456789|1318422268",
        "é|-983094517",
    })
    void matchesHashtext(String text, int expected) {
        assertEquals(expected, PgHashBytes.hash(text.getBytes(StandardCharsets.UTF_8)));
    }
}
