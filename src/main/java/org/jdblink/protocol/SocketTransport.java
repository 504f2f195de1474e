package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The plain byte stream over a connected {@link StreamSocket}: every wait, for data or for
 * room in the send buffer, lasts at most a poll interval before interrupts are checked
 * again, and is reported through the connection's {@link SocketWaits}. TLS runs on top of
 * it ({@link TlsTransport}). The bytes it moves are counted in the connection's
 * {@link ConnectionActivity}.
 */
final class SocketTransport implements Transport {
    private final StreamSocket socket;
    private final Interrupts interrupts;
    private final SocketWaits waits;
    private final ConnectionActivity activity;

    SocketTransport(StreamSocket connected, Interrupts interrupts, SocketWaits waits, ConnectionActivity activity) {
        this.socket = connected;
        this.interrupts = interrupts;
        this.waits = waits;
        this.activity = activity;
    }

    @Override
    public int read(byte[] into, int offset, int length, int waitMillis) throws IOException {
        int n = socket.read(into, offset, length);
        if (n == 0 && waitMillis > 0 && waits.await(socket, StreamSocket.READ, waitMillis)) {
            n = socket.read(into, offset, length);
        }
        if (n > 0) {
            activity.received(n);
        }
        return n;
    }

    /** {@link Transport#read} into the remaining space of a heap buffer, whose position it advances. */
    int read(ByteBuffer into, int waitMillis) throws IOException {
        int n = read(into.array(), into.arrayOffset() + into.position(), into.remaining(), waitMillis);
        if (n > 0) {
            into.position(into.position() + n);
        }
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length, long deadlineNanos) throws IOException {
        write(ByteBuffer.wrap(data, offset, length), deadlineNanos);
    }

    /**
     * Writes all that remains of a heap buffer, advancing its position by what the socket
     * took, also when the write ends early. Whenever the server takes less than all (its
     * receive window and our send buffer are full: it stopped reading, or reads slowly),
     * interrupts are checked, then the deadline, then it waits a poll interval for room.
     *
     * @throws QueryInterruptedException when an interrupt is pending (part may be written)
     * @throws WriteTimeout when {@code deadlineNanos} (0: none) passed (part may be written)
     */
    void write(ByteBuffer src, long deadlineNanos) throws IOException {
        while (true) {
            writeNow(src);
            if (!src.hasRemaining()) {
                return;
            }
            if (interrupts.pending()) {
                throw new QueryInterruptedException();
            }
            long now = System.nanoTime();
            if (deadlineNanos != 0 && now - deadlineNanos >= 0) {
                throw new WriteTimeout();
            }
            long left = deadlineNanos == 0 ? Interrupts.POLL_MILLIS : (deadlineNanos - now) / 1_000_000;
            waits.await(socket, StreamSocket.WRITE, (int) Math.max(1, Math.min(Interrupts.POLL_MILLIS, left)));
        }
    }

    /** Writes what the socket takes at once from a heap buffer, without waiting (a best-effort goodbye). */
    void writeNow(ByteBuffer src) throws IOException {
        int n = socket.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        src.position(src.position() + n);
        activity.sent(n);
    }

    @Override
    public boolean closedByPeer() throws IOException {
        return socket.closedByPeer();
    }

    @Override
    public StreamSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        socket.close();
    }
}
