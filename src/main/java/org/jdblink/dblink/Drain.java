package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryInterruptedException;

/** Reading and dropping the remaining results of a query (dblink's PQgetResult loop). */
final class Drain {
    /** How long the rest of a query abandoned mid-result is read before it is cancelled. */
    static final long BEFORE_CANCEL_MILLIS = 1000;
    /** How long it may take to end once cancelled before the connection is given up. */
    static final long AFTER_CANCEL_MILLIS = 5000;
    /** dblink_error_message's text when that happened (also "no connection" on the next use). */
    static final String GIVEN_UP = "remote query abandoned after a local error did not end within "
            + AFTER_CANCEL_MILLIS / 1000 + " s of a cancel request; connection closed\n";

    private Drain() {}

    /**
     * The rest of a query whose result is abandoned part-way (a local error, an interrupt in
     * C): read and dropped, so a registered connection is idle again, as dblink's cleanup
     * does; but a remainder that would take long (say gigabytes of rows still coming) is
     * cancelled after {@link #BEFORE_CANCEL_MILLIS}, and if it has not ended
     * {@link #AFTER_CANCEL_MILLIS} later the connection is closed. Never throws.
     */
    static void abandoned(RemoteConnection remote) {
        PgConnection conn = remote.pg();
        try {
            if (!conn.queryInProgress() || conn.skipRestWithin(BEFORE_CANCEL_MILLIS)) {
                return;
            }
            conn.cancel(); // a failed request shows as the deadline passing
            if (!conn.skipRestWithin(AFTER_CANCEL_MILLIS)) {
                remote.giveUp(GIVEN_UP);
            }
        } catch (PgIOException lost) {
            remote.lost(lost);
        } catch (QueryInterruptedException interrupted) {
            // the protocol layer cancelled and drained (or closed) the query itself
        }
    }

    /**
     * Reads to ReadyForQuery. Never throws: a lost connection stays broken (with libpq's
     * text for it), and an interrupt has made the protocol layer cancel and drain the query
     * itself (the local server raises its own error for it).
     */
    static void rest(RemoteConnection remote) {
        PgConnection conn = remote.pg();
        try {
            while (conn.queryInProgress() && conn.next() != PgConnection.Event.READY) {
                // dropped
            }
        } catch (PgIOException lost) {
            remote.lost(lost);
        } catch (QueryInterruptedException interrupted) {
            // see above
        }
    }
}
