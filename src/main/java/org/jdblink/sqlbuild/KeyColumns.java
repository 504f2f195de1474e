package org.jdblink.sqlbuild;

/**
 * The key columns the caller chose by logical attribute number (1 = first column that is
 * not dropped), resolved to physical column positions. Resolution follows dblink: at most
 * as many numbers as the int2vector holds are used, at least one is required, and each
 * must name an existing, non-dropped column.
 */
public final class KeyColumns {
    private final int[] physical;

    private KeyColumns(int[] physical) {
        this.physical = physical;
    }

    /** The first {@code requested} numbers of {@code attnums}, checked against {@code table}. */
    public static KeyColumns resolve(LocalTable table, short[] attnums, int requested) {
        int count = Math.min(requested, attnums.length);
        if (count <= 0) {
            throw BuildSqlErrors.noKeyAttributes();
        }
        int[] physical = new int[count];
        for (int i = 0; i < count; i++) {
            physical[i] = physicalPosition(table, attnums[i]);
        }
        return new KeyColumns(physical);
    }

    private static int physicalPosition(LocalTable table, int logical) {
        if (logical > 0) {
            int seen = 0;
            for (int p = 0; p < table.physicalCount(); p++) {
                if (!table.isDropped(p) && ++seen == logical) {
                    return p;
                }
            }
        }
        throw BuildSqlErrors.invalidAttributeNumber(logical);
    }

    public int count() {
        return physical.length;
    }

    /** Physical position of the i-th key column. */
    public int physical(int i) {
        return physical[i];
    }

    /** Which key (0-based) a physical column is, the first if listed twice; -1 if none. */
    public int keyIndexOf(int physicalColumn) {
        for (int i = 0; i < physical.length; i++) {
            if (physical[i] == physicalColumn) {
                return i;
            }
        }
        return -1;
    }
}
