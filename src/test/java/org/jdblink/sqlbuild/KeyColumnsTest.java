package org.jdblink.sqlbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdblink.dblink.DblinkException;
import org.junit.jupiter.api.Test;

class KeyColumnsTest {
    /** a, (dropped), b, (dropped), c */
    private final LocalTable table = new LocalTable("t", new String[] {"a", null, "b", null, "c"});

    @Test
    void logicalNumbersSkipDroppedColumns() {
        KeyColumns keys = KeyColumns.resolve(table, new short[] {3, 1, 2}, 3);

        assertEquals(3, keys.count());
        assertEquals(4, keys.physical(0));
        assertEquals(0, keys.physical(1));
        assertEquals(2, keys.physical(2));
        assertEquals(1, keys.keyIndexOf(0));
        assertEquals(-1, keys.keyIndexOf(1));
    }

    @Test
    void countIsCappedByTheVectorLength() {
        assertEquals(1, KeyColumns.resolve(table, new short[] {2}, 5).count());
        assertEquals(1, KeyColumns.resolve(table, new short[] {2, 99}, 1).count());
    }

    @Test
    void aRepeatedColumnIsFoundAtItsFirstKey() {
        assertEquals(0, KeyColumns.resolve(table, new short[] {1, 1}, 2).keyIndexOf(0));
    }

    @Test
    void noKeyAttributesIsAnError() {
        for (int count : new int[] {0, -1}) {
            assertError("22023", "number of key attributes must be > 0",
                    () -> KeyColumns.resolve(table, new short[] {1}, count));
        }
        assertError("22023", "number of key attributes must be > 0", () -> KeyColumns.resolve(table, new short[0], 2));
    }

    @Test
    void numbersOutsideTheLogicalColumnsAreErrors() {
        assertError("22023", "invalid attribute number 0", () -> KeyColumns.resolve(table, new short[] {0}, 1));
        assertError("22023", "invalid attribute number -3", () -> KeyColumns.resolve(table, new short[] {-3}, 1));
        // 4 and 5 are within the physical count but past the three live columns
        assertError("22023", "invalid attribute number 4", () -> KeyColumns.resolve(table, new short[] {1, 4}, 2));
        assertError("22023", "invalid attribute number 6", () -> KeyColumns.resolve(table, new short[] {6}, 1));
    }

    static void assertError(String sqlstate, String message, Runnable call) {
        DblinkException e = assertThrows(DblinkException.class, call::run);
        assertEquals(sqlstate, e.report().sqlstate());
        assertEquals(message, e.report().message());
    }
}
