package org.jdblink.sqlbuild;

import static org.jdblink.sqlbuild.KeyColumnsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ModificationSqlTest {
    /** id, (dropped), "Name", note — identifiers arrive quoted by the server */
    private final LocalTable table = new LocalTable("s.\"T\"", new String[] {"id", null, "\"Name\"", "note"});
    private final short[] idAndName = {1, 2};
    private final String[] row = {"1", null, "ann", null};

    @Test
    void sourceRowQueryListsEveryPhysicalColumn() {
        ModificationSql sql = ModificationSql.insert(table, idAndName, 2, new String[] {"1", "it's"}, new String[] {"2", "b"});

        assertEquals("SELECT id, NULL, \"Name\", note FROM s.\"T\" WHERE id = '1' AND \"Name\" = 'it''s'",
                sql.sourceRowQuery());
    }

    @Test
    void nullSourceKeysAreMatchedWithIsNull() {
        ModificationSql sql = ModificationSql.update(table, idAndName, 2, new String[] {null, "x"}, new String[] {"2", "b"});

        assertEquals("SELECT id, NULL, \"Name\", note FROM s.\"T\" WHERE id IS NULL AND \"Name\" = 'x'",
                sql.sourceRowQuery());
    }

    @Test
    void insertTakesTargetKeysAndTheRestOfTheSourceRow() {
        ModificationSql sql = ModificationSql.insert(table, idAndName, 2, new String[] {"1", "ann"},
                new String[] {"2", "back\\slash"});

        assertEquals("INSERT INTO s.\"T\"(id,\"Name\",note) VALUES('2',E'back\\\\slash',NULL)", sql.statement(1, row));
    }

    @Test
    void updateSetsEveryColumnAndMatchesTheTargetKeys() {
        ModificationSql sql = ModificationSql.update(table, new short[] {2}, 1, new String[] {"ann"}, new String[] {null});

        assertEquals("UPDATE s.\"T\" SET id = '1', \"Name\" = NULL, note = NULL WHERE \"Name\" IS NULL",
                sql.statement(1, row));
    }

    @Test
    void deleteNeedsNoSourceRow() {
        ModificationSql sql = ModificationSql.delete(table, new short[] {3, 1}, 2, new String[] {"n", null});

        assertNull(sql.sourceRowQuery());
        assertEquals("DELETE FROM s.\"T\" WHERE note = 'n' AND id IS NULL", sql.statement(0, null));
    }

    @Test
    void theSourceRowMustMatchExactlyOnce() {
        ModificationSql sql = ModificationSql.insert(table, idAndName, 2, new String[] {"1", "a"}, new String[] {"2", "b"});

        assertError("21000", "source row not found", () -> sql.statement(0, null));
        assertError("21000", "source criteria matched more than one record", () -> sql.statement(2, null));
    }

    @Test
    void arrayLengthsAreCheckedAfterTheKeysSourceFirst() {
        String[] one = {"1"};
        String[] two = {"1", "2"};
        assertError("2202E", "source key array length must match number of key attributes",
                () -> ModificationSql.insert(table, idAndName, 2, one, one));
        assertError("2202E", "target key array length must match number of key attributes",
                () -> ModificationSql.update(table, idAndName, 2, two, one));
        assertError("2202E", "target key array length must match number of key attributes",
                () -> ModificationSql.delete(table, idAndName, 2, one));
        assertError("22023", "invalid attribute number 4",
                () -> ModificationSql.insert(table, new short[] {4}, 1, two, two));
    }
}
