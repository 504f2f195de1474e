package org.jdblink.bridge;

import java.nio.ByteBuffer;
import org.jdblink.dblink.ResultStream;

/**
 * One dblink() call in progress, driven by C: each {@link #pump()} fills a batch of
 * records, {@link #abandon()} ends the query early after a local error. Once the stream
 * has ended (normally, by an exception, or abandoned) pumping yields only the END record
 * and abandoning does nothing.
 */
final class QueryPump {
    private final ResultStream stream;
    private final DirectBufferSink sink;
    private boolean ended;

    QueryPump(ResultStream stream) {
        this.stream = stream;
        this.sink = new DirectBufferSink(stream::remoteParameter);
    }

    /** The next batch (see {@link DirectBufferSink}); the last one ends with an END record. */
    ByteBuffer pump() {
        sink.reset();
        boolean more = false;
        try {
            more = !ended && stream.pump(sink);
        } finally {
            ended = !more;
        }
        return sink.finish(ended);
    }

    /**
     * Called while a local error propagates: finishes the remote query. Its own failures
     * are dropped, since the local error is the one to report.
     */
    void abandon() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            stream.abandon();
        } catch (RuntimeException ignored) {
            // the connection layer has already closed or reset what it could
        }
    }
}
