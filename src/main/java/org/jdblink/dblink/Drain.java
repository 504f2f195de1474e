package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryInterruptedException;

/** Reading and dropping the remaining results of a query (dblink's PQgetResult loop). */
final class Drain {
    private Drain() {}

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
