package org.jdblink.bridge;

import java.nio.ByteBuffer;
import org.jdblink.dblink.DblinkException;
import org.jdblink.dblink.SqlStates;
import org.jdblink.protocol.QueryText;

/**
 * A large query text that must outlive the SQL call that passed it (dblink_send_query's,
 * whose errors arrive in later calls): copied into C memory (malloc, natives in
 * bridge/calls.c) that is freed when the connection releases the text. libpq keeps a copy of
 * the last query for the same purpose.
 */
final class HeldQueryText {
    private HeldQueryText() {}

    /** {@code sql} itself when small, else the same text over a copy freed on release. */
    static QueryText of(QueryText sql) {
        if (!sql.isLarge()) {
            return sql;
        }
        ByteBuffer original = sql.largeBytes();
        ByteBuffer copy = copy0(original);
        if (copy == null) {
            throw new DblinkException(SqlStates.OUT_OF_MEMORY, "out of memory",
                    "Failed on request of size " + original.remaining() + " for the query text.", null);
        }
        return sql.over(copy, () -> free0(copy));
    }

    /** A malloc'd copy of the buffer's remaining bytes, or null when there is no memory. */
    private static native ByteBuffer copy0(ByteBuffer original);

    private static native void free0(ByteBuffer copy);
}
