package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameTableTest {
    private final NameTable<String> table = new NameTable<>(StandardCharsets.UTF_8);

    private void add(String key) {
        assertFalse(table.enter(key));
        table.set(key, "conn " + key);
    }

    @Test
    void listsNamesInCDblinksOrderThroughGrowthRemovalAndFailedConnects() {
        // the same steps in psql against C dblink 15.20 listed exactly this
        for (int i = 1; i <= 40; i++) {
            add("c" + i);
        }
        for (int i = 5; i <= 12; i++) {
            assertEquals("conn c" + i, table.remove("c" + i));
        }
        add("c7");
        assertFalse(table.enter("zz")); // dblink_connect('zz', 'dbname=nosuch'): entered, then dropped
        table.remove("zz");
        add("c41");
        assertEquals(List.of("c31", "c33", "c35", "c23", "c26", "c24", "c39", "c29", "c22", "c37", "c3", "c14", "c25", "c28",
                "c34", "c13", "c30", "c17", "c2", "c16", "c19", "c40", "c4", "c18", "c32", "c15", "c36", "c7", "c41", "c1",
                "c21", "c20", "c38", "c27"), table.keys());
    }

    @Test
    void enterReportsPresenceAndKeepsTheValue() {
        add("x");
        assertTrue(table.enter("x"));
        assertEquals("conn x", table.get("x"));
        assertNull(table.get("y"));
        assertNull(table.remove("y"));
    }
}
