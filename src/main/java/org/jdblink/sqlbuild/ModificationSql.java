package org.jdblink.sqlbuild;

import java.util.StringJoiner;

/**
 * One dblink_build_sql_insert / _update / _delete call. Creating it checks the arguments
 * in dblink's order (key attribute numbers, then the source array's length, then the
 * target's). INSERT and UPDATE copy a local source row, found by the source key values
 * with {@link #sourceRowQuery()}, which the caller runs; the target key values replace the
 * key columns' values in the statement. DELETE needs only the target key values.
 *
 * <p>Every value is written as a quoted literal (or NULL), so the remote server converts
 * it to the column's type; key conditions on NULL values are written {@code IS NULL}.
 */
public final class ModificationSql {
    private enum Kind { INSERT, UPDATE, DELETE }

    private final Kind kind;
    private final LocalTable table;
    private final KeyColumns keys;
    private final String[] source;
    private final String[] target;

    private ModificationSql(Kind kind, LocalTable table, KeyColumns keys, String[] source, String[] target) {
        this.kind = kind;
        this.table = table;
        this.keys = keys;
        this.source = source;
        this.target = target;
    }

    public static ModificationSql insert(LocalTable table, short[] attnums, int count, String[] source, String[] target) {
        return withSourceRow(Kind.INSERT, table, attnums, count, source, target);
    }

    public static ModificationSql update(LocalTable table, short[] attnums, int count, String[] source, String[] target) {
        return withSourceRow(Kind.UPDATE, table, attnums, count, source, target);
    }

    public static ModificationSql delete(LocalTable table, short[] attnums, int count, String[] target) {
        KeyColumns keys = KeyColumns.resolve(table, attnums, count);
        checkTarget(keys, target);
        return new ModificationSql(Kind.DELETE, table, keys, null, target.clone());
    }

    private static ModificationSql withSourceRow(
            Kind kind, LocalTable table, short[] attnums, int count, String[] source, String[] target) {
        KeyColumns keys = KeyColumns.resolve(table, attnums, count);
        if (source.length != keys.count()) {
            throw BuildSqlErrors.sourceKeyCount();
        }
        checkTarget(keys, target);
        return new ModificationSql(kind, table, keys, source.clone(), target.clone());
    }

    private static void checkTarget(KeyColumns keys, String[] target) {
        if (target.length != keys.count()) {
            throw BuildSqlErrors.targetKeyCount();
        }
    }

    /**
     * The SELECT that finds the source row, or null for DELETE. It lists every physical
     * column, NULL in place of a dropped one, so its result lines up with the table.
     */
    public String sourceRowQuery() {
        if (kind == Kind.DELETE) {
            return null;
        }
        StringJoiner columns = new StringJoiner(", ");
        for (int p = 0; p < table.physicalCount(); p++) {
            columns.add(table.isDropped(p) ? "NULL" : table.column(p));
        }
        return "SELECT " + columns + " FROM " + table.name() + " WHERE " + keyCondition(source);
    }

    /**
     * The statement. For INSERT and UPDATE, {@code matched} is how many rows the source
     * row query returned and {@code row} the first one's values as text by physical column
     * (null = NULL); exactly one row must match. DELETE ignores both.
     */
    public String statement(long matched, String[] row) {
        if (kind == Kind.DELETE) {
            return "DELETE FROM " + table.name() + " WHERE " + keyCondition(target);
        }
        if (matched > 1) {
            throw BuildSqlErrors.sourceRowNotUnique();
        }
        if (matched < 1) {
            throw BuildSqlErrors.sourceRowNotFound();
        }
        return kind == Kind.INSERT ? insert(row) : update(row);
    }

    private String insert(String[] row) {
        StringJoiner names = new StringJoiner(",");
        StringJoiner values = new StringJoiner(",");
        for (int p = 0; p < table.physicalCount(); p++) {
            if (!table.isDropped(p)) {
                names.add(table.column(p));
                values.add(literal(newValue(p, row)));
            }
        }
        return "INSERT INTO " + table.name() + "(" + names + ") VALUES(" + values + ")";
    }

    private String update(String[] row) {
        StringJoiner assignments = new StringJoiner(", ");
        for (int p = 0; p < table.physicalCount(); p++) {
            if (!table.isDropped(p)) {
                assignments.add(table.column(p) + " = " + literal(newValue(p, row)));
            }
        }
        return "UPDATE " + table.name() + " SET " + assignments + " WHERE " + keyCondition(target);
    }

    /** A column's value in the new row: the target key value for a key column, else the source row's. */
    private String newValue(int physical, String[] row) {
        int key = keys.keyIndexOf(physical);
        return key >= 0 ? target[key] : row[physical];
    }

    private String keyCondition(String[] values) {
        StringJoiner condition = new StringJoiner(" AND ");
        for (int i = 0; i < keys.count(); i++) {
            String column = table.column(keys.physical(i));
            condition.add(values[i] == null ? column + " IS NULL" : column + " = " + SqlLiteral.quote(values[i]));
        }
        return condition.toString();
    }

    private static String literal(String value) {
        return value == null ? "NULL" : SqlLiteral.quote(value);
    }
}
