package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A Unix-domain or TCP socket: a non-blocking {@link SocketChannel} waited on with a
 * {@link Selector} on the calling thread, so every wait, for data or for room in the send
 * buffer, lasts at most a poll interval before interrupts are checked again, and is
 * reported through the connection's {@link SocketWaits}. TLS runs on top of it
 * ({@link TlsTransport}).
 */
final class ChannelTransport implements Transport {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final Interrupts interrupts;
    private final SocketWaits waits;
    /** A view of the caller's receive buffer, re-made only when that buffer is replaced. */
    private ByteBuffer view;

    ChannelTransport(SocketChannel connected, Interrupts interrupts, SocketWaits waits) throws IOException {
        this.channel = connected;
        this.interrupts = interrupts;
        this.waits = waits;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
    }

    @Override
    public int read(byte[] into, int offset, int length, int waitMillis) throws IOException {
        if (view == null || view.array() != into) {
            view = ByteBuffer.wrap(into);
        }
        view.limit(offset + length).position(offset);
        return read(view, waitMillis);
    }

    /** {@link Transport#read} into a buffer: bytes read, 0 when none came in time, -1 at end of stream. */
    int read(ByteBuffer into, int waitMillis) throws IOException {
        int n = channel.read(into);
        if (n == 0 && waitMillis > 0) {
            if (await(SelectionKey.OP_READ, waitMillis)) {
                n = channel.read(into);
            }
        }
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length, long deadlineNanos) throws IOException {
        write(ByteBuffer.wrap(data, offset, length), deadlineNanos);
    }

    /**
     * Writes all of {@code src}. Whenever the server takes less than all (its receive window
     * and our send buffer are full: it stopped reading, or reads slowly), interrupts are
     * checked, then the deadline, then it waits a poll interval for room.
     *
     * @throws QueryInterruptedException when an interrupt is pending (part may be written)
     * @throws WriteTimeout when {@code deadlineNanos} (0: none) passed (part may be written)
     */
    void write(ByteBuffer src, long deadlineNanos) throws IOException {
        while (true) {
            channel.write(src);
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
            await(SelectionKey.OP_WRITE, (int) Math.max(1, Math.min(Interrupts.POLL_MILLIS, left)));
        }
    }

    /** Writes what the socket takes at once, without waiting (a best-effort goodbye). */
    void writeNow(ByteBuffer src) throws IOException {
        channel.write(src);
    }

    private boolean await(int op, int waitMillis) throws IOException {
        key.interestOps(op);
        try {
            return waits.select(selector, waitMillis);
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to report on close
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to report on close
        }
    }
}
