package org.jdblink.bridge;

import java.nio.ByteBuffer;
import org.jdblink.dblink.ResultStream;

/**
 * One dblink() call in progress, driven by C: each {@link #pump()} fills a batch of
 * records, {@link #abandon()} ends the query early after a local error. Once the stream
 * has ended (normally, by an exception, or abandoned) every further call is a no-op.
 */
final class QueryPump {
    private final DirectBufferSink sink = new DirectBufferSink();
    private ResultStream stream;

    QueryPump(ResultStream stream) {
        this.stream = stream;
    }

    /** The next batch (see {@link DirectBufferSink}); it ends with an END record. */
    ByteBuffer pump() {
        sink.reset();
        boolean more = false;
        try {
            more = stream != null && stream.pump(sink);
        } finally {
            if (!more) {
                stream = null;
            }
        }
        return sink.finish(!more);
    }

    /** UTF-8 value of a remote ParameterStatus setting, or null. */
    byte[] remoteParameter(byte[] name) {
        return stream == null ? null : Utf8.encode(stream.remoteParameter(Utf8.decode(name)));
    }

    /**
     * Called while a local error propagates: finishes the remote query. Its own failures
     * are dropped, since the local error is the one to report.
     */
    void abandon() {
        ResultStream abandoned = stream;
        stream = null;
        if (abandoned != null) {
            try {
                abandoned.abandon();
            } catch (RuntimeException ignored) {
                // the connection layer has already closed or reset what it could
            }
        }
    }
}
