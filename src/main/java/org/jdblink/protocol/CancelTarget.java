package org.jdblink.protocol;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import org.jdblink.protocol.ProtocolConstants.Untyped;

/**
 * Where a CancelRequest goes: the very address the connection was made to (PQcancel opens
 * a fresh, never encrypted, socket there). The socket is non-blocking and every wait on
 * it is bounded: a remote whose listen queue is full (a host that drops packets) never
 * completes the connect, and a frozen one never closes the socket. The waits are reported
 * to the {@link SocketWaits} given for the request ({@link SocketWaits#forCancel()}).
 */
record CancelTarget(SocketAddress address) {
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
    String send(int pid, int secret, Interrupts interrupts, SocketWaits waits) {
        return send(pid, secret, NO_DEADLINE, true, interrupts, waits);
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
    String sendBy(int pid, int secret, long deadlineNanos, boolean awaitClose, SocketWaits waits) {
        return send(pid, secret, deadlineNanos, awaitClose, Interrupts.NONE, waits);
    }

    private String send(int pid, int secret, long connectDeadline, boolean awaitClose, Interrupts interrupts,
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
            ByteBuffer request = ByteBuffer.allocate(16).putInt(16).putInt(Untyped.CANCEL_REQUEST_CODE).putInt(pid).putInt(secret).flip();
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
