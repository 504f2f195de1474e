package org.jdblink.protocol;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Builds frontend messages in a reused buffer and sends them: one at a time, or several
 * in one write ({@link #then}: the extended protocol's Parse, Describe, Sync).
 */
final class MessageWriter {
    private byte[] buf = new byte[1024];
    private int length;
    /** Where the length word of the message being built sits. */
    private int lengthAt;

    /** Starts a message with a type byte (Query 'Q', PasswordMessage 'p', …). */
    MessageWriter begin(char type) {
        length = 0;
        ensure(5);
        buf[length++] = (byte) type;
        lengthAt = length;
        length += 4;
        return this;
    }

    /** Ends the message being built and starts another after it, to go out in the same write. */
    MessageWriter then(char type) {
        fillLength();
        ensure(5);
        buf[length++] = (byte) type;
        lengthAt = length;
        length += 4;
        return this;
    }

    /** Starts a message without a type byte (StartupMessage, SSLRequest, CancelRequest). */
    MessageWriter beginUntyped() {
        length = 0;
        ensure(4);
        lengthAt = 0;
        length = 4;
        return this;
    }

    MessageWriter int32(int v) {
        ensure(4);
        buf[length++] = (byte) (v >>> 24);
        buf[length++] = (byte) (v >>> 16);
        buf[length++] = (byte) (v >>> 8);
        buf[length++] = (byte) v;
        return this;
    }

    MessageWriter int16(int v) {
        ensure(2);
        buf[length++] = (byte) (v >>> 8);
        buf[length++] = (byte) v;
        return this;
    }

    MessageWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, length, b.length);
        length += b.length;
        return this;
    }

    MessageWriter cstring(String s, Charset charset) {
        bytes(s.getBytes(charset));
        ensure(1);
        buf[length++] = 0;
        return this;
    }

    MessageWriter zero() {
        ensure(1);
        buf[length++] = 0;
        return this;
    }

    /** Fills in the length word and writes the messages ({@link Transport#write(byte[], int, int)}). */
    void send(Transport transport) throws IOException {
        send(transport, 0);
    }

    /** {@link #send(Transport)} giving up at {@code deadlineNanos} ({@link Transport#write(byte[], int, int, long)}). */
    void send(Transport transport, long deadlineNanos) throws IOException {
        fillLength();
        transport.write(buf, 0, length, deadlineNanos);
    }

    private void fillLength() {
        int v = length - lengthAt;
        buf[lengthAt] = (byte) (v >>> 24);
        buf[lengthAt + 1] = (byte) (v >>> 16);
        buf[lengthAt + 2] = (byte) (v >>> 8);
        buf[lengthAt + 3] = (byte) v;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
