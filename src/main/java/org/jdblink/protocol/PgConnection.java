package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
        /**
         * One row too large to buffer (over {@link #LARGE_ROW_BYTES}): its DataRow body, of
         * {@link #rowLength()} bytes, is still in the stream. {@link #readLargeRow} copies it
         * into memory the caller owns; if the caller goes on without, it is skipped.
         */
        LARGE_ROW,
        /** A result ended: {@link #commandTag()} (e.g. "SELECT 3", "INSERT 0 1"). */
        COMMAND_COMPLETE,
        /** An empty query string. */
        EMPTY_QUERY,
        /** The statement failed: {@link #error()}. More events may follow up to READY. */
        ERROR,
        /** ReadyForQuery: the query is over; {@link #transactionStatus()} is updated. */
        READY
    }

    /** How long an interrupted query may take to acknowledge its cancel before we give up on the connection. */
    private static final long CANCEL_DRAIN_MILLIS = 5000;
    /** What libpq sends to abort a COPY FROM STDIN it was not asked to feed. */
    private static final String COPY_ABORT_TEXT = "COPY terminated by new PQexec";
    /** Why the connection was closed when an interrupt stopped a large query text mid-message. */
    static final String QUERY_CUT_SHORT = "query interrupted while its text was being sent; connection closed";

    /** Message types that end a result, for {@link #isBusy()}. */
    private static final String RESULT_ENDS = "CEIZGHW";
    /** How much unread input {@link #isBusy()} buffers while looking for the end of a result. */
    static final int LOOKAHEAD_LIMIT = 1024 * 1024;
    /** DataRow bodies larger than this are not buffered but streamed: {@link Event#LARGE_ROW}. */
    public static final int LARGE_ROW_BYTES = StreamedBody.THRESHOLD;

    private final Session session;
    private final Interrupts interrupts;
    private final List<Notification> notifications = new ArrayList<>();
    private Consumer<PgError> noticeListener = notice -> { };

    private boolean broken;
    private boolean queryInProgress;
    private boolean inCopyOut;
    /** The text of the query in progress, for error positions; null between queries. */
    private QueryText currentQuery;
    private TransactionStatus transactionStatus = TransactionStatus.IDLE;
    private final StringBuilder errorMessage = new StringBuilder();

    private RowDescription rowDescription;
    private String commandTag;
    private PgError error;
    private int rowOffset;
    private int rowLength;

    private PgConnection(Session session, Interrupts interrupts) {
        this.session = session;
        this.interrupts = interrupts;
    }

    /** Connects like PQconnectdb: every target in turn, auth, SSL per sslmode, startup. */
    public static PgConnection connect(ConnectionSettings settings, Interrupts interrupts) throws PgConnectException {
        return connect(settings, interrupts, TargetPolicy.ANY);
    }

    /**
     * As {@link #connect(ConnectionSettings, Interrupts)}, asking {@code policy} about every
     * address before connecting to it; a refusal throws {@link TargetNotAllowedException}.
     */
    public static PgConnection connect(ConnectionSettings settings, Interrupts interrupts, TargetPolicy policy)
            throws PgConnectException {
        return new PgConnection(new Connector(settings, interrupts, policy).connect(), interrupts);
    }

    /** PQconnectionUsedPassword: the server asked for a password (cleartext, md5 or SASL). */
    public boolean passwordUsed() {
        return session.passwordUsed;
    }

    /** The last ParameterStatus value for a name (DateStyle, IntervalStyle, client_encoding, …), or null. */
    public String parameterStatus(String name) {
        return session.parameter(name);
    }

    public int backendPid() {
        return session.backendPid;
    }

    /** PQtransactionStatus. */
    public TransactionStatus transactionStatus() {
        if (broken) {
            return TransactionStatus.UNKNOWN;
        }
        return queryInProgress ? TransactionStatus.ACTIVE : transactionStatus;
    }

    /** PQstatus == CONNECTION_BAD: lost or closed; only close() is allowed. */
    public boolean isBroken() {
        return broken;
    }

    /** PQerrorMessage: the text of the last failure on this connection (libpq's format, e.g. "ERROR:  …\nDETAIL:  …\n"), "" if none. */
    public String errorMessage() {
        return errorMessage.toString();
    }

    /** Sends a simple Query. Only when no query is in progress. */
    public void sendQuery(String sql) throws PgIOException {
        sendQuery(QueryText.of(sql));
    }

    /**
     * As {@link #sendQuery(String)}. The connection takes the text over and releases it when
     * the query ends; one refused with {@link PgIOException} is the caller's to release
     * (releasing twice is harmless). An interrupt while a large text is being written
     * closes the connection, since the message is cut short, and throws
     * {@link QueryInterruptedException}.
     */
    public void sendQuery(QueryText sql) throws PgIOException {
        if (broken) {
            throw new PgIOException(errorMessage.length() > 0 ? errorMessage.toString() : "connection to server was lost");
        }
        if (queryInProgress) {
            throw new IllegalStateException("another command is already in progress");
        }
        errorMessage.setLength(0);
        currentQuery = sql;
        queryInProgress = true;
        boolean whole = true;
        try {
            whole = sql.sendQuery(session.writer, session.transport, session.charset(), interrupts);
        } catch (IOException e) {
            // Like libpq, a failed write is not the end: the server's last words (e.g. FATAL
            // "terminating connection due to administrator command") and the end of its
            // stream are read as this query's results, and reported as libpq reports them.
        } catch (RuntimeException | Error e) {
            // the message may be cut short: the connection cannot be used any more
            throw lost("could not send data to server: " + e, e);
        }
        if (!whole) {
            lost(QUERY_CUT_SHORT, null);
            throw new QueryInterruptedException();
        }
    }

    /** The query is over: its text is no longer needed for error positions. */
    private void endQuery() {
        queryInProgress = false;
        if (currentQuery != null) {
            currentQuery.release();
            currentQuery = null;
        }
    }

    /** Blocks (polling interrupts) for the next event of the current query. */
    public Event next() throws PgIOException {
        while (true) {
            Event e = step(Interrupts.POLL_MILLIS);
            if (e != null) {
                return e;
            }
            if (interrupts.pending()) {
                abandonQuery();
            }
        }
    }

    /**
     * Reads and drops the rest of the query in progress for at most about {@code millis}
     * (polling interrupts, as {@link #next()}): true once its ReadyForQuery was read.
     */
    public boolean skipRestWithin(long millis) throws PgIOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (queryInProgress) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            if (step((int) Math.min(left, Interrupts.POLL_MILLIS)) == null && interrupts.pending()) {
                abandonQuery();
            }
        }
        return true;
    }

    /** Like {@link #next()} but never blocks: null when the next event has not fully arrived. */
    public Event poll() throws PgIOException {
        return step(0);
    }

    /**
     * PQconsumeInput + PQisBusy without holding results in memory: reads what has arrived,
     * never waiting, and is true while the current query has not yet delivered the end of
     * its next result (CommandComplete, ErrorResponse, EmptyQueryResponse, ReadyForQuery,
     * or a COPY start). libpq would parse a whole result into memory first; here unread
     * input may grow to {@link #LOOKAHEAD_LIMIT} bytes, after which a result that is still
     * arriving counts as ready, since getting it streams rather than waits. A connection
     * the server closed is not busy either: the next {@link #next()} reports the loss.
     */
    public boolean isBusy() {
        if (broken || !queryInProgress || session.streamedBody.pending()) {
            return false; // a row being streamed: its result has arrived as far as it matters
        }
        MessageReader reader = session.reader;
        try {
            while (!reader.holdsMessageOfType(RESULT_ENDS)) {
                if (reader.buffered() >= LOOKAHEAD_LIMIT) {
                    return false;
                }
                int n = reader.readAhead(session.transport, 0, LOOKAHEAD_LIMIT);
                if (n < 0) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** True while a query has been sent and its ReadyForQuery not yet consumed. */
    public boolean queryInProgress() {
        return queryInProgress;
    }

    public RowDescription rowDescription() {
        return rowDescription;
    }

    /** Backing array of the current DataRow body; valid until the next call to next()/poll(). */
    public byte[] rowBuffer() {
        return session.reader.array();
    }

    public int rowOffset() {
        return rowOffset;
    }

    public int rowLength() {
        return rowLength;
    }

    /**
     * Copies the body of the current {@link Event#LARGE_ROW} into {@code into}, which must
     * have {@link #rowLength()} bytes left, in bounded chunks that poll interrupts (an
     * interrupt abandons the query as {@link #next()} does).
     */
    public void readLargeRow(ByteBuffer into) throws PgIOException {
        StreamedBody body = session.streamedBody;
        if (!body.pending() || into.remaining() < rowLength) {
            throw new IllegalStateException("no large row to read into a buffer of " + into.remaining() + " bytes");
        }
        try {
            while (!body.readInto(into, session.transport, Interrupts.POLL_MILLIS)) {
                if (interrupts.pending()) {
                    abandonQuery();
                }
            }
        } catch (PgIOException e) {
            throw lost(e.getMessage(), e);
        }
    }

    public String commandTag() {
        return commandTag;
    }

    public PgError error() {
        return error;
    }

    /** Sends a CancelRequest on a new socket (PQcancel). Null on success, else libpq's error text. */
    public String cancel() {
        return session.cancelTarget.send(session.backendPid, session.cancelSecret);
    }

    /** Notifications received so far, oldest first; the list is emptied. */
    public List<Notification> takeNotifications() {
        if (!broken && !queryInProgress) {
            absorbPendingAsyncMessages();
        }
        List<Notification> out = List.copyOf(notifications);
        notifications.clear();
        return out;
    }

    /** Where NoticeResponses go (dblink sends remote notices to the server log). */
    public void setNoticeListener(Consumer<PgError> listener) {
        this.noticeListener = listener == null ? notice -> { } : listener;
    }

    /** Sends Terminate and closes the socket; never throws. */
    @Override
    public void close() {
        if (!broken) {
            try {
                session.writer.begin('X').send(session.transport);
            } catch (IOException ignored) {
                // the connection is going away either way
            }
        }
        broken = true;
        endQuery();
        session.transport.close();
    }

    /**
     * Processes messages until one is an event for the caller, or no complete message
     * arrived within {@code waitMillis} (then null).
     */
    private Event step(int waitMillis) throws PgIOException {
        if (broken) {
            throw new PgIOException(Session.SERVER_CLOSED);
        }
        if (!queryInProgress) {
            throw new IllegalStateException("no query in progress");
        }
        while (true) {
            try {
                if (!session.receive(waitMillis)) {
                    return null;
                }
                Event e = dispatch();
                if (e != null) {
                    return e;
                }
            } catch (PgIOException e) {
                throw lost(e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                // whatever went wrong, the stream's position is unknown now: give the
                // connection up, as libpq does when it loses synchronization, rather than
                // leave it busy with a query nobody can finish
                throw lost("lost synchronization with server: " + e, e);
            }
        }
    }

    /** Handles the framed message; returns its event, or null for messages the caller never sees. */
    private Event dispatch() throws PgIOException {
        MessageReader r = session.reader;
        char type = r.type();
        if (inCopyOut && type != 'd' && type != 'c') {
            inCopyOut = false;
        }
        switch (type) {
            case 'T' -> {
                rowDescription = readRowDescription(r);
                return Event.ROW_DESCRIPTION;
            }
            case 'D' -> {
                rowOffset = r.bodyStart();
                rowLength = r.bodyLength();
                return r.streamed() ? Event.LARGE_ROW : Event.DATA_ROW;
            }
            case 'C' -> {
                commandTag = r.cstring(session.charset());
                return Event.COMMAND_COMPLETE;
            }
            case 'I' -> {
                return Event.EMPTY_QUERY;
            }
            case 'E' -> {
                error = session.takeErrorFields();
                errorMessage.append(ErrorText.format(error, currentQuery, true, session.wideColumns()));
                return Event.ERROR;
            }
            case 'Z' -> {
                transactionStatus = switch (r.byte1()) {
                    case 'I' -> TransactionStatus.IDLE;
                    case 'T' -> TransactionStatus.INTRANS;
                    case 'E' -> TransactionStatus.INERROR;
                    default -> TransactionStatus.UNKNOWN;
                };
                endQuery();
                return Event.READY;
            }
            case 'G' -> {
                sendCopyFail();
                return null;
            }
            case 'H', 'W' -> {
                inCopyOut = true;
                return null;
            }
            case 'd', 'c' -> {
                return null; // COPY TO STDOUT data: nobody asked for it, so it is drained
            }
            default -> {
                handleAsync(type);
                return null;
            }
        }
    }

    /** Messages that may arrive at any time: notices, notifications, parameter changes. */
    private void handleAsync(char type) throws PgIOException {
        switch (type) {
            case 'N' -> {
                PgError notice = session.takeErrorFields();
                noticeListener.accept(notice);
            }
            case 'A' -> {
                int pid = session.reader.int32();
                String channel = session.reader.cstring(session.charset());
                String payload = session.reader.cstring(session.charset());
                notifications.add(new Notification(channel, pid, payload));
            }
            case 'S' -> session.takeParameterStatus();
            case 'E' -> {
                // outside a query: the server's last word before it closes the connection
                PgError fatal = session.takeErrorFields();
                errorMessage.append(ErrorText.format(fatal, null, true, session.wideColumns()));
            }
            default -> throw lost("unexpected response from server; first received character was \"" + type + "\"", null);
        }
    }

    /** Between queries: take notifications, notices and parameter reports that already arrived. */
    private void absorbPendingAsyncMessages() {
        try {
            while (session.receive(0)) {
                handleAsync(session.reader.type());
            }
        } catch (PgIOException e) {
            lost(e.getMessage(), e);
        }
    }

    private RowDescription readRowDescription(MessageReader r) throws PgIOException {
        int n = r.int16();
        List<String> names = new ArrayList<>(n);
        int[] oids = new int[n];
        for (int i = 0; i < n; i++) {
            names.add(r.cstring(session.charset()));
            r.int32(); // table OID
            r.int16(); // column number
            oids[i] = r.int32();
            r.int16(); // type size
            r.int32(); // type modifier
            r.int16(); // format code
        }
        return new RowDescription(names, oids);
    }

    private void sendCopyFail() throws PgIOException {
        try {
            session.writer.begin('f').cstring(COPY_ABORT_TEXT, session.charset()).send(session.transport);
        } catch (IOException e) {
            throw lost("could not send data to server: " + SocketErrors.text(e), e);
        }
    }

    /**
     * The local server wants to stop: cancel the remote query, wait (bounded) for its
     * ReadyForQuery so the connection stays usable, then report the interrupt.
     */
    private void abandonQuery() {
        cancel();
        long deadline = System.nanoTime() + CANCEL_DRAIN_MILLIS * 1_000_000;
        try {
            while (queryInProgress && System.nanoTime() - deadline < 0) {
                step(Interrupts.POLL_MILLIS);
            }
        } catch (PgIOException e) {
            // the connection is already marked broken
        }
        if (queryInProgress) {
            close();
        }
        throw new QueryInterruptedException();
    }

    /** Marks the connection broken and records libpq's text for the loss. */
    private PgIOException lost(String text, Throwable cause) {
        broken = true;
        endQuery();
        errorMessage.append(text).append('\n');
        session.transport.close();
        return cause == null ? new PgIOException(text) : new PgIOException(text, cause);
    }
}
