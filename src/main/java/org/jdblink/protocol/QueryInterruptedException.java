package org.jdblink.protocol;

/**
 * A wait was abandoned because {@link Interrupts#pending()} became true. By the time this
 * is thrown the remote query (if any) has been sent a CancelRequest and its results
 * drained, so the connection is idle and usable again; if that was impossible within a
 * short bound the connection has been closed ({@link PgConnection#isBroken()}).
 * The embedding server raises its own error (e.g. "canceling statement due to statement
 * timeout") once control is back in C.
 */
public final class QueryInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryInterruptedException() {
        super("interrupted by the local server");
    }
}
