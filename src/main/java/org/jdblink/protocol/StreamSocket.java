package org.jdblink.protocol;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A non-blocking stream socket, Unix-domain or TCP, made for one address: what a
 * connection and a CancelRequest need of a socket. Nothing blocks but {@link #await},
 * and that for at most the time it is given, so every caller polls interrupts between
 * waits. Two kinds exist: the JDK's channels ({@link ChannelSocket}), and inside a
 * backend the C bridge's own system calls (org.jdblink.bridge.NativeSocket), which spare
 * the first call of a session the JDK's selector and Unix-domain set-up (docs/jvm.md).
 * {@link Sockets} says which one is used.
 */
public interface StreamSocket extends AutoCloseable {
    /** {@link #await}: data to read, or the end of the stream. */
    int READ = 1;
    /** {@link #await}: room in the send buffer. */
    int WRITE = 2;
    /** {@link #await}: a connect begun by {@link #connect()} has ended, well or not. */
    int CONNECT = 3;

    /** Opens sockets of one kind, and waits on several of them at once. */
    interface Opener {
        /** A new, unconnected socket of the family of {@code address}, to be connected to it. */
        StreamSocket open(SocketAddress address) throws IOException;

        /**
         * Waits until one of {@code sockets} (all opened by this opener) has data to read, or
         * the end of its stream, or an error pending, at most {@code millis} (positive)
         * milliseconds, and less when a signal arrives: true when one became ready.
         */
        boolean awaitAnyReadable(StreamSocket[] sockets, int millis) throws IOException;
    }

    /** Starts connecting: true when connected at once, false while it goes on ({@link #finishConnect()}). */
    boolean connect() throws IOException;

    /**
     * True once the connect has completed; false while it goes on.
     *
     * @throws IOException the connect's failure, as strerror names it
     */
    boolean finishConnect() throws IOException;

    /** Bytes read into {@code into}: 0 when none are there, -1 at the end of the stream. */
    int read(byte[] into, int offset, int length) throws IOException;

    /** Bytes of {@code data} the socket took at once (0 when its send buffer is full). */
    int write(byte[] data, int offset, int length) throws IOException;

    /**
     * Waits until the socket is ready for {@code what} ({@link #READ}, {@link #WRITE},
     * {@link #CONNECT}) or an error is pending on it, at most {@code millis} (positive)
     * milliseconds, and less when a signal arrives: true when it became ready.
     */
    boolean await(int what, int millis) throws IOException;

    /**
     * Whether the peer has closed its end of the connection (or the connection broke),
     * found without waiting and without taking anything from the reads to come: as
     * PostgreSQL 18's postgres_fdw checks a cached connection (poll for POLLRDHUP), so
     * bytes the peer sent before it closed, still unread, do not hide the close.
     */
    boolean closedByPeer() throws IOException;

    /** TCP only: no Nagle delay (the protocol's messages are small) and keepalives on, as libpq sets them. */
    void tuneForTcp() throws IOException;

    /**
     * Unix-domain only: the name of the OS user the peer process runs as (SO_PEERCRED), or
     * its user id in decimal when that has no name.
     *
     * @throws UnsupportedOperationException where the platform cannot tell
     */
    String peerUser() throws IOException;

    /** Closes the socket; never throws and never waits. */
    @Override
    void close();
}
