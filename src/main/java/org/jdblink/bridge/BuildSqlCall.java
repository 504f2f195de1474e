package org.jdblink.bridge;

import org.jdblink.sqlbuild.LocalTable;
import org.jdblink.sqlbuild.ModificationSql;

/**
 * One dblink_build_sql_* call, driven by C in up to two steps: {@link #sourceRowQuery()}
 * (C runs it through SPI, outside Java, so its errors are PostgreSQL's own), then
 * {@link #statement(long, byte[][])} with what it found. Text is UTF-8 as everywhere in
 * the bridge; null elements are SQL NULLs (or dropped columns).
 */
final class BuildSqlCall {
    static final byte INSERT = 'I';
    static final byte UPDATE = 'U';
    static final byte DELETE = 'D';

    private final ModificationSql sql;

    private BuildSqlCall(ModificationSql sql) {
        this.sql = sql;
    }

    /** Checks the arguments; {@code source} is null for DELETE. */
    static BuildSqlCall start(byte kind, byte[] relation, byte[][] columns, short[] attnums, int count,
            byte[][] source, byte[][] target) {
        LocalTable table = new LocalTable(BackendText.decode(relation), decode(columns));
        return new BuildSqlCall(switch (kind) {
            case INSERT -> ModificationSql.insert(table, attnums, count, decode(source), decode(target));
            case UPDATE -> ModificationSql.update(table, attnums, count, decode(source), decode(target));
            case DELETE -> ModificationSql.delete(table, attnums, count, decode(target));
            default -> throw new IllegalArgumentException("unknown statement kind " + kind);
        });
    }

    /** The query finding the source row, or null when none is needed. */
    byte[] sourceRowQuery() {
        return BackendText.encode(sql.sourceRowQuery());
    }

    /** The statement; {@code row} (by physical column) only matters when exactly one row matched. */
    byte[] statement(long matched, byte[][] row) {
        return BackendText.encode(sql.statement(matched, row == null ? null : decode(row)));
    }

    private static String[] decode(byte[][] values) {
        String[] decoded = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            decoded[i] = BackendText.decode(values[i]);
        }
        return decoded;
    }
}
