package org.jdblink.sqlbuild;

import java.util.Arrays;

/**
 * A local table as the SQL builders see it: its name and its physical columns, all
 * already quoted as SQL must spell them (the name schema-qualified when the table is not
 * visible in the search path). A dropped column keeps its physical place as a null name.
 */
public final class LocalTable {
    private final String name;
    private final String[] columns;

    public LocalTable(String name, String[] columns) {
        this.name = name;
        this.columns = columns.clone();
    }

    public String name() {
        return name;
    }

    /** Columns including dropped ones, as in the tuple descriptor. */
    public int physicalCount() {
        return columns.length;
    }

    public boolean isDropped(int physical) {
        return columns[physical] == null;
    }

    /** The quoted name of a column that is not dropped. */
    public String column(int physical) {
        if (columns[physical] == null) {
            throw new IllegalArgumentException("column " + physical + " is dropped");
        }
        return columns[physical];
    }

    @Override
    public String toString() {
        return name + Arrays.toString(columns);
    }
}
