package org.jdblink.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Where a CancelRequest goes: the very address the connection was made to (PQcancel opens
 * a fresh, never encrypted, socket there).
 */
record CancelTarget(SocketAddress address) {
    private static final int CANCEL_REQUEST_CODE = 80877102;
    /** PQcancel waits for the server to close the socket; we bound that wait. */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    /** Sends the request; null on success, else libpq's PQcancel error text. */
    String send(int pid, int secret) {
        String step = "socket()";
        try (SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open(((InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
            step = "connect()";
            ch.connect(address);
            step = "send()";
            ByteBuffer request = ByteBuffer.allocate(16).putInt(16).putInt(CANCEL_REQUEST_CODE).putInt(pid).putInt(secret).flip();
            while (request.hasRemaining()) {
                ch.write(request);
            }
            awaitClose(ch);
            return null;
        } catch (IOException e) {
            return "PQcancel() -- " + step + " failed: " + SocketErrors.text(e) + "\n";
        }
    }

    private static void awaitClose(SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            ch.register(selector, SelectionKey.OP_READ);
            ByteBuffer sink = ByteBuffer.allocate(64);
            long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000;
            while (System.nanoTime() < deadline) {
                selector.select(Interrupts.POLL_MILLIS);
                selector.selectedKeys().clear();
                sink.clear();
                if (ch.read(sink) < 0) {
                    return;
                }
            }
        }
    }
}
