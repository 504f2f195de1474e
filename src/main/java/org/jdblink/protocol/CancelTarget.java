package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.SocketAddress;
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
        try (StreamSocket socket = Sockets.open(address)) {
            step = "connect()";
            if (!socket.connect()) {
                while (!socket.finishConnect()) {
                    if (interrupts.pending()) {
                        throw new QueryInterruptedException();
                    }
                    if (!await(waits, socket, StreamSocket.CONNECT, connectDeadline)) {
                        return failure(step, TIMED_OUT);
                    }
                }
            }
            step = "send()";
            long closeWait = System.nanoTime() + CLOSE_WAIT_NANOS;
            long deadline = connectDeadline == NO_DEADLINE || connectDeadline - closeWait > 0 ? closeWait : connectDeadline;
            byte[] request = request(pid, cancelKey);
            for (int sent = 0; sent < request.length; ) {
                int n = socket.write(request, sent, request.length - sent);
                sent += n;
                if (n == 0 && !await(waits, socket, StreamSocket.WRITE, deadline)) {
                    return failure(step, TIMED_OUT);
                }
            }
            if (awaitClose) {
                awaitClose(socket, waits, deadline, interrupts);
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
        try (StreamSocket socket = Sockets.open(address)) {
            try {
                if (!socket.connect()) {
                    while (!socket.finishConnect()) {
                        awaitOrThrow(waits, socket, StreamSocket.CONNECT, deadlineNanos, interrupts);
                    }
                }
            } catch (IOException e) {
                return attempt + SocketErrors.text(e) + "\n" + SocketErrors.notListeningHint(address);
            }
            byte[] request = request(pid, cancelKey);
            try {
                for (int sent = 0; sent < request.length; ) {
                    int n = socket.write(request, sent, request.length - sent);
                    sent += n;
                    if (n == 0) {
                        awaitOrThrow(waits, socket, StreamSocket.WRITE, deadlineNanos, interrupts);
                    }
                }
            } catch (IOException e) {
                return attempt + "could not send cancel packet: " + SocketErrors.text(e) + "\n";
            }
            byte[] answer = new byte[1];
            try {
                int read;
                while ((read = socket.read(answer, 0, 1)) == 0) {
                    awaitOrThrow(waits, socket, StreamSocket.READ, deadlineNanos, interrupts);
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
    private static void awaitOrThrow(SocketWaits waits, StreamSocket socket, int what, long deadline,
            Interrupts interrupts) throws IOException, TimeoutException {
        if (interrupts.pending()) {
            throw new QueryInterruptedException();
        }
        if (!await(waits, socket, what, deadline)) {
            throw new TimeoutException();
        }
    }

    /** The CancelRequest packet: length, code, the backend's pid and cancel key (4 bytes before protocol 3.2). */
    private static byte[] request(int pid, byte[] cancelKey) {
        int length = 12 + cancelKey.length;
        return ByteBuffer.allocate(length).putInt(length).putInt(Untyped.CANCEL_REQUEST_CODE).putInt(pid).put(cancelKey).array();
    }

    private static String failure(String step, String reason) {
        return "PQcancel() -- " + step + " failed: " + reason + "\n";
    }

    /** The server closes the socket once it has passed the request on; we stop waiting at the deadline. */
    private static void awaitClose(StreamSocket socket, SocketWaits waits, long deadline, Interrupts interrupts)
            throws IOException {
        byte[] sink = new byte[64];
        do {
            if (socket.read(sink, 0, sink.length) < 0) {
                return;
            }
        } while (!interrupts.pending() && await(waits, socket, StreamSocket.READ, deadline));
    }

    /** Waits at most one poll interval, never past the deadline; false once the deadline has passed. */
    private static boolean await(SocketWaits waits, StreamSocket socket, int what, long deadline) throws IOException {
        long waitMillis = Interrupts.POLL_MILLIS;
        if (deadline != NO_DEADLINE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waitMillis = Math.max(1, Math.min(waitMillis, left / 1_000_000));
        }
        waits.await(socket, what, (int) waitMillis);
        return true;
    }
}
