package org.jdblink.bridge;

import java.nio.ByteBuffer;
import org.jdblink.dblink.ResultStream;

/**
 * One dblink() call in progress, driven by C: each {@link #pump()} fills a batch of
 * records, {@link #abandon()} ends the query early after a local error. Once the stream
 * has ended (normally, by an exception, or abandoned) pumping yields only the END record
 * and abandoning does nothing; remote parameters stay readable, since C converts the
 * rows of the last batch after the stream has ended.
 */
final class QueryPump {
    private final DirectBufferSink sink = new DirectBufferSink();
    private final ResultStream stream;
    private boolean ended;

    QueryPump(ResultStream stream) {
        this.stream = stream;
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

    /** UTF-8 value of a remote ParameterStatus setting, or null. */
    byte[] remoteParameter(byte[] name) {
        return Utf8.encode(stream.remoteParameter(Utf8.decode(name)));
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
