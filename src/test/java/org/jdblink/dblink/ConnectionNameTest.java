package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionNameTest {
    @Test
    void shortNamesStay() {
        String name = "x".repeat(63);
        assertEquals(name, ConnectionName.truncate(name, StandardCharsets.UTF_8));
    }

    @Test
    void longNamesAreCutAtSixtyThreeBytesOnACharacterBoundary() {
        assertEquals("x".repeat(63), ConnectionName.truncate("x".repeat(64), StandardCharsets.UTF_8));
        // 'x' then 2-byte characters: 1 + 31 * 2 = 63
        assertEquals("x" + "é".repeat(31), ConnectionName.truncate("x" + "é".repeat(40), StandardCharsets.UTF_8));
        // 2-byte characters only: 62 bytes, the 32nd character would not fit whole
        assertEquals("é".repeat(31), ConnectionName.truncate("é".repeat(40), StandardCharsets.UTF_8));
        // in a single-byte encoding the same characters are one byte each
        assertEquals("é".repeat(63), ConnectionName.truncate("é".repeat(64), StandardCharsets.ISO_8859_1));
        // a 4-byte character is never split
        assertEquals("x".repeat(60), ConnectionName.truncate("x".repeat(60) + "😀", StandardCharsets.UTF_8));
    }
}
