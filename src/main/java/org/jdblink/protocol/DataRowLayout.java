package org.jdblink.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The checks libpq's getAnotherTuple makes of a DataRow body, for a body that was streamed
 * into a buffer of the caller's rather than framed in the receive buffer (those are
 * checked by {@link MessageReader#checkDataRow}): the column count must be the
 * RowDescription's, every value must lie inside the body, and nothing may follow the last.
 */
final class DataRowLayout {
    private DataRowLayout() {}

    /** Checks the body of {@code length} bytes at {@code start} of {@code body} (big-endian words). */
    static void check(ByteBuffer buffer, int start, int length, int columns) throws ProtocolViolation {
        ByteBuffer body = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (length < 2) {
            throw ProtocolViolation.insufficientData('D');
        }
        int count = Short.toUnsignedInt(body.getShort(start));
        if (count != columns) {
            throw ProtocolViolation.unexpectedFieldCount();
        }
        long at = start + 2L;
        long end = (long) start + length;
        for (int i = 0; i < columns; i++) {
            if (at + 4 > end) {
                throw ProtocolViolation.insufficientData('D');
            }
            int valueLength = body.getInt((int) at);
            at += 4;
            if (valueLength > 0) {
                if (at + valueLength > end) {
                    throw ProtocolViolation.insufficientData('D');
                }
                at += valueLength;
            }
        }
        if (at != end) {
            throw ProtocolViolation.lengthDisagrees('D');
        }
    }
}
