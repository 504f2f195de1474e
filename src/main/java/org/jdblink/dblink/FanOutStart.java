package org.jdblink.dblink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdblink.protocol.ParallelQueries;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;

/**
 * The start of a jdblink_query_all call. Every element of the array gives its connection
 * as dblink()'s first argument does (an open named connection, else a foreign server's or
 * the text's own connection string, connected for this call, under the same rules on
 * passwords), in order; no connection may come twice, and a named one must have no query
 * of dblink_send_query in progress. Then the query is sent on each, without waiting for
 * any result. A failure on the way closes the connections opened so far and cancels the
 * queries sent so far.
 */
final class FanOutStart {
    private final List<FanOutBranch> branches = new ArrayList<>();
    /** How many of the branches, from the first, have their query sent. */
    private int sent;

    private FanOutStart() {}

    /**
     * The branches of a call over {@code elements}, each with {@code sql} sent;
     * {@code borrow} is dblink_get_conn.
     */
    static List<FanOutBranch> open(List<String> elements, Function<String, BorrowedConnection> borrow, QueryText sql) {
        refuseDuplicateTexts(elements);
        FanOutStart start = new FanOutStart();
        boolean started = false;
        try {
            start.connect(elements, borrow);
            start.send(sql);
            started = true;
            return start.branches;
        } finally {
            if (!started) {
                start.abandon();
            }
        }
    }

    /** The same text twice is the same connection, or two whose rows could not be told apart. */
    private static void refuseDuplicateTexts(List<String> elements) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            Integer first = seen.putIfAbsent(elements.get(i), i);
            if (first != null) {
                throw FanOutErrors.duplicate(first, i);
            }
        }
    }

    private void connect(List<String> elements, Function<String, BorrowedConnection> borrow) {
        Map<RemoteConnection, Integer> named = new IdentityHashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            BorrowedConnection target;
            try {
                target = borrow.apply(elements.get(i));
            } catch (DblinkException e) {
                throw FanOutErrors.within(e, FanOutErrors.OPENING + " " + FanOutErrors.connection(i, null));
            }
            FanOutBranch branch = new FanOutBranch(i, target);
            branches.add(branch);
            if (!target.oneShot()) {
                checkFree(branch, named);
            }
        }
    }

    /** A named connection given once (two names may be one connection), idle, and usable. */
    private static void checkFree(FanOutBranch branch, Map<RemoteConnection, Integer> named) {
        Integer first = named.putIfAbsent(branch.conn(), branch.element());
        if (first != null) {
            throw FanOutErrors.duplicate(first, branch.element());
        }
        String context = branch.context(FanOutErrors.EXECUTING);
        if (branch.pg().queryInProgress()) {
            throw FanOutErrors.busy(context);
        }
        try {
            branch.conn().refuseIfClosedAfterInterrupt();
        } catch (DblinkException e) {
            throw FanOutErrors.within(e, context);
        }
    }

    /** dblink()'s PQsendQuery on each; a connection that refuses fails the call as dblink() fails. */
    private void send(QueryText sql) {
        for (FanOutBranch branch : branches) {
            try {
                branch.conn().send(sql);
            } catch (PgIOException e) {
                throw FanOutErrors.within(DblinkErrors.couldNotSendQuery(e.getMessage()),
                        branch.context(FanOutErrors.EXECUTING));
            }
            sent++;
        }
    }

    /** The queries sent so far are cancelled, the connections opened so far closed. */
    private void abandon() {
        List<PgConnection> ours = new ArrayList<>(sent);
        for (FanOutBranch branch : branches.subList(0, sent)) {
            ours.add(branch.pg());
        }
        try {
            ParallelQueries.cancel(ours);
        } finally {
            for (FanOutBranch branch : branches) {
                branch.release();
            }
        }
    }
}
