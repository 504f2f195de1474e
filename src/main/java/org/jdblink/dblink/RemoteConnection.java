package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.ResultFormats;

/**
 * A connection as dblink uses it, with the PQerrorMessage text that dblink's way of driving
 * libpq leaves behind where it differs from the protocol connection's own:
 * <ul>
 * <li>PQsendQuery refuses a lost connection, and its text then replaces the previous one;
 *     it refuses a connection with a query in progress too, and then adds its text to the
 *     previous one (that text belongs to the query in progress, and what that query
 *     reports later, such as the server's last words when its backend was terminated,
 *     is added after it);</li>
 * <li>when the connection is lost while dblink collects results, dblink asks libpq for
 *     one more result, and libpq adds "invalid socket" to the text;</li>
 * <li>PQconsumeInput (dblink_is_busy, dblink_get_notify) on a lost connection adds
 *     "connection not open" each time.</li>
 * </ul>
 * A connection the protocol layer closed because an interrupted query was not confirmed
 * cancelled in time (libpq never does that) keeps the reason as its text, and every use
 * that needs the server fails with it instead of with "no connection to the server" alone.
 */
final class RemoteConnection {
    private static final String NO_CONNECTION = "no connection to the server\n";
    private static final String BUSY = "another command is already in progress\n";
    private static final String INVALID_SOCKET = "invalid socket\n";
    private static final String NOT_OPEN = "connection not open\n";

    private final PgConnection pg;
    /** The foreign server the connection was made from, or null. */
    private final String server;
    /** Gives back what the connection held of the local backend (its file count); run once, by {@link #close}. */
    private Runnable release;
    private final CursorTransaction cursorTransaction = new CursorTransaction();
    private final OpenCursors openCursors = new OpenCursors();
    /** Replaces {@code pg.errorMessage()} until the next query is sent; null when it does not. */
    private String errorText;
    /** How much of {@code pg.errorMessage()} {@link #errorText} holds; libpq adds the rest after it. */
    private int pgTextHeld;

    /** {@code server}: the foreign server it was made from, or null; {@code release} runs when the connection is closed. */
    RemoteConnection(PgConnection pg, String server, Runnable release) {
        this.pg = pg;
        this.server = server;
        this.release = release;
    }

    PgConnection pg() {
        return pg;
    }

    /** The foreign server the connection was made from, or null when it was made from a connection string. */
    String server() {
        return server;
    }

    /** The cursors dblink_open declared here that are open still. */
    OpenCursors openCursors() {
        return openCursors;
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
        send(sql, null);
    }

    /** As {@link #send(QueryText)}, the result columns in the formats {@code formats} chooses (null: all text). */
    void send(QueryText sql, ResultFormats formats) throws PgIOException {
        readyToSend();
        pg.sendQuery(sql, formats);
    }

    /** As {@link #send}, for the server to describe {@code sql} without running it (PQsendDescribe after a Parse). */
    void sendDescribe(QueryText sql) throws PgIOException {
        readyToSend();
        pg.sendDescribe(sql);
    }

    private void readyToSend() throws PgIOException {
        refuseIfClosedAfterInterrupt();
        if (pg.isBroken() || pg.queryInProgress()) {
            hold(pg.isBroken() ? NO_CONNECTION : errorMessage() + BUSY);
            throw new PgIOException(Texts.chomp(errorText));
        }
        errorText = null;
        pgTextHeld = 0;
    }

    /**
     * A connection jdblink closed after an interrupt fails every use that needs the server
     * ({@link DblinkErrors#closedAfterInterrupt}); its error text stays the reason.
     */
    void refuseIfClosedAfterInterrupt() {
        String reason = pg.closedAfterInterrupt();
        if (reason != null) {
            throw DblinkErrors.closedAfterInterrupt(reason);
        }
    }

    /** The results ended with the connection lost ({@code cause}): PQerrorMessage from then on. */
    String lost(PgIOException cause) {
        boolean pgSaidNothing = pg.errorMessage().isEmpty();
        String text = errorMessage();
        if (pgSaidNothing) {
            text += cause.getMessage() + "\n";
        }
        if (!text.endsWith(INVALID_SOCKET)) {
            text += INVALID_SOCKET;
        }
        hold(text);
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
            hold(errorMessage() + NOT_OPEN);
        }
    }

    /** PQerrorMessage: "" when the last operation did not fail. */
    String errorMessage() {
        String pgText = pg.errorMessage();
        if (errorText == null) {
            return pgText;
        }
        return pgText.length() > pgTextHeld ? errorText + pgText.substring(pgTextHeld) : errorText;
    }

    private void hold(String text) {
        errorText = text;
        pgTextHeld = pg.errorMessage().length();
    }

    /** dblink's disconnect: closes the connection and gives back what it held; later calls do nothing more. */
    void close() {
        pg.close();
        if (release != null) {
            Runnable once = release;
            release = null;
            once.run();
        }
    }
}
