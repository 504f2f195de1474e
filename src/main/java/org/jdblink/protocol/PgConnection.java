package org.jdblink.protocol;

import java.util.List;
import java.util.function.Consumer;
import org.jdblink.conninfo.ConnectionSettings;

/**
 * One client connection speaking protocol v3, with libpq's semantics. Not thread-safe:
 * used only from the backend's main thread. Every blocking wait polls the
 * {@link Interrupts} given at connect time; on an interrupt during a query it sends a
 * CancelRequest, drains to ReadyForQuery and throws {@link QueryInterruptedException}.
 *
 * <p>Query results are pulled one protocol event at a time, without building result
 * objects, so any result size streams in constant memory:
 * <pre>
 *   conn.sendQuery("SELECT …; UPDATE …");
 *   for (Event e = conn.next(); e != Event.READY; e = conn.next()) {
 *       switch (e) { case ROW_DESCRIPTION -> conn.rowDescription(); case DATA_ROW -> conn.rowBuffer() … }
 *   }
 * </pre>
 */
public final class PgConnection implements AutoCloseable {

    /** What {@link #next()} found. */
    public enum Event {
        /** A tuples result begins: {@link #rowDescription()}. */
        ROW_DESCRIPTION,
        /** One row: the DataRow message body in {@link #rowBuffer()} (int16 column count, then per column int32 length or -1, bytes). */
        DATA_ROW,
        /** A result ended: {@link #commandTag()} (e.g. "SELECT 3", "INSERT 0 1"). */
        COMMAND_COMPLETE,
        /** An empty query string. */
        EMPTY_QUERY,
        /** The statement failed: {@link #error()}. More events may follow up to READY. */
        ERROR,
        /** ReadyForQuery: the query is over; {@link #transactionStatus()} is updated. */
        READY
    }

    private PgConnection() {}

    /** Connects like PQconnectdb: every target in turn, auth, SSL per sslmode, startup. */
    public static PgConnection connect(ConnectionSettings settings, Interrupts interrupts) throws PgConnectException {
        throw new UnsupportedOperationException("protocol layer not built yet");
    }

    /** PQconnectionUsedPassword: the server asked for a password (cleartext, md5 or SASL). */
    public boolean passwordUsed() { throw new UnsupportedOperationException(); }

    /** The last ParameterStatus value for a name (DateStyle, IntervalStyle, client_encoding, …), or null. */
    public String parameterStatus(String name) { throw new UnsupportedOperationException(); }

    public int backendPid() { throw new UnsupportedOperationException(); }

    /** PQtransactionStatus. */
    public TransactionStatus transactionStatus() { throw new UnsupportedOperationException(); }

    /** PQstatus == CONNECTION_BAD: lost or closed; only close() is allowed. */
    public boolean isBroken() { throw new UnsupportedOperationException(); }

    /** PQerrorMessage: the text of the last failure on this connection (libpq's format, e.g. "ERROR:  …\nDETAIL:  …\n"), "" if none. */
    public String errorMessage() { throw new UnsupportedOperationException(); }

    /** Sends a simple Query. Only when no query is in progress. */
    public void sendQuery(String sql) throws PgIOException { throw new UnsupportedOperationException(); }

    /** Blocks (polling interrupts) for the next event of the current query. */
    public Event next() throws PgIOException { throw new UnsupportedOperationException(); }

    /** Like {@link #next()} but never blocks: null when the next event has not fully arrived. */
    public Event poll() throws PgIOException { throw new UnsupportedOperationException(); }

    /** True while a query has been sent and its ReadyForQuery not yet consumed. */
    public boolean queryInProgress() { throw new UnsupportedOperationException(); }

    public RowDescription rowDescription() { throw new UnsupportedOperationException(); }
    /** Backing array of the current DataRow body; valid until the next call to next()/poll(). */
    public byte[] rowBuffer() { throw new UnsupportedOperationException(); }
    public int rowOffset() { throw new UnsupportedOperationException(); }
    public int rowLength() { throw new UnsupportedOperationException(); }
    public String commandTag() { throw new UnsupportedOperationException(); }
    public PgError error() { throw new UnsupportedOperationException(); }

    /** Sends a CancelRequest on a new socket (PQcancel). Null on success, else libpq's error text. */
    public String cancel() { throw new UnsupportedOperationException(); }

    /** Notifications received so far, oldest first; the list is emptied. */
    public List<Notification> takeNotifications() { throw new UnsupportedOperationException(); }

    /** Where NoticeResponses go (dblink sends remote notices to the server log). */
    public void setNoticeListener(Consumer<PgError> listener) { throw new UnsupportedOperationException(); }

    /** Sends Terminate and closes the socket; never throws. */
    @Override
    public void close() { throw new UnsupportedOperationException(); }
}
