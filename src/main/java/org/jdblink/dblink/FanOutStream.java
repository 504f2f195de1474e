package org.jdblink.dblink;

import java.util.ArrayList;
import java.util.List;
import org.jdblink.protocol.Interrupts;
import org.jdblink.protocol.ParallelQueries;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.QueryInterruptedException;

/**
 * jdblink_query_all's results: one query running on many remotes at once, whose rows are
 * streamed into one result as they arrive, from whichever remote has data (the remotes are
 * served in turn, each as far as its input goes; when none has any, the wait is on all
 * their sockets together). Memory stays bounded as for dblink_get_result: rows go from a
 * connection's receive buffer to the sink, which hands control back to C when full.
 *
 * <p>Any failure (a remote error, a lost connection, a result of the wrong shape, a local
 * error or interrupt) cancels every query still running, all within the bound of one
 * cancel ({@link ParallelQueries#cancel}), so named connections are idle and usable again
 * (or closed, when a remote did not confirm in time), and closes the connections opened
 * for the call.
 */
final class FanOutStream implements ResultStream {
    private final List<FanOutBranch> branches;
    private final FanOutSink rows;
    private final Interrupts interrupts;
    /** The branch served first in the next round. */
    private int next;
    private boolean ended;

    /** {@code branches} have their query sent. */
    FanOutStream(List<FanOutBranch> branches, FanOutSink rows, Interrupts interrupts) {
        this.branches = branches;
        this.rows = rows;
        this.interrupts = interrupts;
    }

    /** The settings of the remote whose rows the sink is told of. */
    @Override
    public String remoteParameter(String name) {
        FanOutBranch serving = rows.serving();
        return serving == null ? null : serving.pg().parameterStatus(name);
    }

    @Override
    public boolean pump(RowSink sink) {
        if (ended) {
            return false;
        }
        try {
            boolean batched = false;
            while (true) {
                Round round = serveEach(sink);
                if (round == Round.FULL) {
                    return true;
                }
                List<PgConnection> running = running();
                if (running.isEmpty()) {
                    ended = true;
                    return false;
                }
                if (interrupts.pending()) {
                    throw new QueryInterruptedException(); // the catch below cancels the remotes
                }
                if (round == Round.READ) {
                    batched = true;
                } else if (batched) {
                    return true; // C stores what arrived before the wait for more
                } else {
                    ParallelQueries.awaitInput(running, Interrupts.POLL_MILLIS);
                }
            }
        } catch (RuntimeException | Error e) {
            abandon();
            throw e;
        }
    }

    /** What a round over the branches did. */
    private enum Round { NOTHING, READ, FULL }

    /**
     * Serves each branch in turn, starting where the last round stopped, as far as its
     * input goes: FULL when the sink is (the next batch goes on with the same branch).
     */
    private Round serveEach(RowSink sink) {
        Round round = Round.NOTHING;
        for (int turn = 0; turn < branches.size(); turn++) {
            FanOutBranch branch = branches.get(next);
            rows.serve(branch, sink);
            while (branch.running()) {
                if (sink.full()) {
                    return Round.FULL;
                }
                if (!branch.readArrived(rows)) {
                    break;
                }
                round = Round.READ;
            }
            next = (next + 1) % branches.size();
        }
        return round;
    }

    /** A local error while the rows were being stored: every remote query still running is cancelled. */
    @Override
    public void abandon() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            ParallelQueries.cancel(running());
        } finally {
            for (FanOutBranch branch : branches) {
                branch.release();
            }
        }
    }

    /** The local statement was cancelled: the same, within the same bound. */
    @Override
    public void abandonCancelled() {
        abandon();
    }

    private List<PgConnection> running() {
        List<PgConnection> running = new ArrayList<>(branches.size());
        for (FanOutBranch branch : branches) {
            if (branch.running()) {
                running.add(branch.pg());
            }
        }
        return running;
    }
}
