package org.jdblink.protocol;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.conninfo.NumericAddress;

/**
 * A {@link TargetPolicy} refused an address; nothing was sent to it. The message names the
 * target the way libpq names a server in its errors.
 */
public final class TargetNotAllowedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TargetNotAllowedException(HostTarget target, SocketAddress address) {
        super(describe(target, address));
    }

    /** {@code server on socket "…"} or {@code server at "host" (address), port n}. */
    static String describe(HostTarget target, SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return "server on socket \"" + unix.getPath() + "\"";
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        boolean byAddress = target.hostaddr() != null && !target.hostaddr().isEmpty();
        String shown = byAddress ? target.hostaddr() : target.host();
        String numeric = NumericAddress.text(inet.getAddress());
        String where = !byAddress && !shown.equals(numeric) ? "\"" + shown + "\" (" + numeric + ")" : "\"" + shown + "\"";
        return "server at " + where + ", port " + inet.getPort();
    }
}
