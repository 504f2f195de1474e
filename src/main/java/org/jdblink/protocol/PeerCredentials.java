package org.jdblink.protocol;

import java.io.IOException;

/**
 * requirepeer: on a Unix-domain socket the server process must run as this OS user (the
 * kernel's peer credentials, SO_PEERCRED). libpq ignores it for TCP, and so does the caller.
 */
final class PeerCredentials {
    private PeerCredentials() {}

    /** libpq's message when the peer is not {@code requirepeer}, else null (also when it is unset). */
    static String mismatch(StreamSocket unixSocket, String requirepeer) {
        if (requirepeer == null || requirepeer.isEmpty()) {
            return null;
        }
        String actual;
        try {
            actual = unixSocket.peerUser();
        } catch (UnsupportedOperationException e) {
            return "requirepeer parameter is not supported on this platform";
        } catch (IOException e) {
            return "could not get peer credentials: " + SocketErrors.text(e);
        }
        if (!actual.equals(requirepeer)) {
            return "requirepeer specifies \"" + requirepeer + "\", but actual peer user name is \"" + actual + "\"";
        }
        return null;
    }
}
