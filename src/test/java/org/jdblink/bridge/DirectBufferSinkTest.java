package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jdblink.dblink.DblinkException;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.RowDescription;
import org.junit.jupiter.api.Test;

class DirectBufferSinkTest {
    private final DirectBufferSink sink =
            new DirectBufferSink(name -> name.equals("DateStyle") ? "German, DMY" : null);

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesRecordsAfterAByteCountHeaderInNativeOrder() {
        sink.reset();
        sink.beginResult(new RowDescription(new String[] {"a", "b"}, new int[] {23, 1700}, new int[] {-1, 655366})
                .withFormats(new short[] {0, 1}));
        byte[] body = {9, 0, 2, 0, 0, 0, 1, 'x', -1, -1, -1, -1, 9};
        sink.row(body, 1, body.length - 2);
        sink.commandStatus("INSERT 0 1");
        ByteBuffer batch = sink.finish(true);

        assertTrue(batch.isDirect());
        assertEquals(ByteOrder.nativeOrder(), batch.order());
        ByteBuffer in = batch.duplicate().order(ByteOrder.nativeOrder());
        in.position(0);
        int count = in.getInt();
        assertEquals(batch.position() - 4, count);
        assertEquals('B', in.get());
        assertEquals(2, in.getInt());
        assertEquals("German, DMY", string(in));
        assertNull(string(in), "IntervalStyle unknown");
        assertEquals(23, in.getInt(), "type of column 1");
        assertEquals(1700, in.getInt(), "type of column 2");
        assertEquals(0, in.get(), "column 1 in text");
        assertEquals(1, in.get(), "column 2 in binary");
        assertEquals('R', in.get());
        assertEquals(11, in.getInt());
        byte[] row = new byte[11];
        in.get(row);
        assertArrayEquals(new byte[] {0, 2, 0, 0, 0, 1, 'x', -1, -1, -1, -1}, row);
        assertEquals('S', in.get());
        assertEquals("INSERT 0 1", string(in));
        assertEquals('E', in.get());
        assertEquals(4 + count, in.position());
    }

    @Test
    void growsForARowLargerThanTheBufferAndKeepsEarlierRecords() {
        sink.reset();
        sink.beginResult(new RowDescription(new String[] {"a"}, new int[] {17}, new int[] {-1}));
        byte[] big = new byte[300_000];
        big[big.length - 1] = 42;
        sink.row(big, 0, big.length);
        ByteBuffer batch = sink.finish(false);

        ByteBuffer in = batch.duplicate().order(ByteOrder.nativeOrder());
        in.position(0);
        assertEquals(5 + 4 + "German, DMY".length() + 4 + 4 + 1 + 5 + big.length, in.getInt());
        assertTrue(batch.capacity() > batch.position(), "a byte after the row for C to borrow");
        assertEquals('B', in.get());
        assertEquals(1, in.getInt());
        assertEquals("German, DMY", string(in));
        assertNull(string(in));
        assertEquals(17, in.getInt());
        assertEquals(0, in.get(), "text");
        assertEquals('R', in.get());
        assertEquals(big.length, in.getInt());
        assertEquals(42, in.get(in.position() + big.length - 1));
    }

    @Test
    void isFullOnlyAfterTheFlushThreshold() {
        sink.reset();
        assertFalse(sink.full());
        sink.row(new byte[DirectBufferSink.FLUSH_BYTES / 2], 0, DirectBufferSink.FLUSH_BYTES / 2);
        assertFalse(sink.full());
        sink.row(new byte[DirectBufferSink.FLUSH_BYTES / 2], 0, DirectBufferSink.FLUSH_BYTES / 2);
        assertTrue(sink.full());
        sink.reset();
        assertFalse(sink.full());
    }

    @Test
    void resetDropsAHugeBufferAndStartsEmpty() {
        sink.reset();
        sink.row(new byte[2 * DirectBufferSink.RETAIN_BYTES], 0, 2 * DirectBufferSink.RETAIN_BYTES);
        sink.reset();
        ByteBuffer batch = sink.finish(false);
        assertTrue(batch.capacity() <= DirectBufferSink.RETAIN_BYTES);
        assertEquals(0, batch.duplicate().order(ByteOrder.nativeOrder()).getInt(0));
    }

    /** Memory that is a heap buffer per "address", recording what is allocated and freed. */
    private static final class FakeValueMemory implements ValueMemory {
        final java.util.Map<Long, ByteBuffer> live = new java.util.HashMap<>();
        final java.util.List<Long> freed = new java.util.ArrayList<>();
        boolean exhausted;
        private long next = 1000;

        @Override public long allocate(int size) {
            if (exhausted) {
                return 0;
            }
            live.put(next, ByteBuffer.allocate(size));
            return next++;
        }

        @Override public ByteBuffer buffer(long address, int size) {
            return live.get(address);
        }

        @Override public void free(long address) {
            freed.add(address);
            live.remove(address);
        }
    }

    @Test
    void aLargeRowGoesIntoValueMemoryAndEndsItsBatch() throws Exception {
        FakeValueMemory memory = new FakeValueMemory();
        DirectBufferSink large = new DirectBufferSink(name -> null, memory);
        large.reset();
        large.largeRow(3, into -> into.put(new byte[] {7, 8, 9}));
        assertTrue(large.full(), "C takes a large row before another is read");
        ByteBuffer in = large.finish(false).duplicate().order(ByteOrder.nativeOrder());
        in.position(0);
        assertEquals(13, in.getInt());
        assertEquals('L', in.get());
        assertEquals(3, in.getInt());
        long address = in.getLong();
        assertArrayEquals(new byte[] {7, 8, 9}, memory.live.get(address).array());
        assertTrue(memory.freed.isEmpty(), "C frees it once the tuple is built");
        large.reset();
        assertFalse(large.full());
    }

    @Test
    void memoryOfALargeRowThatFailsIsFreedAndNoRecordWritten() {
        FakeValueMemory memory = new FakeValueMemory();
        DirectBufferSink large = new DirectBufferSink(name -> null, memory);
        large.reset();
        PgIOException lost = new PgIOException("server closed the connection unexpectedly");
        assertSame(lost, assertThrows(PgIOException.class, () -> large.largeRow(5, into -> {
            into.put((byte) 1);
            throw lost;
        })));
        assertEquals(1, memory.freed.size());
        assertTrue(memory.live.isEmpty());
        assertEquals(0, large.finish(false).duplicate().order(ByteOrder.nativeOrder()).getInt(0));
        assertFalse(large.full());
    }

    @Test
    void noMemoryForALargeRowIsOutOfMemory() {
        FakeValueMemory memory = new FakeValueMemory();
        memory.exhausted = true;
        DirectBufferSink large = new DirectBufferSink(name -> null, memory);
        large.reset();
        DblinkException e = assertThrows(DblinkException.class, () -> large.largeRow(5, into -> fail("not read")));
        assertEquals("53200", e.report().sqlstate());
        assertEquals("out of memory", e.report().message());
        assertEquals("Failed on request of size 5 in memory context \"jdblink large values\".", e.report().detail());
    }
}
