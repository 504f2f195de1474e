package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;

/**
 * A connection as dblink uses it, with the PQerrorMessage text that dblink's way of driving
 * libpq leaves behind where it differs from the protocol connection's own:
 * <ul>
 * <li>PQsendQuery refuses a lost connection, and its text then replaces the previous one;
 *     it refuses a connection with a query in progress too, and then adds its text to the
 *     previous one (that text belongs to the query in progress);</li>
 * <li>when the connection is lost while dblink collects results, dblink asks libpq for
 *     one more result, and libpq adds "invalid socket" to the text;</li>
 * <li>PQconsumeInput (dblink_is_busy, dblink_get_notify) on a lost connection adds
 *     "connection not open" each time.</li>
 * </ul>
 */
final class RemoteConnection {
    private static final String NO_CONNECTION = "no connection to the server\n";
    private static final String BUSY = "another command is already in progress\n";
    private static final String INVALID_SOCKET = "invalid socket\n";
    private static final String NOT_OPEN = "connection not open\n";

    private final PgConnection pg;
    private final CursorTransaction cursorTransaction = new CursorTransaction();
    /** Replaces {@code pg.errorMessage()} until the next query is sent; null when it does not. */
    private String errorText;

    RemoteConnection(PgConnection pg) {
        this.pg = pg;
    }

    PgConnection pg() {
        return pg;
    }

    /** dblink_open/dblink_close's bookkeeping of the remote transaction they began. */
    CursorTransaction cursorTransaction() {
        return cursorTransaction;
    }

    /**
     * Reads and drops the results of a query in progress (one sent by dblink_send_query),
     * as dblink() does when it could not send its own query.
     */
    void drainPendingResults() {
        if (pg.queryInProgress()) {
            Drain.rest(this);
        }
    }

    /** PQsendQuery; the exception's message is libpq's text without its newline. */
    void send(QueryText sql) throws PgIOException {
        if (pg.isBroken() || pg.queryInProgress()) {
            errorText = pg.isBroken() ? NO_CONNECTION : errorMessage() + BUSY;
            throw new PgIOException(Texts.chomp(errorText));
        }
        errorText = null;
        pg.sendQuery(sql);
    }

    /** The results ended with the connection lost ({@code cause}): PQerrorMessage from then on. */
    String lost(PgIOException cause) {
        String text = pg.errorMessage();
        if (text.isEmpty()) {
            text = cause.getMessage() + "\n";
        }
        if (!text.endsWith(INVALID_SOCKET)) {
            text += INVALID_SOCKET;
        }
        errorText = text;
        return text;
    }

    /** Closes a connection whose query could not be ended; {@code text} says why from now on. */
    void giveUp(String text) {
        pg.close();
        errorText = text;
    }

    /**
     * PQconsumeInput's mark on the error text: none while connected (the reading itself is
     * done by whoever needs the input), "connection not open" added once the connection is lost.
     */
    void consumeInput() {
        if (pg.isBroken()) {
            errorText = errorMessage() + NOT_OPEN;
        }
    }

    /** PQerrorMessage: "" when the last operation did not fail. */
    String errorMessage() {
        return errorText != null ? errorText : pg.errorMessage();
    }

    void close() {
        pg.close();
    }
}
