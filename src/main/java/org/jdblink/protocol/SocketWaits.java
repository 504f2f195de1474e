package org.jdblink.protocol;

import java.io.IOException;
import org.jdblink.protocol.WaitReporter.Purpose;

/**
 * Where the protocol layer blocks: one {@link StreamSocket#await} at a time, each
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
     * Blocks in {@code socket.await(what, millis)} (a positive timeout); true when the
     * socket became ready.
     */
    boolean await(StreamSocket socket, int what, int millis) throws IOException {
        reporter.waitStarted(purpose);
        try {
            return socket.await(what, millis);
        } finally {
            reporter.waitEnded();
        }
    }

    /**
     * Blocks until one of {@code sockets} has input ({@link Sockets#awaitAnyReadable}), at
     * most {@code millis} (positive), reported as one wait of this connection's; true when
     * one became ready.
     */
    boolean awaitAnyReadable(StreamSocket[] sockets, int millis) throws IOException {
        reporter.waitStarted(purpose);
        try {
            return Sockets.awaitAnyReadable(sockets, millis);
        } finally {
            reporter.waitEnded();
        }
    }
}
