package org.jdblink.protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/** A listener on loopback and a {@link Sockets} socket connected to it (test helper). */
final class LoopbackSockets {
    private LoopbackSockets() {}

    /** A listener on a free loopback port. */
    static ServerSocketChannel listener() throws Exception {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** A socket of {@link Sockets} connected to {@code listener}, which has yet to accept it. */
    static StreamSocket connected(ServerSocketChannel listener) throws Exception {
        StreamSocket socket = Sockets.open(listener.getLocalAddress());
        if (!socket.connect()) {
            while (!socket.finishConnect()) {
                socket.await(StreamSocket.CONNECT, Interrupts.POLL_MILLIS);
            }
        }
        return socket;
    }
}
