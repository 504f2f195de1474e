package org.jdblink.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds backend messages byte by byte for {@link FakePgServer}: the length word is
 * computed from the body unless a scenario states a (wrong) one with {@link #length(int)}.
 */
public final class FakeMessage {
    private final char type;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Integer statedLength;

    private FakeMessage(char type) {
        this.type = type;
    }

    public static FakeMessage of(char type) {
        return new FakeMessage(type);
    }

    public FakeMessage int32(int v) {
        body.write(v >>> 24);
        body.write(v >>> 16);
        body.write(v >>> 8);
        body.write(v);
        return this;
    }

    public FakeMessage int16(int v) {
        body.write(v >>> 8);
        body.write(v);
        return this;
    }

    public FakeMessage byte1(int v) {
        body.write(v);
        return this;
    }

    public FakeMessage bytes(byte[] b) {
        body.writeBytes(b);
        return this;
    }

    /** UTF-8 text without a terminator. */
    public FakeMessage text(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-8 text and its NUL terminator. */
    public FakeMessage cstring(String s) {
        return text(s).byte1(0);
    }

    /** A DataRow column: int32 length and the UTF-8 bytes, or -1 for NULL. */
    public FakeMessage column(String value) {
        if (value == null) {
            return int32(-1);
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return int32(b.length).bytes(b);
    }

    /** Sends {@code length} as the length word instead of the true one. */
    public FakeMessage length(int length) {
        statedLength = length;
        return this;
    }

    public byte[] toBytes() {
        byte[] b = body.toByteArray();
        int length = statedLength != null ? statedLength : b.length + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 5);
        out.write(type);
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** RowDescription of text columns with the given names. */
    public static FakeMessage rowDescription(String... names) {
        FakeMessage m = of('T').int16(names.length);
        for (String name : names) {
            m.cstring(name).int32(0).int16(0).int32(25).int16(-1).int32(-1).int16(0);
        }
        return m;
    }

    /** DataRow of text values (null for NULL). */
    public static FakeMessage dataRow(String... values) {
        FakeMessage m = of('D').int16(values.length);
        for (String v : values) {
            m.column(v);
        }
        return m;
    }

    public static FakeMessage commandComplete(String tag) {
        return of('C').cstring(tag);
    }

    public static FakeMessage parameterStatus(String name, String value) {
        return of('S').cstring(name).cstring(value);
    }

    /** An ErrorResponse or NoticeResponse ({@code type} 'E' or 'N'). */
    public static FakeMessage report(char type, String severity, String sqlstate, String message) {
        return of(type).byte1('S').cstring(severity).byte1('V').cstring(severity).byte1('C').cstring(sqlstate)
                .byte1('M').cstring(message).byte1(0);
    }
}
