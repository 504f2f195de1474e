package org.jdblink.protocol;

import java.util.Arrays;

/**
 * What a RowDescription tells: per column its name, the OID of its type and the type's
 * modifier (-1 when none), and the format its values arrive in (text unless a described
 * statement was run with binary columns: {@link #withFormats}). Every DataRow must have
 * {@link #columnCount()} columns.
 * dblink() takes the local types from the caller's column definition list; jdblink's own
 * functions use these (jdblink_describe, jdblink_query's check of a local row type).
 */
public final class RowDescription {
    private final String[] names;
    private final int[] typeOids;
    private final int[] typmods;
    /** Per column 0 (text) or 1 (binary); null: all text. */
    private final short[] formats;

    /** The arrays, one entry per column, are the description's own from now on. */
    public RowDescription(String[] names, int[] typeOids, int[] typmods) {
        this(names, typeOids, typmods, null);
    }

    private RowDescription(String[] names, int[] typeOids, int[] typmods, short[] formats) {
        if (names.length != typeOids.length || names.length != typmods.length
                || (formats != null && formats.length != names.length)) {
            throw new IllegalArgumentException("one name, type, modifier and format per column");
        }
        this.names = names;
        this.typeOids = typeOids;
        this.typmods = typmods;
        this.formats = formats;
    }

    /** The same columns arriving in {@code formats} (per column 0 text, 1 binary; null: all text). */
    public RowDescription withFormats(short[] formats) {
        return new RowDescription(names, typeOids, typmods, formats);
    }

    /**
     * The columns of rows made locally (dblink_get_notify's, jdblink_connections'), which
     * the SQL function's declaration types: no names, no type OIDs (0).
     */
    public static RowDescription untyped(int columnCount) {
        int[] typmods = new int[columnCount];
        Arrays.fill(typmods, -1);
        return new RowDescription(new String[columnCount], new int[columnCount], typmods);
    }

    public int columnCount() {
        return names.length;
    }

    /** The column's name (0-based), in the connection's encoding as decoded. */
    public String name(int column) {
        return names[column];
    }

    public int typeOid(int column) {
        return typeOids[column];
    }

    public int typmod(int column) {
        return typmods[column];
    }

    /** The column's values arrive in binary (the type's send format), not as text. */
    public boolean binary(int column) {
        return formats != null && formats[column] == ResultFormats.BINARY;
    }
}
