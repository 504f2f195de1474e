package org.jdblink.protocol;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jdblink.protocol.ProtocolConstants.Frontend;

/**
 * Whether binary float4 and float8 columns give the values a simple Query would give. As
 * text, a float is exact only while the remote session's extra_float_digits is above 0
 * (the default since PostgreSQL 12); at 0 or below, the server writes it rounded, and a
 * client reading text gets the rounded value. The setting is not reported to clients, so
 * before such columns run in binary the remote is asked for it, within the statement's
 * own transaction (Parse, Bind, Execute and Close of a named statement, then Flush), and
 * they stay text when it is not above 0. Statements without such columns ask nothing.
 */
final class FloatDigitsProbe {
    /** The statement's name: jdblink's own, so a statement the user prepared is never replaced. */
    static final String STATEMENT = "jdblink_extra_float_digits";
    static final String SQL = "SELECT pg_catalog.current_setting('extra_float_digits')";
    /** The answer did not come in a usable form. */
    static final int UNKNOWN = Integer.MIN_VALUE;

    private static final int FLOAT4 = 700;
    private static final int FLOAT8 = 701;
    private static final int FLOAT4_ARRAY = 1021;
    private static final int FLOAT8_ARRAY = 1022;

    private FloatDigitsProbe() {}

    /** Whether {@code formats} (null: all text) has a float column of {@code columns} in binary. */
    static boolean needed(RowDescription columns, short[] formats) {
        for (int i = 0; formats != null && i < formats.length; i++) {
            if (formats[i] == ResultFormats.BINARY && isFloat(columns.typeOid(i))) {
                return true;
            }
        }
        return false;
    }

    /** The probe's messages, to go out at once; its answers end with CloseComplete. */
    static MessageWriter messages(MessageWriter writer, Charset remote) {
        return writer.begin(Frontend.PARSE).cstring(STATEMENT, remote).cstring(SQL, remote).int16(0)
                .then(Frontend.BIND).zero().cstring(STATEMENT, remote).int16(0).int16(0).int16(0)
                .then(Frontend.EXECUTE).zero().int32(0)
                .then(Frontend.CLOSE).bytes(new byte[] {'S'}).cstring(STATEMENT, remote)
                .then(Frontend.FLUSH);
    }

    /** The setting's value from the probe's DataRow, or {@link #UNKNOWN}. */
    static int digits(MessageReader row) {
        try {
            if (row.uint16() != 1) {
                return UNKNOWN;
            }
            int length = row.int32();
            if (length < 1 || length > 11) {
                return UNKNOWN;
            }
            return Integer.parseInt(new String(row.bytes(length), StandardCharsets.US_ASCII));
        } catch (ProtocolViolation | NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /** {@code formats} with the float columns in text unless {@code digits} is above 0; null when none is left binary. */
    static short[] settle(RowDescription columns, short[] formats, int digits) {
        if (digits != UNKNOWN && digits > 0) {
            return formats;
        }
        short[] settled = formats.clone();
        boolean anyBinary = false;
        for (int i = 0; i < settled.length; i++) {
            if (isFloat(columns.typeOid(i))) {
                settled[i] = ResultFormats.TEXT;
            }
            anyBinary |= settled[i] == ResultFormats.BINARY;
        }
        return anyBinary ? settled : null;
    }

    private static boolean isFloat(int type) {
        return type == FLOAT4 || type == FLOAT8 || type == FLOAT4_ARRAY || type == FLOAT8_ARRAY;
    }
}
