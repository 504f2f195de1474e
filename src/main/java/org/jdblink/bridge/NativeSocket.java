package org.jdblink.bridge;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.jdblink.protocol.StreamSocket;

/**
 * A {@link StreamSocket} on the system calls themselves (socket, connect, recv, send,
 * poll, in bridge/sockets.c), on a descriptor held here as an int: what a backend uses.
 * The JDK's channels would do the same work, but their first use in a JVM costs some 15 ms
 * of class initialisation (a selector provider looked up as a service, a SecureRandom for
 * Unix-domain sockets, lambdas), a fair part of a session's first dblink call.
 *
 * <p>The natives touch no PostgreSQL state (they return a negative errno instead of
 * throwing), except {@code strerror0} and {@code userName0}, which convert text as the
 * server does and run on the main thread like every native. poll() returns early when a
 * signal arrives, so a cancel is noticed at once when it interrupts this thread.
 */
final class NativeSocket implements StreamSocket {
    static final Opener OPENER = new Opener() {
        @Override
        public StreamSocket open(SocketAddress address) throws IOException {
            return new NativeSocket(address);
        }

        /** One poll() on all their descriptors. */
        @Override
        public boolean awaitAnyReadable(StreamSocket[] sockets, int millis) throws IOException {
            int[] fds = new int[sockets.length];
            for (int i = 0; i < sockets.length; i++) {
                fds[i] = ((NativeSocket) sockets[i]).fd;
            }
            return checked(awaitAnyReadable0(fds, Math.max(1, millis))) == 1;
        }
    };

    // The socket's family and the readiness asked of poll, as the natives know them
    // (javac -h gives C these constants).
    static final int FAMILY_UNIX = 0;
    static final int FAMILY_INET = 1;
    static final int FAMILY_INET6 = 2;
    static final int AWAIT_READ = StreamSocket.READ;
    static final int AWAIT_WRITE = StreamSocket.WRITE;
    static final int AWAIT_CONNECT = StreamSocket.CONNECT;
    /** What read0 returns at the end of the stream; failures are -errno. */
    static final int END_OF_STREAM = Integer.MIN_VALUE;

    private final SocketAddress address;
    private int fd;

    private NativeSocket(SocketAddress address) throws IOException {
        this.address = address;
        int family = address instanceof UnixDomainSocketAddress ? FAMILY_UNIX
                : ((InetSocketAddress) address).getAddress() instanceof Inet6Address ? FAMILY_INET6 : FAMILY_INET;
        this.fd = checked(open0(family));
    }

    @Override
    public boolean connect() throws IOException {
        int connected;
        if (address instanceof UnixDomainSocketAddress unix) {
            connected = connectUnix0(fd, BackendText.encode(unix.getPath().toString()));
        } else {
            InetSocketAddress inet = (InetSocketAddress) address;
            int scope = inet.getAddress() instanceof Inet6Address v6 ? v6.getScopeId() : 0;
            connected = connectInet0(fd, inet.getAddress().getAddress(), inet.getPort(), scope);
        }
        return checked(connected) == 1;
    }

    @Override
    public boolean finishConnect() throws IOException {
        return checked(finishConnect0(fd)) == 1;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        int n = read0(fd, into, offset, length);
        return n == END_OF_STREAM ? -1 : checked(n);
    }

    @Override
    public int write(byte[] data, int offset, int length) throws IOException {
        return checked(write0(fd, data, offset, length));
    }

    @Override
    public boolean await(int what, int millis) throws IOException {
        return checked(await0(fd, what, Math.max(1, millis))) == 1;
    }

    /** A socket already closed here has no peer any more: true. */
    @Override
    public boolean closedByPeer() throws IOException {
        return fd < 0 || checked(closedByPeer0(fd)) == 1;
    }

    @Override
    public void tuneForTcp() throws IOException {
        checked(tuneForTcp0(fd));
    }

    @Override
    public String peerUser() throws IOException {
        long uid = peerUid0(fd);
        if (uid < 0) {
            throw failure((int) -uid);
        }
        byte[] name = userName0(uid);
        return name == null ? Long.toString(uid) : BackendText.decode(name);
    }

    @Override
    public void close() {
        if (fd >= 0) {
            close0(fd);
            fd = -1;
        }
    }

    /** {@code result} unless it is -errno, which becomes an IOException with strerror's text. */
    private static int checked(int result) throws IOException {
        if (result < 0) {
            throw failure(-result);
        }
        return result;
    }

    private static IOException failure(int errno) {
        return new IOException(BackendText.decode(strerror0(errno)));
    }

    private static native int open0(int family);

    /** 1 when connected, 0 while the connect goes on, else -errno. */
    private static native int connectUnix0(int fd, byte[] path);

    /** As connectUnix0; {@code address} has 4 or 16 bytes. */
    private static native int connectInet0(int fd, byte[] address, int port, int scopeId);

    /** 1 once connected, 0 while the connect goes on, else its -errno. */
    private static native int finishConnect0(int fd);

    private static native int read0(int fd, byte[] into, int offset, int length);

    private static native int write0(int fd, byte[] data, int offset, int length);

    /** 1 when ready, 0 after {@code millis} or a signal, else -errno. */
    private static native int await0(int fd, int what, int millis);

    /** 1 when the peer has closed its end or the connection broke, 0 when not (at once), else -errno. */
    private static native int closedByPeer0(int fd);

    /** As await0 for reading, on all of {@code fds} at once: 1 when one is ready. */
    private static native int awaitAnyReadable0(int[] fds, int millis);

    private static native int tuneForTcp0(int fd);

    /** The peer's user id, else -errno. */
    private static native long peerUid0(int fd);

    private static native void close0(int fd);

    /** strerror's text for {@code errno}, in UTF-8 as the bridge passes text. */
    private static native byte[] strerror0(int errno);

    /** The name of the user {@code uid} in the password database, or null. */
    private static native byte[] userName0(long uid);
}
