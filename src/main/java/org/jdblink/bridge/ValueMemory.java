package org.jdblink.bridge;

import java.nio.ByteBuffer;

/**
 * Memory outside the Java heap for a row too large for a batch, owned by the C side of the
 * call in progress: C builds the tuple straight from it and frees it (see results.c).
 */
interface ValueMemory {
    /** The address of {@code size} free bytes, or 0 when they cannot be had. */
    long allocate(int size);

    /** A buffer over the {@code size} bytes at {@code address}, to be filled from Java. */
    ByteBuffer buffer(long address, int size);

    /** Gives back memory that will not reach C in a record. */
    void free(long address);
}
