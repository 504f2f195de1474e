package org.jdblink.protocol;

/**
 * Asks the embedding server whether the current operation must stop (statement_timeout,
 * pg_cancel_backend, Ctrl-C, pg_terminate_backend). Every blocking wait in the protocol
 * layer polls this at least every {@link #POLL_MILLIS} milliseconds.
 */
public interface Interrupts {
    int POLL_MILLIS = 50;

    boolean pending();

    Interrupts NONE = () -> false;
}
