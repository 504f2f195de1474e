package org.jdblink.protocol;

import java.net.SocketAddress;
import org.jdblink.conninfo.HostTarget;

/**
 * Decides, before anything is sent, whether a connection attempt may go to an address:
 * the resolved TCP address of a target, or its Unix socket path. Called once per address
 * in libpq's order; a refusal ends the whole connection attempt.
 */
@FunctionalInterface
public interface TargetPolicy {
    /** Throws {@link TargetNotAllowedException} when {@code address} of {@code target} is not allowed. */
    void check(HostTarget target, SocketAddress address);

    /** No restriction (an anonymous class, not a lambda: see docs/jvm.md, "No lambdas on the first call's path"). */
    TargetPolicy ANY = new TargetPolicy() {
        @Override
        public void check(HostTarget target, SocketAddress address) {
            // every address is allowed
        }
    };
}
