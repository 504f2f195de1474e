package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.protocol.ProtocolConstants.Backend;
import org.jdblink.protocol.ProtocolConstants.Frontend;
import org.jdblink.protocol.ProtocolConstants.TransactionIndicator;

/**
 * One client connection speaking protocol v3, with libpq's semantics. Not thread-safe:
 * used only from the backend's main thread. Every blocking wait polls the
 * {@link Interrupts} given at connect time, and is reported to the {@link WaitReporter}
 * given then, if any; on an interrupt during a query it sends a
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
        /**
         * The statement failed: {@link #error()}, or null when the server's answer broke
         * the protocol ({@link #errorMessage()} then has libpq's text). More events may
         * follow up to READY.
         */
        ERROR,
        /** ReadyForQuery: the query is over; {@link #transactionStatus()} is updated. */
        READY,
        /** {@link #sendDescribe}: the statement returns no rows (a ROW_DESCRIPTION says it does). */
        NO_DATA
    }

    /** How the query in progress travels. */
    private enum Flow {
        /** A simple Query message. */
        SIMPLE,
        /** {@link #sendDescribe}: Parse, Describe and Sync; nothing runs. */
        DESCRIBE_ONLY,
        /**
         * {@link #sendQuery(QueryText, ResultFormats)} of one statement: Parse, Describe and
         * Flush went out; its answer decides the result formats of the Bind, Execute and Sync
         * that follow.
         */
        DESCRIBE_THEN_EXECUTE,
        /**
         * Binary float columns wait for the remote's extra_float_digits
         * ({@link FloatDigitsProbe}), whose answer ends with CloseComplete.
         */
        FLOAT_PROBE,
        /** Bind, Execute and Sync went out (or Sync alone, after a failed or withdrawn describe). */
        EXECUTE,
        /**
         * The described statement has parameters, which the extended protocol would ask
         * for: after the Sync's ReadyForQuery the text goes again as a simple Query, whose
         * error is the one C dblink gives.
         */
        RETRY_SIMPLE
    }

    /**
     * All that a query interrupted by a cancel or statement_timeout may take (sending the
     * CancelRequest, then reading to ReadyForQuery) before the connection is given up, so
     * that the local statement ends within a second whatever the remote does.
     */
    static final long CANCEL_BUDGET_MILLIS = 650;
    /**
     * The same for a terminating backend: the CancelRequest is only sent (the connect may
     * take this long), and neither the server's close of it nor the query's end is awaited.
     */
    static final long TERMINATE_BUDGET_MILLIS = 200;
    /** What libpq sends to abort a COPY FROM STDIN it was not asked to feed. */
    private static final String COPY_ABORT_TEXT = "COPY terminated by new PQexec";
    /** Why the connection was closed when an interrupt stopped a large query text mid-message. */
    static final String QUERY_CUT_SHORT = "query interrupted while its text was being sent; connection closed";
    /** Why the connection was closed when an interrupt came while a server that stopped reading held up another message. */
    static final String MESSAGE_CUT_SHORT = "interrupted while the server was not accepting data; connection closed";
    /**
     * How long Terminate may wait for room in the send buffer: a server that stopped
     * reading is not told goodbye, so that closing never hangs.
     */
    static final long TERMINATE_SEND_MILLIS = 100;

    /** Message types that end a result, for {@link #isBusy()}. */
    private static final String RESULT_ENDS = "" + Backend.COMMAND_COMPLETE + Backend.ERROR_RESPONSE
            + Backend.EMPTY_QUERY_RESPONSE + Backend.READY_FOR_QUERY + Backend.COPY_IN_RESPONSE + Backend.COPY_OUT_RESPONSE
            + Backend.COPY_BOTH_RESPONSE;
    /** How much unread input {@link #isBusy()} buffers while looking for the end of a result. */
    static final int LOOKAHEAD_LIMIT = 1024 * 1024;
    /** DataRow bodies larger than this are not buffered but streamed: {@link Event#LARGE_ROW}. */
    public static final int LARGE_ROW_BYTES = StreamedBody.THRESHOLD;

    // The fixed-size part of a RowDescription field after its name: table OID and column
    // number, type OID, type size, type modifier, format code.
    private static final int FIELD_TABLE_WORDS = 4 + 2;
    private static final int FIELD_TYPE_SIZE_BYTES = 2;
    private static final int FIELD_FORMAT_BYTES = 2;

    /** Notices nobody listens to (a class, not a lambda: see docs/jvm.md, "No lambdas on the first call's path"). */
    private static final Consumer<PgError> IGNORE_NOTICES = new Consumer<>() {
        @Override
        public void accept(PgError notice) {
            // nobody asked for them: dropped
        }
    };

    private final WireState wire;
    private final Interrupts interrupts;
    private final List<Notification> notifications = new ArrayList<>();
    private Consumer<PgError> noticeListener = IGNORE_NOTICES;
    /** While an interrupted query is drained, the notices it sends are only counted here; else -1. */
    private int noticesUnlogged = -1;

    private boolean broken;
    /** Why jdblink closed the connection after an interrupt, or null. */
    private String closedAfterInterrupt;
    private boolean queryInProgress;
    private Flow flow = Flow.SIMPLE;
    /** Of {@link Flow#DESCRIBE_THEN_EXECUTE}: who picks the result formats. */
    private ResultFormats resultFormats;
    /** Of a described statement: how many parameters it has. */
    private int parameterCount;
    /** Of {@link Flow#FLOAT_PROBE}: the statement's columns and chosen formats, and the setting once read. */
    private RowDescription probedColumns;
    private short[] probedFormats;
    private int probedDigits;
    /** A bounded cancel of the query in progress began: a described statement is not run then. */
    private boolean cancelling;
    /**
     * An ErrorResponse ended the query in progress: the server runs no more of its string,
     * only the ReadyForQuery is to come (a CancelRequest could only hit a later query).
     */
    private boolean queryFailed;
    /** isBusy() has put the text of the next ErrorResponse in errorMessage, as PQisBusy parses it. */
    private boolean errorTextTakenAhead;
    /**
     * isBusy() met the end of the stream: libpq's PQconsumeInput records its text and drops
     * the connection there; the results read before it are still returned, then the loss.
     */
    private boolean endOfStreamSeen;
    private boolean inCopyOut;
    /** The text of the query in progress, for error positions; null between queries. */
    private QueryText currentQuery;
    private TransactionStatus transactionStatus = TransactionStatus.IDLE;
    /** ReadyForQuery messages that said idle: each ended a transaction (or a statement outside one). */
    private long transactionsEnded;
    private final StringBuilder errorMessage = new StringBuilder();

    /** What libpq would hold as the current result of the query (conn->result, error_result). */
    private enum Pending { NONE, TUPLES, FAILED }

    private Pending pending = Pending.NONE;
    private RowDescription rowDescription;
    private String commandTag;
    private PgError error;
    private int rowOffset;
    private int rowLength;

    PgConnection(WireState wire, Interrupts interrupts) {
        this.wire = wire;
        this.interrupts = interrupts;
        wire.waits.connected();
        wire.activity.connected();
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
        return connect(settings, interrupts, WaitReporter.NONE, policy);
    }

    /**
     * As {@link #connect(ConnectionSettings, Interrupts, TargetPolicy)}, telling
     * {@code reporter} about every wait on the network, of the connect and for the life
     * of the connection.
     */
    public static PgConnection connect(ConnectionSettings settings, Interrupts interrupts, WaitReporter reporter,
            TargetPolicy policy) throws PgConnectException {
        return new PgConnection(new Connector(settings, interrupts, reporter, policy).connect(), interrupts);
    }

    /** PQconnectionUsedPassword: the server asked for a password (cleartext, md5 or SASL). */
    public boolean passwordUsed() {
        return wire.passwordUsed;
    }

    /** The last ParameterStatus value for a name (DateStyle, IntervalStyle, client_encoding, …), or null. */
    public String parameterStatus(String name) {
        return wire.parameter(name);
    }

    public int backendPid() {
        return wire.backendPid;
    }

    /**
     * PQhost: the host of the target connected to as it was given (for a Unix-domain
     * socket its directory), else its hostaddr.
     */
    public String host() {
        return wire.target == null ? null : wire.target.serverName();
    }

    /** PQport, as a number. */
    public int port() {
        return wire.target == null ? 0 : wire.target.port();
    }

    /** PQdb: the database asked for. */
    public String dbname() {
        return wire.dbname;
    }

    /** PQuser: the user connected as. */
    public String user() {
        return wire.user;
    }

    /** PQsslInUse. */
    public boolean sslInUse() {
        return wire.encrypted;
    }

    /** PQsslAttribute "protocol" (e.g. TLSv1.3), null without TLS. */
    public String sslProtocol() {
        SSLSession tls = wire.tlsSession();
        return tls == null ? null : tls.getProtocol();
    }

    /** The cipher suite, by its standard (IANA) name as Java gives it; null without TLS. */
    public String sslCipher() {
        SSLSession tls = wire.tlsSession();
        return tls == null ? null : tls.getCipherSuite();
    }

    /** What the connection has done so far: its times, queries, rows and bytes. */
    public ConnectionActivity activity() {
        return wire.activity;
    }

    /**
     * How many times the server reported itself idle outside a transaction
     * (ReadyForQuery 'I'), each time a transaction (or a statement outside one) ended:
     * what was declared in a transaction is gone once this has grown.
     */
    public long transactionsEnded() {
        return transactionsEnded;
    }

    /**
     * Whether the server has closed the connection, found without waiting and without
     * reading anything (as postgres_fdw's check_conn in PostgreSQL 18): true as well once
     * the connection is known lost or was closed here, and when the check itself fails.
     */
    public boolean closedByPeer() {
        if (isBroken()) {
            return true;
        }
        try {
            return wire.transport.closedByPeer();
        } catch (IOException unusable) {
            return true;
        }
    }

    /** PQtransactionStatus. */
    public TransactionStatus transactionStatus() {
        if (isBroken()) {
            return TransactionStatus.UNKNOWN;
        }
        return queryInProgress ? TransactionStatus.ACTIVE : transactionStatus;
    }

    /** PQstatus == CONNECTION_BAD: lost or closed; only close() is allowed. */
    public boolean isBroken() {
        return broken || endOfStreamSeen;
    }

    /**
     * Why jdblink itself closed this connection: an interrupted query whose cancellation
     * the server did not confirm within the bound, or a message an interrupt cut short
     * while the server was not reading it (libpq-style text, one or two lines,
     * also part of {@link #errorMessage()}); null when it did not.
     */
    public String closedAfterInterrupt() {
        return closedAfterInterrupt;
    }

    /** The connection's client encoding, in which texts are sent and received. */
    public Charset charset() {
        return wire.charset();
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
        send(sql, Flow.SIMPLE, null);
    }

    /**
     * As {@link #sendQuery(QueryText)}, with result columns in the formats {@code formats}
     * chooses where it can: a text of one statement that returns rows
     * ({@link SingleStatement}) is described first and then run with the extended protocol;
     * anything else, and any statement with parameters, runs as a simple Query. The events
     * are those of a simple Query either way; {@link RowDescription#binary} tells which
     * columns arrive in binary.
     */
    public void sendQuery(QueryText sql, ResultFormats formats) throws PgIOException {
        String scs = wire.parameter("standard_conforming_strings");
        boolean described = formats != null && !sql.isLarge() && scs != null
                && SingleStatement.returnsRowsAlone(sql.smallText(), scs.equals("on"));
        send(sql, described ? Flow.DESCRIBE_THEN_EXECUTE : Flow.SIMPLE, described ? formats : null);
    }

    /**
     * Sends the text for the server to parse and describe, without running it (the
     * extended protocol's Parse, Describe and Sync). Its events: ROW_DESCRIPTION, or
     * NO_DATA for a statement that returns no rows, or ERROR (the text does not parse: a
     * syntax error, an unknown table, several statements); then READY. Not for a large
     * text ({@link QueryText#isLarge()}). Otherwise as {@link #sendQuery(QueryText)}.
     */
    public void sendDescribe(QueryText sql) throws PgIOException {
        if (sql.isLarge()) {
            throw new IllegalArgumentException("a large text is not described");
        }
        send(sql, Flow.DESCRIBE_ONLY, null);
    }

    private void send(QueryText sql, Flow how, ResultFormats formats) throws PgIOException {
        if (isBroken()) {
            throw new PgIOException(errorMessage.length() > 0 ? errorMessage.toString() : "connection to server was lost");
        }
        if (queryInProgress) {
            throw new IllegalStateException("another command is already in progress");
        }
        errorMessage.setLength(0);
        errorTextTakenAhead = false;
        queryFailed = false;
        pending = Pending.NONE;
        currentQuery = sql;
        queryInProgress = true;
        flow = how;
        resultFormats = formats;
        parameterCount = 0;
        cancelling = false;
        wire.activity.querySent();
        boolean whole = true;
        try {
            switch (how) {
                case DESCRIBE_ONLY -> sql.sendDescribe(wire.writer, wire.transport, wire.charset(), Frontend.SYNC);
                case DESCRIBE_THEN_EXECUTE -> sql.sendDescribe(wire.writer, wire.transport, wire.charset(), Frontend.FLUSH);
                default -> whole = sql.sendQuery(wire.writer, wire.transport, wire.charset(), interrupts);
            }
        } catch (QueryInterruptedException e) {
            whole = false; // a write waiting for a server that does not read saw the interrupt
        } catch (IOException e) {
            // Like libpq, a failed write is not the end: the server's last words (e.g. FATAL
            // "terminating connection due to administrator command") and the end of its
            // stream are read as this query's results, and reported as libpq reports them.
        } catch (RuntimeException | Error e) {
            // the message may be cut short: the connection cannot be used any more
            throw lost("could not send data to server: " + e, e);
        }
        if (!whole) {
            cutShort(QUERY_CUT_SHORT);
            throw new QueryInterruptedException();
        }
    }

    /** The query is over: its text is no longer needed for error positions. */
    private void endQuery() {
        queryInProgress = false;
        flow = Flow.SIMPLE;
        resultFormats = null;
        probedColumns = null;
        probedFormats = null;
        cancelling = false;
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
     * arriving counts as ready, since getting it streams rather than waits. As PQisBusy
     * parses what has arrived, an error that ends the next result is in
     * {@link #errorMessage()} from then on; and as PQconsumeInput, every call reads once
     * even when a result is ready, and the end of the stream makes the connection lost
     * ({@link #isBroken()}, libpq's text recorded), though what arrived before it is still
     * returned by {@link #next()} before the loss.
     */
    public boolean isBusy() {
        if (broken || endOfStreamSeen || !queryInProgress || wire.streamedBody.pending()) {
            return false; // (a row being streamed: its result has arrived as far as it matters)
        }
        MessageReader reader = wire.reader;
        try {
            int resultEnd = reader.firstOfTypes(RESULT_ENDS);
            if (resultEnd >= 0) {
                readAhead(); // PQconsumeInput reads even when a result is ready
                resultEnd = reader.firstOfTypes(RESULT_ENDS); // reading may move the buffered input
            }
            while (resultEnd < 0) {
                if (reader.buffered() >= LOOKAHEAD_LIMIT) {
                    return false;
                }
                int n = readAhead();
                if (n < 0) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
                resultEnd = reader.firstOfTypes(RESULT_ENDS);
            }
            if (reader.typeAt(resultEnd) == Backend.ERROR_RESPONSE && !errorTextTakenAhead) {
                PgError next = reader.peekAt(resultEnd, wire::takeErrorFields);
                errorMessage.append(ErrorText.format(next, currentQuery, true, wire.wideColumns()));
                errorTextTakenAhead = true;
            }
            return false;
        } catch (IOException e) {
            return false; // reported by the next read of a result (a malformed message too)
        }
    }

    /** Reads what has arrived without waiting; at the end of the stream, records libpq's text for it. */
    private int readAhead() throws IOException {
        int n = wire.reader.readAhead(wire.transport, 0, LOOKAHEAD_LIMIT);
        if (n < 0) {
            endOfStreamSeen = true;
            errorMessage.append(WireState.SERVER_CLOSED).append('\n');
        }
        return n;
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
        return wire.reader.array();
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
        StreamedBody body = wire.streamedBody;
        if (!body.pending() || into.remaining() < rowLength) {
            throw new IllegalStateException("no large row to read into a buffer of " + into.remaining() + " bytes");
        }
        int bodyStart = into.position();
        try {
            while (!body.readInto(into, wire.transport, Interrupts.POLL_MILLIS)) {
                if (interrupts.pending()) {
                    abandonQuery();
                }
            }
            // What checkDataRow checks of a buffered row; here the whole body is already
            // read, so a violation gives up the connection (C never sees the row).
            DataRowLayout.check(into, bodyStart, rowLength, rowDescription.columnCount());
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

    /**
     * Sends a CancelRequest on a new socket (PQcancel). Null on success, else libpq's error
     * text. A local interrupt ends the wait for the connect ({@link QueryInterruptedException}).
     */
    public String cancel() {
        return wire.cancelTarget.send(wire.backendPid, wire.cancelKey, interrupts, wire.waits.forCancel());
    }

    /**
     * Cancels like libpq 17's PQcancelBlocking bounded by {@code deadlineNanos} (a
     * {@link System#nanoTime()}): the request is sent on a new connection to the same
     * server, and the server's closing of it awaited. Null on success, else libpq's error
     * text. A local interrupt ends the wait ({@link QueryInterruptedException}).
     *
     * @throws TimeoutException when the deadline passed before the server closed the connection
     */
    public String cancelUntil(long deadlineNanos) throws TimeoutException {
        return wire.cancelTarget.sendAndAwaitClose(wire.backendPid, wire.cancelKey, deadlineNanos, interrupts,
                wire.waits.forCancel());
    }

    /** Notifications received so far, oldest first; the list is emptied. */
    public List<Notification> takeNotifications() {
        if (!broken && !queryInProgress) {
            absorbPendingAsyncMessages();
        } else if (queryInProgress) {
            isBusy(); // PQnotifies parses what PQconsumeInput read, as PQisBusy does
        }
        List<Notification> out = List.copyOf(notifications);
        notifications.clear();
        return out;
    }

    /** Where NoticeResponses go (dblink sends remote notices to the server log). */
    public void setNoticeListener(Consumer<PgError> listener) {
        this.noticeListener = listener == null ? IGNORE_NOTICES : listener;
    }

    /** Sends Terminate and closes the socket; never throws. */
    @Override
    public void close() {
        if (!broken) {
            try {
                wire.writer.begin(Frontend.TERMINATE).send(wire.transport, System.nanoTime() + TERMINATE_SEND_MILLIS * 1_000_000);
            } catch (IOException | QueryInterruptedException ignored) {
                // the connection is going away either way
            }
        }
        broken = true;
        endQuery();
        wire.transport.close();
    }

    /**
     * Processes messages until one is an event for the caller, or no complete message
     * arrived within {@code waitMillis} (then null). Messages without events (notices,
     * parameter reports) are handled for at most a poll interval before it returns null,
     * so a server that sends them without end cannot keep the caller from seeing an
     * interrupt.
     */
    private Event step(int waitMillis) throws PgIOException {
        if (broken) {
            throw new PgIOException(WireState.SERVER_CLOSED);
        }
        if (!queryInProgress) {
            throw new IllegalStateException("no query in progress");
        }
        long budgetEnd = System.nanoTime() + Math.max(waitMillis, Interrupts.POLL_MILLIS) * 1_000_000L;
        while (true) {
            Event e;
            try {
                if (!wire.receive(waitMillis)) {
                    return null;
                }
            } catch (PgIOException x) {
                throw lost(x.getMessage(), x);
            } catch (QueryInterruptedException x) {
                throw x;
            } catch (RuntimeException | Error x) {
                throw lostSynchronization(x);
            }
            try {
                e = dispatchOrFail();
            } catch (QueryInterruptedException x) {
                throw x;
            } catch (RuntimeException | Error x) {
                throw lostSynchronization(x);
            }
            if (e != null) {
                return e;
            }
            if (System.nanoTime() - budgetEnd > 0) {
                return null;
            }
        }
    }

    /**
     * Whatever went wrong while reading, the stream's position is unknown now: the
     * connection is given up, as libpq does when it loses synchronization, rather than
     * left busy with a query nobody can finish.
     */
    private PgIOException lostSynchronization(Throwable cause) {
        return lost("lost synchronization with server: " + cause, cause);
    }

    /**
     * Handles the framed message; a message that breaks the protocol becomes an error
     * result, as libpq makes one, with libpq's text and no fields.
     */
    private Event dispatchOrFail() throws PgIOException {
        try {
            return dispatch();
        } catch (ProtocolViolation v) {
            if (v.scope() == ProtocolViolation.Scope.CONNECTION) {
                throw lost(v.getMessage(), v);
            }
            errorMessage.append(v.getMessage()).append('\n');
            error = null;
            pending = v.scope() == ProtocolViolation.Scope.RESULT ? Pending.FAILED : Pending.NONE;
            if (unsynced()) {
                sync(Flow.EXECUTE); // nothing runs
            }
            return Event.ERROR;
        }
    }

    /** Handles the framed message; returns its event, or null for messages the caller never sees. */
    private Event dispatch() throws PgIOException {
        MessageReader r = wire.reader;
        char type = r.type();
        if (inCopyOut && type != Backend.COPY_DATA && type != Backend.COPY_DONE) {
            inCopyOut = false;
        }
        if (flow == Flow.FLOAT_PROBE && probeAnswer(type)) {
            return probeStep(type);
        }
        switch (type) {
            case Backend.ROW_DESCRIPTION -> {
                if (pending == Pending.FAILED) {
                    return null; // libpq drops the rest of a failed result
                }
                RowDescription columns = readRowDescription(r);
                r.requireBodyEnd();
                if (flow == Flow.DESCRIBE_THEN_EXECUTE) {
                    return described(columns);
                }
                rowDescription = columns;
                pending = Pending.TUPLES;
                return Event.ROW_DESCRIPTION;
            }
            case Backend.DATA_ROW -> {
                wire.activity.rowReceived();
                if (pending == Pending.FAILED) {
                    return null;
                }
                if (pending != Pending.TUPLES) {
                    throw ProtocolViolation.dataWithoutDescription();
                }
                rowLength = r.bodyLength();
                if (r.streamed()) {
                    return Event.LARGE_ROW; // checked once read: readLargeRow
                }
                r.checkDataRow(rowDescription.columnCount());
                rowOffset = r.bodyStart();
                return Event.DATA_ROW;
            }
            case Backend.COMMAND_COMPLETE -> {
                String tag = r.cstring(wire.charset());
                r.requireBodyEnd();
                if (!endResult()) {
                    return null;
                }
                commandTag = tag;
                return Event.COMMAND_COMPLETE;
            }
            case Backend.EMPTY_QUERY_RESPONSE -> {
                r.requireBodyEnd();
                return endResult() ? Event.EMPTY_QUERY : null;
            }
            case Backend.ERROR_RESPONSE -> {
                PgError fields = wire.takeErrorFields();
                r.requireBodyEnd();
                if (unsynced()) {
                    sync(Flow.EXECUTE); // the server skips to it
                }
                error = fields;
                pending = Pending.NONE;
                queryFailed = true;
                if (errorTextTakenAhead) {
                    errorTextTakenAhead = false;
                } else {
                    errorMessage.append(ErrorText.format(error, currentQuery, true, wire.wideColumns()));
                }
                return Event.ERROR;
            }
            case Backend.READY_FOR_QUERY -> {
                // its trailing bytes are not checked: libpq would then wait for a
                // ReadyForQuery that already came
                pending = Pending.NONE;
                transactionStatus = switch (r.byte1()) {
                    case TransactionIndicator.IDLE -> TransactionStatus.IDLE;
                    case TransactionIndicator.IN_TRANSACTION -> TransactionStatus.INTRANS;
                    case TransactionIndicator.FAILED_TRANSACTION -> TransactionStatus.INERROR;
                    default -> TransactionStatus.UNKNOWN;
                };
                if (flow == Flow.RETRY_SIMPLE) {
                    return retrySimple();
                }
                if (transactionStatus == TransactionStatus.IDLE) {
                    transactionsEnded++;
                }
                wire.activity.queryEnded();
                endQuery();
                return Event.READY;
            }
            case Backend.COPY_IN_RESPONSE -> {
                sendCopyFail();
                return null;
            }
            case Backend.COPY_OUT_RESPONSE, Backend.COPY_BOTH_RESPONSE -> {
                inCopyOut = true;
                return null;
            }
            case Backend.COPY_DATA, Backend.COPY_DONE -> {
                return null; // COPY TO STDOUT data: nobody asked for it, so it is drained
            }
            case Backend.PARSE_COMPLETE, Backend.PARAMETER_DESCRIPTION, Backend.NO_DATA, Backend.BIND_COMPLETE -> {
                return describeStep(type);
            }
            default -> {
                handleAsync(type);
                return null;
            }
        }
    }

    /**
     * The extended protocol's answers other than a row description: only the NoData of
     * {@link #sendDescribe} is an event. Where the flow did not ask for them the server
     * broke the protocol, as it did before jdblink knew these messages.
     */
    private Event describeStep(char type) throws PgIOException {
        boolean describing = flow == Flow.DESCRIBE_ONLY || flow == Flow.DESCRIBE_THEN_EXECUTE;
        if (type == Backend.BIND_COMPLETE ? flow != Flow.EXECUTE : !describing) {
            throw ProtocolViolation.unexpectedType(type);
        }
        MessageReader r = wire.reader;
        if (type == Backend.PARAMETER_DESCRIPTION) {
            parameterCount = r.uint16(); // their types: nobody asked
            return null;
        }
        r.requireBodyEnd();
        if (type != Backend.NO_DATA) {
            return null; // ParseComplete, BindComplete
        }
        if (flow == Flow.DESCRIBE_ONLY) {
            return Event.NO_DATA;
        }
        described(null);
        return null;
    }

    /**
     * The answer to the Describe of {@link #sendQuery(QueryText, ResultFormats)}: its
     * columns ({@code columns}, null for a statement without rows) get their formats and
     * the statement runs; the ROW_DESCRIPTION event it returns (null without rows) is the
     * one a simple Query would have given. A statement with parameters, or one whose query
     * is being cancelled, is not run here: the Sync alone ends it.
     */
    private Event described(RowDescription columns) throws PgIOException {
        if (parameterCount > 0 || cancelling) {
            sync(cancelling ? Flow.EXECUTE : Flow.RETRY_SIMPLE);
            return null;
        }
        short[] formats = columns == null ? null : resultFormats.choose(columns, this);
        if (columns != null && FloatDigitsProbe.needed(columns, formats)) {
            probedColumns = columns;
            probedFormats = formats;
            probedDigits = FloatDigitsProbe.UNKNOWN;
            flow = Flow.FLOAT_PROBE;
            sendNow(FloatDigitsProbe.messages(wire.writer, wire.charset()), false);
            return null;
        }
        return run(columns, formats);
    }

    /**
     * The answers to {@link FloatDigitsProbe}'s messages (an error is any query's): the
     * setting's row is read, and once the statement is closed, the described statement
     * runs with its float columns in text unless the setting is above 0.
     */
    private Event probeStep(char type) throws PgIOException {
        MessageReader r = wire.reader;
        if (type == Backend.DATA_ROW) {
            if (!r.streamed()) {
                probedDigits = FloatDigitsProbe.digits(r); // a streamed one is skipped: unknown
            }
            return null;
        }
        if (type != Backend.CLOSE_COMPLETE) {
            return null; // ParseComplete, BindComplete, CommandComplete
        }
        r.requireBodyEnd();
        RowDescription columns = probedColumns;
        short[] formats = FloatDigitsProbe.settle(columns, probedFormats, probedDigits);
        probedColumns = null;
        probedFormats = null;
        if (cancelling) {
            sync(Flow.EXECUTE);
            return null;
        }
        return run(columns, formats);
    }

    /**
     * A statement of {@link #sendQuery(QueryText, ResultFormats)} went out with a Flush and
     * has not been run: the server awaits a Sync before it ends the statement.
     */
    private boolean unsynced() {
        return flow == Flow.DESCRIBE_THEN_EXECUTE || flow == Flow.FLOAT_PROBE;
    }

    /** Ends such a statement without running it: the Sync, then {@code next} until its ReadyForQuery. */
    private void sync(Flow next) throws PgIOException {
        flow = next;
        sendNow(wire.writer.begin(Frontend.SYNC), false);
    }

    /** The messages that answer the probe's Parse, Bind, Execute and Close. */
    private static boolean probeAnswer(char type) {
        return type == Backend.PARSE_COMPLETE || type == Backend.BIND_COMPLETE || type == Backend.DATA_ROW
                || type == Backend.COMMAND_COMPLETE || type == Backend.CLOSE_COMPLETE;
    }

    /** Runs the described statement with {@code formats}: Bind, Execute, Sync. */
    private Event run(RowDescription columns, short[] formats) throws PgIOException {
        MessageWriter bind = wire.writer.begin(Frontend.BIND).zero().zero().int16(0).int16(0);
        bind.int16(formats == null ? 0 : formats.length);
        for (int i = 0; formats != null && i < formats.length; i++) {
            bind.int16(formats[i]);
        }
        flow = Flow.EXECUTE;
        sendNow(bind.then(Frontend.EXECUTE).zero().int32(0).then(Frontend.SYNC), false);
        if (columns == null) {
            return null;
        }
        rowDescription = columns.withFormats(formats);
        pending = Pending.TUPLES;
        return Event.ROW_DESCRIPTION;
    }

    /** The describe found parameters: the text goes again, as a simple Query, in a new round. */
    private Event retrySimple() throws PgIOException {
        flow = Flow.SIMPLE;
        try {
            if (!currentQuery.sendQuery(wire.writer, wire.transport, wire.charset(), interrupts)) {
                throw cutShort(QUERY_CUT_SHORT);
            }
        } catch (IOException e) {
            // as in send(): the server's last words and the end of its stream come next
        } catch (QueryInterruptedException e) {
            throw cutShort(QUERY_CUT_SHORT);
        }
        return null;
    }

    /**
     * CommandComplete or EmptyQueryResponse: the end of a result. One that ends a failed
     * result is absorbed by it (libpq keeps the error as the result): false then, and
     * what it carries is dropped; true when it is to be stored and reported.
     */
    private boolean endResult() {
        boolean failed = pending == Pending.FAILED;
        pending = Pending.NONE;
        return !failed;
    }

    /** Messages that may arrive at any time: notices, notifications, parameter changes. */
    private void handleAsync(char type) throws PgIOException {
        switch (type) {
            case Backend.NOTICE_RESPONSE -> {
                PgError notice = wire.takeErrorFields();
                wire.reader.requireBodyEnd();
                if (noticesUnlogged >= 0) {
                    noticesUnlogged++;
                } else {
                    noticeListener.accept(notice);
                }
            }
            case Backend.NOTIFICATION_RESPONSE -> {
                int pid = wire.reader.int32();
                String channel = wire.reader.cstring(wire.charset());
                String payload = wire.reader.cstring(wire.charset());
                wire.reader.requireBodyEnd();
                notifications.add(new Notification(channel, pid, payload));
            }
            case Backend.PARAMETER_STATUS -> {
                wire.takeParameterStatus();
                wire.reader.requireBodyEnd();
            }
            case Backend.ERROR_RESPONSE -> {
                // outside a query: the server's last word before it closes the connection
                PgError fatal = wire.takeErrorFields();
                errorMessage.append(ErrorText.format(fatal, null, true, wire.wideColumns()));
            }
            default -> throw ProtocolViolation.unexpectedType(type);
        }
    }

    /**
     * Between queries: take notifications, notices and parameter reports that already
     * arrived, for at most a poll interval (a server may send them without end). A
     * malformed one is dropped, as libpq drops what it cannot use while idle.
     */
    private void absorbPendingAsyncMessages() {
        long budgetEnd = System.nanoTime() + Interrupts.POLL_MILLIS * 1_000_000L;
        try {
            while (System.nanoTime() - budgetEnd < 0 && wire.receive(0)) {
                try {
                    handleAsync(wire.reader.type());
                } catch (ProtocolViolation v) {
                    // dropped
                }
            }
        } catch (PgIOException e) {
            lost(e.getMessage(), e);
        }
    }

    /** Reads every field description as libpq does, so a short one fails as in libpq. */
    private RowDescription readRowDescription(MessageReader r) throws PgIOException {
        int n = r.uint16();
        String[] names = new String[n];
        int[] typeOids = new int[n];
        int[] typmods = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = r.cstring(wire.charset());
            r.skip(FIELD_TABLE_WORDS);
            typeOids[i] = r.int32();
            r.skip(FIELD_TYPE_SIZE_BYTES);
            typmods[i] = r.int32();
            r.skip(FIELD_FORMAT_BYTES);
        }
        return new RowDescription(names, typeOids, typmods);
    }

    private void sendCopyFail() throws PgIOException {
        sendNow(wire.writer.begin(Frontend.COPY_FAIL).cstring(COPY_ABORT_TEXT, wire.charset()), true);
    }

    /**
     * Sends a message the server's answers call for while a query is read (CopyFail; Bind,
     * Execute and Sync of a described statement). A failed write loses the connection
     * when {@code failureLoses}; else, as for the query's own first messages, it is not
     * the end: what the server said last (a FATAL before it closed) and the end of its
     * stream are read next, and reported as libpq reports them.
     */
    private void sendNow(MessageWriter message, boolean failureLoses) throws PgIOException {
        try {
            message.send(wire.transport);
        } catch (IOException e) {
            if (failureLoses) {
                throw lost("could not send data to server: " + SocketErrors.text(e), e);
            }
        } catch (QueryInterruptedException e) {
            // the caller sees the interrupt itself; here only the connection is lost
            throw cutShort(MESSAGE_CUT_SHORT);
        }
    }

    /**
     * The local statement was cancelled while this connection was not waiting (the
     * embedding server processed the interrupt itself, e.g. between two batches of rows):
     * cancels the query in progress as an interrupt during a wait does, within the same
     * budget, without throwing.
     */
    public void abandonCancelledQuery() {
        if (queryInProgress && !broken) {
            cancelWithinBudget();
        }
    }

    /** The local server wants to stop: cancel the remote query (bounded), then report the interrupt. */
    private void abandonQuery() {
        cancelWithinBudget();
        throw new QueryInterruptedException();
    }

    /**
     * Cancels the remote query and waits for its ReadyForQuery so the connection stays
     * usable, all within a fixed budget. A query not confirmed over by then (a frozen
     * remote, one that drops packets, a terminating backend, which does not wait at all)
     * has its connection closed, with the reason recorded. The steps are those of a cancel
     * of several connections' queries at once ({@link ParallelQueries#cancel}).
     */
    private void cancelWithinBudget() {
        ParallelQueries.cancel(List.of(this));
    }

    /** The pending interrupt ends the backend: see {@link Interrupts#terminating()}. */
    boolean terminating() {
        return interrupts.terminating();
    }

    /**
     * A bounded cancel's first step: the CancelRequest, sent by {@code deadlineNanos} (a
     * {@link System#nanoTime()}) and, unless the backend is {@code terminating}, the
     * server's close of its socket awaited until then. Null when sent, else libpq's text.
     * None is sent for a query that an error has already ended.
     */
    String sendCancelBy(long deadlineNanos, boolean terminating) {
        // Logging each notice of a backlog (a remote that sends them without end) would
        // not fit the budget: until endCancel they are counted, and one line says how many.
        noticesUnlogged = 0;
        cancelling = true;
        if (queryFailed) {
            return null; // nothing runs that a request could stop
        }
        return wire.cancelTarget.sendBy(wire.backendPid, wire.cancelKey, deadlineNanos, !terminating,
                wire.waits.forCancel());
    }

    /**
     * A bounded cancel's second step, as often as input comes: reads and drops what has
     * arrived of the cancelled query, without waiting, until its ReadyForQuery or
     * {@code deadlineNanos}.
     */
    void drainCancelled(long deadlineNanos) {
        try {
            while (queryInProgress && System.nanoTime() - deadlineNanos < 0 && step(0) != null) {
                // dropped
            }
        } catch (PgIOException e) {
            // the connection is already marked broken
        }
    }

    /**
     * A bounded cancel's last step, once its budget of {@code budgetMillis} is spent or the
     * query is over: a query still in progress is given up with its connection
     * ({@code cancelFailure}: why the CancelRequest failed, or null).
     */
    void endCancel(long budgetMillis, String cancelFailure) {
        reportUnloggedNotices();
        if (queryInProgress) {
            closeUnconfirmed(budgetMillis, cancelFailure);
        }
    }

    /**
     * Whether {@link #poll()} has input to work on that the socket's readiness would not
     * show: a whole message buffered (or a length word that framing refuses), bytes of a
     * streamed body, or input the transport holds (TLS).
     */
    boolean holdsUnreadInput() {
        MessageReader reader = wire.reader;
        boolean framable = wire.streamedBody.pending() ? reader.buffered() > 0 : reader.holdsMessage();
        return framable || wire.transport.holdsUnreadInput();
    }

    /** The socket under the connection, for a wait on several at once. */
    StreamSocket socket() {
        return wire.transport.socket();
    }

    /** Where the connection's waits are reported. */
    SocketWaits waits() {
        return wire.waits;
    }

    /** Ends the counting of notices that began with a drain, saying how many went unlogged. */
    private void reportUnloggedNotices() {
        int count = noticesUnlogged;
        noticesUnlogged = -1;
        if (count > 0) {
            noticeListener.accept(new PgError(Map.of('S', "NOTICE", 'V', "NOTICE", 'M', count
                    + " notice(s) that the remote server sent while its interrupted query was cancelled were not logged")));
        }
    }

    /**
     * Gives up a connection whose interrupted query may still be running remotely. No
     * Terminate message: the server is not reading, and a full send buffer must not block.
     */
    private void closeUnconfirmed(long budgetMillis, String cancelFailure) {
        closedAfterInterrupt = "the server did not confirm the cancellation of the interrupted query within "
                + budgetMillis + " ms; connection closed\n" + (cancelFailure == null ? "" : cancelFailure);
        errorMessage.append(closedAfterInterrupt);
        broken = true;
        endQuery();
        wire.transport.close();
    }

    /**
     * An interrupt stopped a message part-way (the server had stopped reading): the
     * connection is closed, and every later use says why ({@link #closedAfterInterrupt()}).
     */
    private PgIOException cutShort(String reason) {
        closedAfterInterrupt = reason + "\n";
        return lost(reason, null);
    }

    /** Marks the connection broken and records libpq's text for the loss. */
    private PgIOException lost(String text, Throwable cause) {
        broken = true;
        endQuery();
        if (!(endOfStreamSeen && text.equals(WireState.SERVER_CLOSED))) {
            errorMessage.append(text).append('\n'); // else isBusy() recorded it already
        }
        wire.transport.close();
        return cause == null ? new PgIOException(text) : new PgIOException(text, cause);
    }
}
