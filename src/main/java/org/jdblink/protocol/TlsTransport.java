package org.jdblink.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a {@link SocketTransport}: an {@link SSLEngine} driven on the calling thread,
 * so the handshake and every later wait poll interrupts as the plain socket's waits do (no
 * helper thread, which the bridge forbids). The engine's delegated tasks run inline.
 */
final class TlsTransport implements Transport {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SocketTransport raw;
    private final SSLEngine engine;
    /** Bytes received and not yet unwrapped (filled from position 0 to position). */
    private ByteBuffer netIn;
    /** Plaintext unwrapped and not yet given to the caller (from 0 to position). */
    private ByteBuffer appIn;
    /** Wrapped bytes not yet sent (from position to limit). */
    private ByteBuffer netOut;
    private boolean inboundClosed;
    /** What {@link #netIn} holds is only part of a record: the socket must give more first. */
    private boolean netInPartial;

    /** {@code engine} is in client mode and has not begun its handshake. */
    TlsTransport(SocketTransport raw, SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize()).flip();
    }

    /** The TLS session (peer certificates for verify-full and channel binding). */
    SSLSession session() {
        return engine.getSession();
    }

    /** The protocol ALPN negotiated during the handshake; null or empty when none was. */
    String applicationProtocol() {
        return engine.getApplicationProtocol();
    }

    /** connect_timeout ran out during the handshake. */
    static final class HandshakeTimeout extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs the handshake, checking interrupts and the deadline ({@link System#nanoTime()},
     * 0: none) at least every poll interval.
     *
     * @throws QueryInterruptedException when an interrupt is pending
     * @throws EOFException when the server closed the connection during the handshake
     */
    void handshake(Interrupts interrupts, long deadlineNanos) throws IOException, HandshakeTimeout {
        engine.beginHandshake();
        try {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> {
                        wrap(NOTHING);
                        raw.write(netOut, deadlineNanos);
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (netIn.position() > 0) {
                            SSLEngineResult r = unwrap();
                            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                                throw new SSLHandshakeException("Remote host terminated the handshake");
                            }
                            if (progressed(r)) {
                                continue;
                            }
                        }
                        if (interrupts.pending()) {
                            throw new QueryInterruptedException();
                        }
                        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
                            throw new HandshakeTimeout();
                        }
                        if (readNet(Interrupts.POLL_MILLIS) < 0) {
                            throw new EOFException("EOF detected");
                        }
                    }
                    default -> {
                        raw.write(netOut, deadlineNanos);
                        return;
                    }
                }
            }
        } catch (WriteTimeout e) {
            throw new HandshakeTimeout();
        }
    }

    @Override
    public int read(byte[] into, int offset, int length, int waitMillis) throws IOException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (appIn.position() == 0) {
            if (inboundClosed) {
                return -1;
            }
            if (netIn.position() > 0) {
                SSLEngineResult r = unwrap();
                answerPeer();
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    inboundClosed = true;
                    continue;
                }
                if (progressed(r)) {
                    continue; // plaintext, or a record without any (a session ticket)
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            int n = readNet((int) Math.max(0, left));
            if (n < 0) {
                return -1; // the server went away without close_notify, as PostgreSQL does on exit
            }
            if (n == 0) {
                return 0;
            }
        }
        appIn.flip();
        int n = Math.min(length, appIn.remaining());
        appIn.get(into, offset, n);
        appIn.compact();
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length, long deadlineNanos) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(data, offset, length);
        do {
            raw.write(netOut, deadlineNanos); // what an earlier call or a post-handshake answer left
            SSLEngineResult r = wrap(src);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("SSL connection has been closed");
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && src.hasRemaining()) {
                throw new SSLException("TLS renegotiation is not supported");
            }
        } while (src.hasRemaining());
        raw.write(netOut, deadlineNanos);
    }

    /** A close_notify already read counts as the server's close, as does the end of the socket's stream. */
    @Override
    public boolean closedByPeer() throws IOException {
        return inboundClosed || raw.closedByPeer();
    }

    @Override
    public StreamSocket socket() {
        return raw.socket();
    }

    /** Plaintext not yet given out, or received records not yet decrypted. */
    @Override
    public boolean holdsUnreadInput() {
        return appIn.position() > 0 || netIn.position() > 0 && !netInPartial;
    }

    /** Sends close_notify if the socket takes it at once, then closes; never waits. */
    @Override
    public void close() {
        try {
            engine.closeOutbound();
            if (!netOut.hasRemaining()) {
                wrap(NOTHING);
                raw.writeNow(netOut);
            }
        } catch (IOException | RuntimeException ignored) {
            // a goodbye that cannot be said at once is not said
        }
        raw.close();
    }

    /** Reads from the socket into {@link #netIn}: {@link SocketTransport#read}'s count. */
    private int readNet(int waitMillis) throws IOException {
        int n = raw.read(netIn, waitMillis);
        if (n > 0) {
            netInPartial = false;
        }
        return n;
    }

    /** Wraps {@code src} into the (drained) outgoing buffer, left ready to send. */
    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        netOut.clear();
        try {
            while (true) {
                SSLEngineResult r = engine.wrap(src, netOut);
                if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    return r;
                }
                netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
            }
        } finally {
            netOut.flip();
        }
    }

    /** Unwraps what {@link #netIn} holds into {@link #appIn}, growing either as the engine asks. */
    private SSLEngineResult unwrap() throws SSLException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    netInPartial = true;
                    if (!netIn.hasRemaining() || netIn.capacity() < engine.getSession().getPacketBufferSize()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    return r;
                }
                default -> {
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    return r;
                }
            }
        }
    }

    /**
     * After the handshake the server may need an answer (a TLS 1.3 key update): it is
     * wrapped and sent as far as the socket takes it now; a write sends the rest first.
     */
    private void answerPeer() throws IOException {
        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP && !netOut.hasRemaining()
                && !engine.isOutboundDone()) {
            wrap(NOTHING);
            raw.writeNow(netOut);
        }
    }

    /** Whether an unwrap used or made bytes; if not (a partial record), more must be read. */
    private static boolean progressed(SSLEngineResult r) {
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
    }

    private void runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    /** A copy of {@code b}'s filled part (0 to position) in a buffer of at least {@code atLeast}. */
    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
