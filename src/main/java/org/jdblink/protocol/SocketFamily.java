package org.jdblink.protocol;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * The kind of socket an address needs (Unix-domain, or TCP over IPv4 or IPv6), chosen in
 * one place for the connection and for the CancelRequest sent to the same address.
 */
final class SocketFamily {
    private SocketFamily() {}

    /** A new, unconnected channel of the family of {@code address}. */
    static SocketChannel open(SocketAddress address) throws IOException {
        return SocketChannel.open(of(address));
    }

    private static ProtocolFamily of(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        return ((InetSocketAddress) address).getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }
}
