package org.jdblink.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries in progress on several connections at once, driven by the one thread that may
 * block (jdblink_query_all's fan-out): a wait for whichever connection has input first,
 * and the cancellation of them all within the bound that holds for one interrupted query.
 * An interrupted query's own cancel runs here too, as a group of one; so no lambdas here
 * (docs/jvm.md, "The first call's path").
 */
public final class ParallelQueries {
    private ParallelQueries() {}

    /**
     * Waits until one of {@code conns}, each with a query in progress, has input for
     * {@link PgConnection#poll()}: at once when one holds some already (buffered, or
     * decrypted by TLS), else on all their sockets together (one poll()) for at most
     * {@code millis} (positive), less when a signal comes. The wait is reported as the
     * first connection's wait for results. True when one has input; also when the wait
     * itself failed, since reading then says why.
     */
    public static boolean awaitInput(List<PgConnection> conns, int millis) {
        if (conns.isEmpty()) {
            return false;
        }
        StreamSocket[] sockets = new StreamSocket[conns.size()];
        for (int i = 0; i < sockets.length; i++) {
            PgConnection conn = conns.get(i);
            if (conn.holdsUnreadInput()) {
                return true;
            }
            sockets[i] = conn.socket();
        }
        try {
            return conns.get(0).waits().awaitAnyReadable(sockets, millis);
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Cancels the query in progress on each of {@code conns} as an interrupt cancels one,
     * all within the budget of one ({@link PgConnection#CANCEL_BUDGET_MILLIS}, or
     * {@link PgConnection#TERMINATE_BUDGET_MILLIS} when the backend is terminating, which
     * only sends the requests): a CancelRequest to each in turn, each allowed an equal share
     * of the budget left, so that a remote that never answers cannot keep the others from
     * theirs; then all are read to their ReadyForQuery together. A connection whose query
     * is not confirmed over when the budget is spent is closed, with the reason recorded
     * ({@link PgConnection#closedAfterInterrupt()}). Connections without a query in
     * progress are left alone. Never throws.
     */
    public static void cancel(List<PgConnection> conns) {
        List<PgConnection> running = new ArrayList<>(conns.size());
        for (PgConnection conn : conns) {
            if (conn.queryInProgress()) {
                running.add(conn);
            }
        }
        if (running.isEmpty()) {
            return;
        }
        boolean terminating = running.get(0).terminating();
        long budget = terminating ? PgConnection.TERMINATE_BUDGET_MILLIS : PgConnection.CANCEL_BUDGET_MILLIS;
        long deadline = System.nanoTime() + budget * 1_000_000;
        String[] failures = new String[running.size()];
        for (int i = 0; i < failures.length; i++) {
            long share = Math.max(0, (deadline - System.nanoTime()) / (failures.length - i));
            failures[i] = running.get(i).sendCancelBy(System.nanoTime() + share, terminating);
        }
        if (!terminating) {
            drain(running, deadline);
        }
        for (int i = 0; i < failures.length; i++) {
            running.get(i).endCancel(budget, failures[i]);
        }
    }

    /** Reads the cancelled queries to their ends, all together, until the deadline or a termination. */
    private static void drain(List<PgConnection> running, long deadline) {
        List<PgConnection> left = new ArrayList<>(running);
        long remaining;
        while (!left.isEmpty() && !left.get(0).terminating() && (remaining = deadline - System.nanoTime()) > 0) {
            awaitInput(left, (int) Math.max(1, Math.min(Interrupts.POLL_MILLIS, remaining / 1_000_000)));
            for (int i = left.size() - 1; i >= 0; i--) {
                PgConnection conn = left.get(i);
                conn.drainCancelled(deadline);
                if (!conn.queryInProgress()) {
                    left.remove(i);
                }
            }
        }
    }
}
