package org.jdblink.dblink;

import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.Notification;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;

/**
 * dblink_send_query, dblink_is_busy, dblink_get_result, dblink_cancel_query and
 * dblink_get_notify. All but dblink_get_notify() work on named connections only, as
 * dblink's do. Many connections may have queries in flight at once: each is its own
 * socket, read only when a call asks for its results.
 */
public final class AsyncQueries {
    /** libpq's PQcancel text when there is no cancel object (the connection is gone). */
    private static final String NO_CANCEL_OBJECT = "PQcancel() -- no cancel object supplied";
    /** libpq 17's PQcancelCreate text for a connection without a socket. */
    private static final String NOT_OPEN = "connection not open";
    /** How long dblink 17 gives a cancel request, and its text when that runs out. */
    private static final long CANCEL_DEADLINE_NANOS = 30_000_000_000L;
    private static final String CANCEL_TIMED_OUT = "cancel request timed out";
    /** dblink_get_notify's columns: notify_name, be_pid, extra. */
    private static final int NOTIFICATION_COLUMNS = 3;

    private final boolean cancelWithDeadline;

    private final Function<String, RemoteConnection> registered;
    private final Supplier<RemoteConnection> unnamed;
    private final Charset encoding;
    private final Consumer<ServerMessage> notices;

    /**
     * @param host       the local server's release (how dblink_cancel_query cancels)
     * @param registered a named connection; throws "connection … not available" when there is none
     * @param unnamed    the unnamed connection, or null
     * @param encoding   the local database's encoding
     * @param notices    where NOTICEs go
     */
    AsyncQueries(HostVersion host, Function<String, RemoteConnection> registered, Supplier<RemoteConnection> unnamed,
            Charset encoding, Consumer<ServerMessage> notices) {
        this.cancelWithDeadline = DblinkChange.CANCEL_WITH_DEADLINE.in(host);
        this.registered = registered;
        this.unnamed = unnamed;
        this.encoding = encoding;
        this.notices = notices;
    }

    /**
     * dblink_send_query: 1, or 0 after a NOTICE with libpq's reason (e.g. a query in progress).
     * A large {@code sql} must be in memory that outlives the call: the connection releases
     * it when the query ends, or it is released here when it is not sent.
     */
    public int sendQuery(String connname, QueryText sql) {
        boolean sent = false;
        try {
            registered.apply(connname).send(sql);
            sent = true;
            return 1;
        } catch (PgIOException e) {
            notices.accept(new ServerMessage(SqlStates.SUCCESSFUL_COMPLETION, "could not send query: " + e.getMessage(),
                    null, null, null));
            return 0;
        } finally {
            if (!sent) {
                sql.release();
            }
        }
    }

    /** dblink_is_busy: 1 while the next result has not arrived; never waits. */
    public int isBusy(String connname) {
        RemoteConnection conn = registered.apply(connname);
        conn.consumeInput();
        return conn.pg().isBusy() ? 1 : 0;
    }

    /** dblink_get_result: the next result, or an empty set when there is none. */
    public ResultStream getResult(String connname, boolean failOnError) {
        RemoteConnection conn = registered.apply(connname);
        conn.refuseIfClosedAfterInterrupt();
        return new AsyncResultStream(conn, connname, failOnError, notices);
    }

    /**
     * dblink_cancel_query: "OK" once the request was delivered, else why not. Up to 16 that
     * is PQcancel's error text as it is; from 17 on libpq's text without its final newline
     * or, when the server has not taken the request within 30 s, "cancel request timed out"
     * (the wait ends early on a local interrupt).
     */
    public String cancelQuery(String connname) {
        PgConnection pg = registered.apply(connname).pg();
        String failure;
        if (!cancelWithDeadline) {
            failure = pg.isBroken() ? NO_CANCEL_OBJECT : pg.cancel();
        } else if (pg.isBroken()) {
            failure = NOT_OPEN;
        } else {
            try {
                failure = Texts.chomp(pg.cancelUntil(System.nanoTime() + CANCEL_DEADLINE_NANOS));
            } catch (TimeoutException e) {
                failure = CANCEL_TIMED_OUT;
            }
        }
        return failure == null ? "OK" : failure;
    }

    /**
     * dblink_get_notify: notifications received on the named connection, or on the
     * unnamed one when {@code connname} is null (none at all without an unnamed connection).
     */
    public ResultStream notifications(String connname) {
        RemoteConnection conn = connname == null ? unnamed.get() : registered.apply(connname);
        if (conn == null) {
            return new LocalRows(NOTIFICATION_COLUMNS, List.of(), encoding);
        }
        // dblink: PQconsumeInput, then per notification PQnotifies and PQconsumeInput again
        conn.consumeInput();
        List<Notification> received = conn.pg().takeNotifications();
        received.forEach(n -> conn.consumeInput());
        List<String[]> rows = received.stream()
                .map(n -> new String[] {n.channel(), Integer.toString(n.pid()), n.payload()}).toList();
        return new LocalRows(NOTIFICATION_COLUMNS, rows, encoding);
    }
}
