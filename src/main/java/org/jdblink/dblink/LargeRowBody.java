package org.jdblink.dblink;

import java.nio.ByteBuffer;
import org.jdblink.protocol.PgIOException;

/** The body of a row too large for a batch, still in the stream (see {@link RowSink#largeRow}). */
@FunctionalInterface
public interface LargeRowBody {
    /** Copies the whole DataRow body into {@code into}, which has room for it. */
    void readInto(ByteBuffer into) throws PgIOException;
}
