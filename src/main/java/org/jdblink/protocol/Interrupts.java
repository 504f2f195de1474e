package org.jdblink.protocol;

/**
 * Asks the embedding server whether the current operation must stop (statement_timeout,
 * pg_cancel_backend, Ctrl-C, pg_terminate_backend). Every blocking wait in the protocol
 * layer polls this at least every {@link #POLL_MILLIS} milliseconds.
 */
public interface Interrupts {
    int POLL_MILLIS = 50;

    /** A cancel or a termination is pending. */
    boolean pending();

    /**
     * The pending interrupt ends the whole backend (pg_terminate_backend, shutdown): the
     * connection dies with it, so a remote query is only sent its CancelRequest, without
     * waiting for the acknowledgement that keeps a connection usable after a cancel.
     */
    default boolean terminating() {
        return false;
    }

    /** Never any (an anonymous class, not a lambda: see docs/jvm.md, "No lambdas on the first call's path"). */
    Interrupts NONE = new Interrupts() {
        @Override
        public boolean pending() {
            return false;
        }
    };
}
