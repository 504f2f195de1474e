package org.jdblink.protocol;

import java.net.SocketAddress;
import org.jdblink.conninfo.HostTarget;

/**
 * A {@link TargetPolicy} refused an address; nothing was sent to it. The message names the
 * target the way libpq names a server in its errors.
 */
public final class TargetNotAllowedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TargetNotAllowedException(HostTarget target, SocketAddress address) {
        super(ServerDescription.of(target, address));
    }
}
