package org.jdblink.protocol;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeoutException;
import org.jdblink.protocol.ProtocolConstants.Untyped;

/**
 * Where a CancelRequest goes: the very address the connection was made to (PQcancel opens
 * a fresh, never encrypted, socket there; so does jdblink for libpq 17's cancel connection,
 * which would encrypt it like the connection itself: the server takes it either way). The
 * socket is non-blocking and every wait on it is bounded: a remote whose listen queue is
 * full (a host that drops packets) never completes the connect, and a frozen one never
 * closes the socket. The waits are reported to the
 * {@link SocketWaits} given for the request ({@link SocketWaits#forCancel()}).
 *
 * @param address the address the connection was made to
 * @param server  how libpq names that server in "connection to … failed:" texts
 */
record CancelTarget(SocketAddress address, String server) {
    /** PQcancel waits for the server to close the socket; dblink_cancel_query bounds that wait. */
    private static final long CLOSE_WAIT_NANOS = 2_000_000_000L;
    /** strerror(ETIMEDOUT), what a connect that outlives its deadline reports. */
    private static final String TIMED_OUT = "Connection timed out";
    /** The connect of dblink_cancel_query has no deadline of its own. */
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * PQcancel for dblink_cancel_query: the connect lasts as long as the kernel keeps
     * trying (as libpq's), but an interrupt of the local statement ends it
     * ({@link QueryInterruptedException}); the server's close is awaited up to 2 s.
     *
     * @return null on success, else libpq's PQcancel error text
     */
    String send(int pid, byte[] cancelKey, Interrupts interrupts, SocketWaits waits) {
        return send(pid, cancelKey, NO_DEADLINE, true, interrupts, waits);
    }

    /**
     * PQcancel while an interrupt is already pending: the connect and the send end by
     * {@code deadlineNanos} (a {@link System#nanoTime()}), and so does the wait for the
     * server's close, if {@code awaitClose} (it tells that the request was taken before the
     * connection's next query; a terminating backend has no next query).
     *
     * @return null when the request was sent, else libpq's PQcancel error text (a connect
     *         cut short by the deadline fails with "Connection timed out")
     */
    String sendBy(int pid, byte[] cancelKey, long deadlineNanos, boolean awaitClose, SocketWaits waits) {
        return send(pid, cancelKey, deadlineNanos, awaitClose, Interrupts.NONE, waits);
    }

    private String send(int pid, byte[] cancelKey, long connectDeadline, boolean awaitClose, Interrupts interrupts,
            SocketWaits waits) {
        String step = "socket()";
        try (SocketChannel ch = SocketFamily.open(address); Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, 0);
            step = "connect()";
            if (!ch.connect(address)) {
                key.interestOps(SelectionKey.OP_CONNECT);
                while (!ch.finishConnect()) {
                    if (interrupts.pending()) {
                        throw new QueryInterruptedException();
                    }
                    if (!await(waits, selector, connectDeadline)) {
                        return failure(step, TIMED_OUT);
                    }
                }
            }
            step = "send()";
            long closeWait = System.nanoTime() + CLOSE_WAIT_NANOS;
            long deadline = connectDeadline == NO_DEADLINE || connectDeadline - closeWait > 0 ? closeWait : connectDeadline;
            ByteBuffer request = request(pid, cancelKey);
            key.interestOps(SelectionKey.OP_WRITE);
            while (request.hasRemaining()) {
                if (ch.write(request) == 0 && !await(waits, selector, deadline)) {
                    return failure(step, TIMED_OUT);
                }
            }
            if (awaitClose) {
                awaitClose(ch, key, waits, selector, deadline, interrupts);
            }
            return null;
        } catch (IOException e) {
            return failure(step, SocketErrors.text(e));
        }
    }

    /**
     * libpq 17's cancel connection as dblink 17 drives it (PQcancelCreate, PQcancelStart,
     * then PQcancelPoll until {@code deadlineNanos}, a {@link System#nanoTime()}): connect,
     * send the request, wait for the server to close the socket, which says it took the
     * request. A local interrupt ends any of these waits ({@link QueryInterruptedException}).
     *
     * @return null once the server closed the socket, else libpq's PQcancelErrorMessage,
     *         the failure of a connection attempt ("connection to … failed: …")
     * @throws TimeoutException when the deadline came first
     */
    String sendAndAwaitClose(int pid, byte[] cancelKey, long deadlineNanos, Interrupts interrupts, SocketWaits waits)
            throws TimeoutException {
        String attempt = "connection to " + server + " failed: ";
        try (SocketChannel ch = SocketFamily.open(address); Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, 0);
            try {
                if (!ch.connect(address)) {
                    key.interestOps(SelectionKey.OP_CONNECT);
                    while (!ch.finishConnect()) {
                        awaitOrThrow(waits, selector, deadlineNanos, interrupts);
                    }
                }
            } catch (IOException e) {
                return attempt + SocketErrors.text(e) + "\n" + SocketErrors.notListeningHint(address);
            }
            ByteBuffer request = request(pid, cancelKey);
            key.interestOps(SelectionKey.OP_WRITE);
            try {
                while (request.hasRemaining()) {
                    if (ch.write(request) == 0) {
                        awaitOrThrow(waits, selector, deadlineNanos, interrupts);
                    }
                }
            } catch (IOException e) {
                return attempt + "could not send cancel packet: " + SocketErrors.text(e) + "\n";
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteBuffer answer = ByteBuffer.allocate(1);
            try {
                int read;
                while ((read = ch.read(answer)) == 0) {
                    awaitOrThrow(waits, selector, deadlineNanos, interrupts);
                }
                return read < 0 ? null : attempt + "unexpected response from server\n";
            } catch (IOException e) {
                return attempt + "could not receive data from server: " + SocketErrors.text(e) + "\n";
            }
        } catch (IOException e) {
            return attempt + "could not create socket: " + SocketErrors.text(e) + "\n";
        }
    }

    /** One wait of {@link #sendAndAwaitClose}: an interrupt or the deadline ends it with an exception. */
    private static void awaitOrThrow(SocketWaits waits, Selector selector, long deadline, Interrupts interrupts)
            throws IOException, TimeoutException {
        if (interrupts.pending()) {
            throw new QueryInterruptedException();
        }
        if (!await(waits, selector, deadline)) {
            throw new TimeoutException();
        }
    }

    /** The CancelRequest packet: length, code, the backend's pid and cancel key (4 bytes before protocol 3.2). */
    private static ByteBuffer request(int pid, byte[] cancelKey) {
        int length = 12 + cancelKey.length;
        return ByteBuffer.allocate(length).putInt(length).putInt(Untyped.CANCEL_REQUEST_CODE).putInt(pid).put(cancelKey).flip();
    }

    private static String failure(String step, String reason) {
        return "PQcancel() -- " + step + " failed: " + reason + "\n";
    }

    /** The server closes the socket once it has passed the request on; we stop waiting at the deadline. */
    private static void awaitClose(SocketChannel ch, SelectionKey key, SocketWaits waits, Selector selector, long deadline,
            Interrupts interrupts) throws IOException {
        key.interestOps(SelectionKey.OP_READ);
        ByteBuffer sink = ByteBuffer.allocate(64);
        do {
            sink.clear();
            if (ch.read(sink) < 0) {
                return;
            }
        } while (!interrupts.pending() && await(waits, selector, deadline));
    }

    /** Waits at most one poll interval, never past the deadline; false once the deadline has passed. */
    private static boolean await(SocketWaits waits, Selector selector, long deadline) throws IOException {
        long waitMillis = Interrupts.POLL_MILLIS;
        if (deadline != NO_DEADLINE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waitMillis = Math.max(1, Math.min(waitMillis, left / 1_000_000));
        }
        waits.select(selector, waitMillis);
        return true;
    }
}
