package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Integer options read like libpq's parse_int_param (messages checked with psql 15). */
class IntegerOptionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5|5", "' 7 '|7", "+3|3", "-2|-2", "2147483647|2147483647",
            "-2147483648|-2147483648", "'\t9\n'|9", "007|7"})
    void acceptsWhatStrtolAccepts(String value, int expected) throws ConnInfoException {
        assertEquals(expected, IntegerOption.parse(value, "connect_timeout"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "", " ", " 12x", "1 2", "+", "- 1", "2147483648", "99999999999", "1.5", "0x10"})
    void rejectsWithLibpqsMessageQuotingTheValueAsGiven(String value) {
        ConnInfoException e = assertThrows(ConnInfoException.class, () -> IntegerOption.parse(value, "keepalives"));
        assertEquals("invalid integer value \"" + value + "\" for connection option \"keepalives\"", e.getMessage());
    }

    @Test
    void getReadsResolvedSettings() throws ConnInfoException {
        ConnectionSettings settings = ConnInfoResolver.resolve("connect_timeout=' 10' keepalives=x",
                MapEnvironment.golden(Map.of()));
        assertEquals(10, IntegerOption.get(settings, "connect_timeout"));
        assertNull(IntegerOption.get(settings, "keepalives_idle"));
        assertThrows(ConnInfoException.class, () -> IntegerOption.get(settings, "keepalives"));
    }
}
