package org.jdblink.bridge;

import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;
import org.jdblink.dblink.ResultStream;

/**
 * One dblink() call in progress, driven by C: each {@link #pump()} fills a batch of
 * records; {@link #close()} says C is done, normally or because a local error propagates
 * (then the remote query is ended early). Once the stream has ended (normally, by an
 * exception, or abandoned) pumping yields only the END record and closing does not reach
 * the stream.
 */
final class QueryPump {
    private final ResultStream stream;
    private final DirectBufferSink sink;
    private boolean ended;

    QueryPump(ResultStream stream) {
        this.stream = stream;
        // an anonymous class, not a method reference: see docs/jvm.md, "No lambdas on the first call's path"
        this.sink = new DirectBufferSink(new UnaryOperator<String>() {
            @Override
            public String apply(String name) {
                return stream.remoteParameter(name);
            }
        });
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
     * C is done with this call: if a local error cut it short, finishes the remote query
     * (its own failures are dropped, since the local error is the one to report), by a
     * bounded cancel when that error is a cancel ({@code cancelled}: statement_timeout,
     * pg_cancel_backend), else by reading its results to the end; in any case gives the
     * batch buffer back for the next call.
     */
    void close(boolean cancelled) {
        try {
            if (!ended) {
                ended = true;
                if (cancelled) {
                    stream.abandonCancelled();
                } else {
                    stream.abandon();
                }
            }
        } catch (RuntimeException ignored) {
            // the connection layer has already closed or reset what it could
        } finally {
            sink.release();
        }
    }
}
