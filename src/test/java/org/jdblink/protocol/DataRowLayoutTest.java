package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DataRowLayoutTest {
    /** A body at offset 3 of a buffer: column count, then (length, bytes) per column. */
    private static ByteBuffer body(int count, int... lengthsAndFill) {
        ByteBuffer b = ByteBuffer.allocate(256);
        b.position(3);
        b.putShort((short) count);
        for (int length : lengthsAndFill) {
            b.putInt(length);
            for (int i = 0; i < Math.max(length, 0); i++) {
                b.put((byte) 'x');
            }
        }
        return b;
    }

    private static String violation(ByteBuffer b, int length, int columns) {
        return assertThrows(ProtocolViolation.class, () -> DataRowLayout.check(b, 3, length, columns)).getMessage();
    }

    @Test
    void aWellFormedRowPasses() {
        ByteBuffer b = body(3, 2, -1, 0);
        assertDoesNotThrow(() -> DataRowLayout.check(b, 3, b.position() - 3, 3));
    }

    @Test
    void violationsGetLibpqsTexts() {
        ByteBuffer b = body(2, 2, 1);
        int length = b.position() - 3;
        assertEquals("unexpected field count in \"D\" message", violation(b, length, 3));
        assertEquals("insufficient data in \"D\" message", violation(b, length - 1, 2));
        assertEquals("message contents do not agree with length in message type \"D\"", violation(b, length + 1, 2));
        assertEquals("insufficient data in \"D\" message", violation(b, 1, 2));
    }

    @Test
    void anAbsurdValueLengthIsInsufficientDataNotAnOverflow() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.position(3);
        b.putShort((short) 1).putInt(Integer.MAX_VALUE);
        assertEquals("insufficient data in \"D\" message", violation(b, 6, 1));
    }
}
