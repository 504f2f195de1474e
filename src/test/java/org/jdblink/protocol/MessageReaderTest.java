package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jdblink.testing.FakeMessage;
import org.junit.jupiter.api.Test;

/** The decoder on its own: every length and field checked, one exception type, libpq's texts. */
class MessageReaderTest {
    /** A reader holding {@code bytes}, as if they had arrived. */
    private static MessageReader holding(byte[]... messages) throws IOException {
        MessageReader r = new MessageReader();
        for (byte[] m : messages) {
            r.fill(new Transport() {
                private boolean given;

                @Override
                public int read(byte[] into, int offset, int length, int waitMillis) {
                    if (given) {
                        return 0;
                    }
                    given = true;
                    System.arraycopy(m, 0, into, offset, m.length);
                    return m.length;
                }

                @Override
                public void write(byte[] data, int offset, int length, long deadlineNanos) {}

                @Override
                public boolean closedByPeer() {
                    return false;
                }

                @Override
                public StreamSocket socket() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {}
            }, 0);
        }
        return r;
    }

    private static ProtocolViolation framing(FakeMessage m) throws IOException {
        MessageReader r = holding(m.toBytes());
        return assertThrows(ProtocolViolation.class, r::nextBuffered);
    }

    @Test
    void lengthsLibpqRefusesLoseSynchronization() throws IOException {
        ProtocolViolation shortLength = framing(FakeMessage.dataRow("a").length(3));
        assertEquals("lost synchronization with server: got message type \"D\", length 3", shortLength.getMessage());
        assertEquals(ProtocolViolation.Scope.CONNECTION, shortLength.scope());
        assertEquals("lost synchronization with server: got message type \"C\", length 30001",
                framing(FakeMessage.of('C').length(30001)).getMessage());
        assertEquals("cannot allocate memory for input buffer\nlost synchronization with server: got message type \"D\", length 2147475452",
                framing(FakeMessage.of('D').length(Integer.MAX_VALUE - 8191)).getMessage());
    }

    @Test
    void longTypesMayAnnounceLargeBodiesAndAreWaitedFor() throws IOException {
        for (char type : "TDdVENA".toCharArray()) {
            assertFalse(holding(FakeMessage.of(type).length(30001).toBytes()).nextBuffered());
        }
    }

    @Test
    void aLengthWordAloneAllocatesNothing() throws IOException {
        MessageReader r = holding(FakeMessage.of('E').length(1_000_000_000).toBytes());
        int capacity = r.array().length;
        assertFalse(r.nextBuffered());
        assertEquals(capacity, r.array().length, "the buffer grows as bytes arrive, not for a length word");
    }

    @Test
    void lookAheadStopsAtALengthFramingRefuses() throws IOException {
        MessageReader r = holding(FakeMessage.of('S').length(2).toBytes());
        assertEquals(0, r.firstOfTypes("Z"));
        assertThrows(ProtocolViolation.class, () -> r.peekAt(0, () -> null));
    }

    @Test
    void readsPastTheBodyAreViolationsNamingTheType() throws IOException {
        MessageReader r = holding(FakeMessage.of('C').text("no terminator").toBytes(), FakeMessage.of('Z').byte1('I').toBytes());
        assertTrue(r.nextBuffered());
        ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> r.cstring(StandardCharsets.UTF_8));
        assertEquals("message contents do not agree with length in message type \"C\"", v.getMessage());
        assertEquals(ProtocolViolation.Scope.MESSAGE, v.scope());
        assertTrue(r.nextBuffered(), "the next message is intact");
        assertEquals('Z', r.type());

        MessageReader t = holding(FakeMessage.of('T').int16(1).toBytes());
        assertTrue(t.nextBuffered());
        assertEquals(1, t.uint16());
        ProtocolViolation overRun = assertThrows(ProtocolViolation.class, t::int32);
        assertEquals("insufficient data in \"T\" message", overRun.getMessage());
        assertEquals(ProtocolViolation.Scope.RESULT, overRun.scope());
    }

    @Test
    void countsAreUnsigned() throws IOException {
        MessageReader r = holding(FakeMessage.of('T').int16(-1).toBytes());
        assertTrue(r.nextBuffered());
        assertEquals(65535, r.uint16());
    }

    @Test
    void dataRowsAreCheckedAgainstTheirDescription() throws IOException {
        MessageReader good = holding(FakeMessage.dataRow("a", null, "").toBytes());
        assertTrue(good.nextBuffered());
        good.checkDataRow(3);
        assertEquals(3, good.uint16(), "the body is left unread");

        assertEquals("unexpected field count in \"D\" message", dataRowViolation(FakeMessage.dataRow("a", "b"), 1));
        assertEquals("insufficient data in \"D\" message", dataRowViolation(FakeMessage.of('D').int16(1).int32(10).text("abc"), 1));
        assertEquals("insufficient data in \"D\" message", dataRowViolation(FakeMessage.of('D').int16(2).int32(1).text("a"), 2));
        assertEquals("message contents do not agree with length in message type \"D\"",
                dataRowViolation(FakeMessage.dataRow("a").text("extra"), 1));
    }

    private static String dataRowViolation(FakeMessage row, int columns) throws IOException {
        MessageReader r = holding(row.toBytes());
        assertTrue(r.nextBuffered());
        return assertThrows(ProtocolViolation.class, () -> r.checkDataRow(columns)).getMessage();
    }
}
