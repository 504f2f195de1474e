package org.jdblink.protocol;

import java.util.Random;

/**
 * A server's side of a conversation given as bytes in memory (test helper): reads hand
 * them out in chunks of random size, so messages arrive split anywhere, then the end of
 * the stream; what the client writes is dropped.
 */
final class MemoryTransport implements Transport {
    private final byte[] data;
    private final Random chunks;
    private int at;

    MemoryTransport(byte[] data, Random chunks) {
        this.data = data;
        this.chunks = chunks;
    }

    @Override
    public int read(byte[] into, int offset, int length, int waitMillis) {
        if (at == data.length) {
            return -1;
        }
        if (length == 0) {
            // a reader that asks for nothing while input is pending would never progress
            throw new AssertionError("read of 0 bytes with " + (data.length - at) + " bytes pending");
        }
        int chunk = chunks.nextBoolean() ? data.length - at : 1 + chunks.nextInt(64);
        int n = Math.min(Math.min(length, chunk), data.length - at);
        System.arraycopy(data, at, into, offset, n);
        at += n;
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length, long deadlineNanos) {
        // the conversation is fixed: what the client answers changes nothing
    }

    /** The server closes once all its bytes were read. */
    @Override
    public boolean closedByPeer() {
        return at == data.length;
    }

    @Override
    public StreamSocket socket() {
        throw new UnsupportedOperationException("bytes in memory have no socket");
    }

    @Override
    public void close() {}
}
