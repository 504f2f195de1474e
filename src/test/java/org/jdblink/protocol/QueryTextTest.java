package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A large query text must reach the server and appear in error positions exactly as the
 * String path (small texts, and libpq) would have it, without becoming a String.
 */
class QueryTextTest {
    private static final int LARGE = QueryText.LARGE_BYTES + 1000;

    /** Records what is written; reads are never made. */
    private static final class RecordingTransport implements Transport {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override public int read(byte[] into, int offset, int length, int waitMillis) {
            throw new AssertionError("no reads");
        }

        @Override public void write(byte[] data, int offset, int length, long deadlineNanos) {
            written.write(data, offset, length);
        }

        @Override public boolean closedByPeer() {
            return false;
        }

        @Override public StreamSocket socket() {
            throw new AssertionError("no socket");
        }

        @Override public void close() {
        }
    }

    private static byte[] queryMessage(QueryText text, Charset remote) throws Exception {
        RecordingTransport transport = new RecordingTransport();
        assertTrue(text.sendQuery(new MessageWriter(), transport, remote, Interrupts.NONE));
        return transport.written.toByteArray();
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static String largeSql(String filler) {
        StringBuilder sb = new StringBuilder("select '");
        while (sb.length() < LARGE) {
            sb.append(filler);
        }
        return sb.append("' as v").toString();
    }

    @Test
    void smallTextsAreDecodedAndLargeOnesKeptAsBytes() {
        assertFalse(QueryText.of(direct("select 1".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8).isLarge());
        assertEquals("select 1", QueryText.of(direct("select 1".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8).toString());
        byte[] bytes = largeSql("x").getBytes(StandardCharsets.UTF_8);
        QueryText large = QueryText.of(direct(bytes), StandardCharsets.UTF_8);
        assertTrue(large.isLarge());
        assertEquals("DECLARE c CURSOR FOR [" + bytes.length + " bytes]", large.after("DECLARE c CURSOR FOR ").toString());
    }

    @Test
    void aLargeTextIsSentAsTheStringPathWouldSendIt() throws Exception {
        String sql = largeSql("é€𝄞x'\n");
        for (Charset remote : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"), Charset.forName("GB18030")}) {
            QueryText large = QueryText.of(direct(sql.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8).after("DECLARE ç CURSOR FOR ");
            assertTrue(large.isLarge());
            assertArrayEquals(queryMessage(QueryText.of("DECLARE ç CURSOR FOR " + sql), remote), queryMessage(large, remote), remote.name());
        }
    }

    @Test
    void sqlAsciiBytesPassUnchanged() throws Exception {
        byte[] raw = largeSql("\u00e9\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = queryMessage(QueryText.of(direct(raw), StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        assertEquals(5 + raw.length + 1, message.length);
        assertArrayEquals(raw, java.util.Arrays.copyOfRange(message, 5, 5 + raw.length));
    }

    @Test
    void anInterruptStopsALargeTextBetweenChunks() throws Exception {
        QueryText large = QueryText.of(direct(largeSql("x").getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        AtomicInteger polls = new AtomicInteger();
        RecordingTransport transport = new RecordingTransport();
        assertFalse(large.sendQuery(new MessageWriter(), transport, StandardCharsets.UTF_8, () -> polls.incrementAndGet() > 3));
        assertTrue(transport.written.size() < LARGE / 2, "stopped after a few chunks: " + transport.written.size());
    }

    @Test
    void releaseRunsOnce() {
        AtomicInteger released = new AtomicInteger();
        QueryText large = QueryText.of(direct(largeSql("x").getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        QueryText held = large.over(ByteBuffer.allocateDirect(LARGE), released::incrementAndGet);
        held.release();
        held.release();
        assertEquals(1, released.get());
        assertThrows(NullPointerException.class, () -> QueryText.of((ByteBuffer) null, StandardCharsets.UTF_8));
    }

    /** The window display must equal ErrorCursor's display of the whole text, for any position. */
    @Test
    void errorCursorOfALargeTextEqualsThatOfTheWholeString() {
        Random random = new Random(42);
        String[] pieces = {"a", "b", " ", "\t", "\n", "\r", "\r\n", "漢", "𝄞", "é", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};
        for (int round = 0; round < 12; round++) {
            StringBuilder sb = new StringBuilder();
            int lines = random.nextInt(4);
            while (sb.length() < LARGE) {
                String piece = pieces[random.nextInt(pieces.length)];
                boolean lineBreak = piece.contains("\n") || piece.contains("\r");
                if (lineBreak && lines-- <= 0) {
                    piece = "y";
                }
                sb.append(piece.repeat(lineBreak ? 1 : 1 + random.nextInt(200)));
            }
            String prefix = round % 2 == 0 ? "" : "DECLARE c CURSOR FOR ";
            String text = sb.toString();
            int characters = (prefix + text).codePointCount(0, (prefix + text).length());
            QueryText large = QueryText.of(direct(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8).after(prefix);
            int[] positions = {1, 2, 30, 61, 200, 300, random.nextInt(characters) + 1, random.nextInt(characters) + 1,
                    characters - 5, characters, characters + 1, characters + 100};
            for (int loc : positions) {
                for (boolean wide : new boolean[] {false, true}) {
                    StringBuilder expected = new StringBuilder();
                    ErrorCursor.append(expected, prefix + text, loc, wide);
                    StringBuilder actual = new StringBuilder();
                    large.appendErrorCursor(actual, loc, wide);
                    assertEquals(expected.toString(), actual.toString(), "round " + round + " position " + loc);
                }
            }
        }
    }
}
