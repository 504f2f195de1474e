package org.jdblink.protocol;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;

/**
 * A {@link StreamSocket} on the JDK's channels: a non-blocking {@link SocketChannel}
 * waited on with a {@link Selector} of its own. Used outside a backend (the tests and
 * their fake servers).
 *
 * <p>The JDK offers neither POLLRDHUP nor a peek, so {@link #closedByPeer()} reads what
 * has arrived to see whether the end of the stream follows it, and keeps those bytes for
 * the reads to come ({@link #readAhead}).
 */
final class ChannelSocket implements StreamSocket {
    static final Opener OPENER = new Opener() {
        @Override
        public StreamSocket open(SocketAddress address) throws IOException {
            return new ChannelSocket(address);
        }

        /** A selector of the call's own: each channel stays registered with its socket's too. */
        @Override
        public boolean awaitAnyReadable(StreamSocket[] sockets, int millis) throws IOException {
            try (Selector any = Selector.open()) {
                for (StreamSocket socket : sockets) {
                    ((ChannelSocket) socket).channel.register(any, SelectionKey.OP_READ);
                }
                return any.select(Math.max(1, millis)) > 0;
            }
        }
    };

    /** The most {@link #closedByPeer()} holds of what arrived. */
    static final int READ_AHEAD_LIMIT = 64 * 1024;

    private final SocketAddress address;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    /** A view of the caller's buffer, re-made only when another array comes. */
    private ByteBuffer view;
    /** Bytes {@link #closedByPeer()} read and the reads have not yet taken (0 to position); null when none were. */
    private ByteBuffer readAhead;
    /** {@link #closedByPeer()} met the end of the stream after {@link #readAhead}. */
    private boolean endAhead;

    private ChannelSocket(SocketAddress address) throws IOException {
        this.address = address;
        this.channel = SocketChannel.open(family(address));
        try {
            channel.configureBlocking(false);
            this.selector = Selector.open();
            this.key = channel.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static ProtocolFamily family(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        return ((InetSocketAddress) address).getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    @Override
    public boolean connect() throws IOException {
        return channel.connect(address);
    }

    @Override
    public boolean finishConnect() throws IOException {
        return channel.finishConnect();
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (readAhead != null && readAhead.position() > 0) {
            readAhead.flip();
            int n = Math.min(length, readAhead.remaining());
            readAhead.get(into, offset, n);
            readAhead.compact();
            return n;
        }
        return endAhead ? -1 : channel.read(view(into, offset, length));
    }

    @Override
    public int write(byte[] data, int offset, int length) throws IOException {
        return channel.write(view(data, offset, length));
    }

    private ByteBuffer view(byte[] array, int offset, int length) {
        if (view == null || view.array() != array) {
            view = ByteBuffer.wrap(array);
        }
        view.limit(offset + length).position(offset);
        return view;
    }

    @Override
    public boolean await(int what, int millis) throws IOException {
        if (what == READ && (endAhead || (readAhead != null && readAhead.position() > 0))) {
            return true;
        }
        key.interestOps(what == READ ? SelectionKey.OP_READ : what == WRITE ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
        try {
            return selector.select(Math.max(1, millis)) > 0;
        } finally {
            selector.selectedKeys().clear();
            key.interestOps(0);
        }
    }

    /**
     * Reads what has arrived, at most {@link #READ_AHEAD_LIMIT} bytes held in all, and
     * true when the end of the stream (or a failure: a reset) came after it. A peer that
     * sent more than the limit is not found closed until the reads have taken some.
     */
    @Override
    public boolean closedByPeer() throws IOException {
        if (endAhead) {
            return true;
        }
        if (readAhead == null) {
            readAhead = ByteBuffer.allocate(READ_AHEAD_LIMIT);
        }
        int n;
        try {
            do {
                if (!readAhead.hasRemaining()) {
                    return false;
                }
                n = channel.read(readAhead);
            } while (n > 0);
        } catch (IOException broken) {
            return true; // the reads to come meet the failure themselves
        }
        endAhead = n < 0;
        return endAhead;
    }

    @Override
    public void tuneForTcp() throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    @Override
    public String peerUser() throws IOException {
        return channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
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
