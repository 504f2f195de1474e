package org.jdblink.bridge;

import java.nio.ByteBuffer;

/**
 * {@link ValueMemory} in the memory context of the dblink call being materialized (natives
 * in bridge/results.c): an error or abort anywhere frees it with the call.
 * Outside such a call nothing can be allocated.
 */
final class CallValueMemory implements ValueMemory {
    static final CallValueMemory INSTANCE = new CallValueMemory();

    private CallValueMemory() {}

    @Override public long allocate(int size) {
        return allocate0(size);
    }

    @Override public ByteBuffer buffer(long address, int size) {
        return buffer0(address, size);
    }

    @Override public void free(long address) {
        free0(address);
    }

    private static native long allocate0(int size);

    private static native ByteBuffer buffer0(long address, int size);

    private static native void free0(long address);
}
