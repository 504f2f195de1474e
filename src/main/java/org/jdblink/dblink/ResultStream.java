package org.jdblink.dblink;

/**
 * The results of one remote query, pulled by the bridge in batches. Exactly one of
 * {@link #pump} returning false, {@link #abandon()}, or an exception thrown by pump ends
 * the stream; after that the connection is idle (or closed, for a one-shot connection).
 */
public interface ResultStream {
    /** A remote ParameterStatus value at query time (DateStyle, IntervalStyle), or null. */
    String remoteParameter(String name);

    /**
     * Feeds results to the sink until {@code sink.full()} or the end. Returns true if more
     * is to come. Throws {@link DblinkException} for a remote error when fail_on_error is
     * true (after cleaning up); with fail_on_error false the error is queued as a notice
     * and the stream ends. In both cases no further result is given; with fail_on_error
     * false the rows the sink already holds (an earlier result, or the rows of the failing
     * one that arrived before the error) are what C dblink returns, so the sink keeps them.
     * Any exception thrown by pump (including the sink's own) ends the stream cleanly:
     * the rest of the query is drained and a one-shot connection closed.
     */
    boolean pump(RowSink sink);

    /** The local side failed while consuming: finish the remote query and clean up. */
    void abandon();

    /**
     * The local statement was cancelled (statement_timeout, pg_cancel_backend) while the
     * rows were being consumed: cancel the remote query too, within the bound that holds
     * for an interrupt during a wait, and clean up. Reading the rest of a large result, as
     * {@link #abandon()} does, would hold the cancelled statement for as long as that takes.
     */
    default void abandonCancelled() {
        abandon();
    }
}
