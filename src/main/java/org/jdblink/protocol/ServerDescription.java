package org.jdblink.protocol;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.conninfo.NumericAddress;

/**
 * How libpq names the server of one address in its messages: a failed attempt's
 * "connection to … failed:" and a refusal by a {@link TargetPolicy} use the same words.
 */
final class ServerDescription {
    private ServerDescription() {}

    /**
     * {@code server on socket "…"}, or {@code server at "host" (address), port n}; the
     * numeric address is added only when it is not what the message shows already.
     */
    static String of(HostTarget target, SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return "server on socket \"" + unix.getPath() + "\"";
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        String shown = target.shownName();
        String numeric = NumericAddress.text(inet.getAddress());
        String where = !target.byAddress() && !shown.equals(numeric) ? "\"" + shown + "\" (" + numeric + ")" : "\"" + shown + "\"";
        return "server at " + where + ", port " + inet.getPort();
    }
}
