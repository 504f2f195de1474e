package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jdblink.dblink.DblinkException;
import org.jdblink.dblink.ResultStream;
import org.jdblink.dblink.RowSink;
import org.jdblink.protocol.RowDescription;
import org.junit.jupiter.api.Test;

class QueryPumpTest {
    /** A stream of {@code batches} batches of one row each, counting abandon() calls. */
    private static class FakeStream implements ResultStream {
        int batches;
        int abandoned;
        RuntimeException failure;

        FakeStream(int batches) {
            this.batches = batches;
        }

        @Override public String remoteParameter(String name) {
            return name.equals("DateStyle") ? "ISO, MDY" : null;
        }

        @Override public boolean pump(RowSink sink) {
            if (failure != null) {
                throw failure;
            }
            sink.row(new byte[] {0, 0}, 0, 2);
            return --batches > 0;
        }

        @Override public void abandon() {
            abandoned++;
            throw new IllegalStateException("socket gone");
        }
    }

    private static byte lastTag(ByteBuffer batch) {
        ByteBuffer in = batch.duplicate().order(ByteOrder.nativeOrder());
        return in.get(4 + in.getInt(0) - 1);
    }

    @Test
    void endRecordOnlyInTheLastBatchAndNothingAfterwards() {
        QueryPump pump = new QueryPump(new FakeStream(2));

        ByteBuffer first = pump.pump().duplicate().order(ByteOrder.nativeOrder());
        assertEquals(5 + 2, first.getInt(0), "one row record, no END");
        assertEquals(DirectBufferSink.ROW, first.get(4));
        ByteBuffer second = pump.pump();
        assertEquals(5 + 2 + 1, second.duplicate().order(ByteOrder.nativeOrder()).getInt(0));
        assertEquals(DirectBufferSink.END, lastTag(second));
        ByteBuffer after = pump.pump();
        assertEquals(1, after.duplicate().order(ByteOrder.nativeOrder()).getInt(0));
        assertEquals(DirectBufferSink.END, lastTag(after));
    }

    @Test
    void resultsCarryTheStreamsRemoteSettings() {
        QueryPump pump = new QueryPump(new FakeStream(1) {
            @Override public boolean pump(RowSink sink) {
                sink.beginResult(new RowDescription(new String[] {"a"}, new int[] {25}, new int[] {-1}));
                return false;
            }
        });

        ByteBuffer in = pump.pump().duplicate().order(ByteOrder.nativeOrder());
        assertEquals(DirectBufferSink.BEGIN, in.get(4));
        assertEquals(1, in.getInt(5));
        int length = in.getInt(9);
        byte[] dateStyle = new byte[length];
        in.position(13);
        in.get(dateStyle);
        assertArrayEquals("ISO, MDY".getBytes(StandardCharsets.UTF_8), dateStyle);
        assertEquals(-1, in.getInt(13 + length), "no IntervalStyle");
    }

    @Test
    void closingAnEndedStreamDoesNotAbandonIt() {
        FakeStream stream = new FakeStream(1);
        QueryPump pump = new QueryPump(stream);

        pump.pump();
        pump.close(false);
        assertEquals(0, stream.abandoned);
    }

    @Test
    void closingEarlyAbandonsTheStreamOnceAndSwallowsItsFailure() {
        FakeStream stream = new FakeStream(5);
        QueryPump pump = new QueryPump(stream);

        pump.pump();
        pump.close(false);
        pump.close(false);
        assertEquals(1, stream.abandoned);
    }

    @Test
    void aStreamThatThrewIsNotAbandonedAgain() {
        FakeStream stream = new FakeStream(5);
        stream.failure = new DblinkException("42601", "syntax error", null, null);
        QueryPump pump = new QueryPump(stream);

        assertThrows(DblinkException.class, pump::pump);
        pump.close(false);
        assertEquals(0, stream.abandoned);
    }

    @Test
    void aClosedCallsBufferServesTheNextCall() {
        QueryPump first = new QueryPump(new FakeStream(1));
        ByteBuffer batch = first.pump();
        first.close(false);
        assertSame(batch, new QueryPump(new FakeStream(1)).pump());
    }

    @Test
    void aCallNestedInAnotherGetsABufferOfItsOwn() {
        QueryPump outer = new QueryPump(new FakeStream(1));
        ByteBuffer outerBatch = outer.pump();
        QueryPump nested = new QueryPump(new FakeStream(1));
        assertNotSame(outerBatch, nested.pump());
        nested.close(false);
        outer.close(false);
    }
}
