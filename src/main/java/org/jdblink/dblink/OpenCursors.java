package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;

/**
 * How many cursors dblink_open declared on one connection that are open still, as
 * jdblink_connections() shows them: each successful dblink_open adds one, each successful
 * dblink_close takes one away ({@code CLOSE ALL} all of them), and the end of the remote
 * transaction they were declared in takes them all, since dblink_open declares them
 * without WITH HOLD. Unlike {@link CursorTransaction}, which keeps dblink's own count for
 * the transaction dblink_open began, this counts the cursors of the user's transactions too.
 *
 * <p>Each method is given the connection's {@link PgConnection#transactionsEnded()} as
 * it is now: once that has grown, the transaction of the counted cursors is over.
 */
final class OpenCursors {
    private int count;
    /** The connection's count of ended transactions when {@link #count} was last set. */
    private long transaction;

    /** dblink_open declared a cursor. */
    void declared(long transactionsEnded) {
        count = count(transactionsEnded) + 1;
        transaction = transactionsEnded;
    }

    /** dblink_close closed the cursor {@code curname}. */
    void closed(String curname, long transactionsEnded) {
        count = "ALL".equalsIgnoreCase(curname) ? 0 : Math.max(0, count(transactionsEnded) - 1);
        transaction = transactionsEnded;
    }

    /** The cursors open now. */
    int count(long transactionsEnded) {
        return transactionsEnded == transaction ? count : 0;
    }
}
