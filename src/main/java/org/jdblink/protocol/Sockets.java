package org.jdblink.protocol;

import java.io.IOException;
import java.net.SocketAddress;

/** Which kind of {@link StreamSocket} connections and CancelRequests open. */
public final class Sockets {
    /** The JDK's channels, unless the bridge put its own in their place ({@link #use}). */
    private static StreamSocket.Opener opener = ChannelSocket.OPENER;

    private Sockets() {}

    /**
     * Sockets are opened by {@code sockets} from now on. Inside a backend the bridge gives
     * its own (system calls in C): the JDK's channels cost a session's first call some
     * 15 ms of class initialisation (selector provider lookup, a SecureRandom for
     * Unix-domain sockets, lambdas).
     */
    public static void use(StreamSocket.Opener sockets) {
        opener = sockets;
    }

    static StreamSocket open(SocketAddress address) throws IOException {
        return opener.open(address);
    }

    /** {@link StreamSocket.Opener#awaitAnyReadable} of the sockets in use. */
    static boolean awaitAnyReadable(StreamSocket[] sockets, int millis) throws IOException {
        return opener.awaitAnyReadable(sockets, millis);
    }
}
