package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** A Unix-domain socket: a non-blocking {@link SocketChannel} waited on with a {@link Selector}. */
final class ChannelTransport implements Transport {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    /** A view of the caller's receive buffer, re-made only when that buffer is replaced. */
    private ByteBuffer view;

    ChannelTransport(SocketChannel connected) throws IOException {
        this.channel = connected;
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
        int n = channel.read(view);
        if (n == 0 && waitMillis > 0) {
            if (await(SelectionKey.OP_READ, waitMillis)) {
                n = channel.read(view);
            }
        }
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(data, offset, length);
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                await(SelectionKey.OP_WRITE, Interrupts.POLL_MILLIS);
            }
        }
    }

    private boolean await(int op, int waitMillis) throws IOException {
        key.interestOps(op);
        try {
            return selector.select(waitMillis) > 0;
        } finally {
            selector.selectedKeys().clear();
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
