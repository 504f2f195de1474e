package org.jdblink.protocol;

import java.io.IOException;
import java.nio.channels.Selector;
import org.jdblink.protocol.WaitReporter.Purpose;

/**
 * Where the protocol layer blocks: one {@link Selector#select(long)} at a time, each
 * reported to the {@link WaitReporter} for exactly as long as it lasts, with what the
 * connection waits for now (connecting until it is ready for queries, results from then
 * on; a CancelRequest's socket has waits of its own, {@link #forCancel()}).
 */
final class SocketWaits {
    private final WaitReporter reporter;
    private Purpose purpose;

    SocketWaits(WaitReporter reporter, Purpose purpose) {
        this.reporter = reporter;
        this.purpose = purpose;
    }

    /** The connection is ready for queries: its waits are for results from now on. */
    void connected() {
        purpose = Purpose.RESULT;
    }

    /** The waits of a CancelRequest for this connection's query, reported to the same place. */
    SocketWaits forCancel() {
        return new SocketWaits(reporter, Purpose.CANCEL);
    }

    /**
     * Blocks in {@code selector.select(millis)} (a positive timeout) and clears what it
     * selected; true when a channel became ready.
     */
    boolean select(Selector selector, long millis) throws IOException {
        reporter.waitStarted(purpose);
        try {
            return selector.select(millis) > 0;
        } finally {
            reporter.waitEnded();
            selector.selectedKeys().clear();
        }
    }
}
