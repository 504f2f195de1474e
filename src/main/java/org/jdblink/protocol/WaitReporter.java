package org.jdblink.protocol;

/**
 * Told when the calling thread starts and stops blocking on the network, and what for, so
 * that the embedding server can show the wait (PostgreSQL: the wait event of
 * pg_stat_activity). Every {@link #waitStarted} is followed by one {@link #waitEnded},
 * however the wait ends (data, timeout, interrupt, exception), before anything else runs;
 * waits do not nest. Neither method may throw.
 */
public interface WaitReporter {
    /** What a wait on the network is for. */
    enum Purpose {
        /** Connecting: the socket's connect, TLS handshake, authentication, up to the first ReadyForQuery. */
        CONNECT,
        /** A connected connection: a query's results (and sending it, when the server does not read). */
        RESULT,
        /** A CancelRequest on a socket of its own: connecting, sending, waiting for the server's close. */
        CANCEL
    }

    void waitStarted(Purpose purpose);

    void waitEnded();

    WaitReporter NONE = new WaitReporter() {
        @Override public void waitStarted(Purpose purpose) { }

        @Override public void waitEnded() { }
    };
}
