package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import org.jdblink.protocol.ProtocolConstants.Frontend;

/**
 * Writes a Query message whose text is a large byte buffer, in chunks through one small
 * reused array, polling interrupts between chunks. When the text's encoding is the
 * connection's (dblink sets client_encoding to the database's), its bytes go out as they
 * are; otherwise each chunk is re-encoded, with the replacements String.getBytes would make,
 * after a first pass that counts the message length.
 */
final class LargeQueryWriter {
    private static final int CHUNK = 64 * 1024;

    private final byte[] head;
    private final ByteBuffer text;
    private final Charset from;
    private final Charset to;
    private final byte[] chunk = new byte[CHUNK];

    LargeQueryWriter(String prefix, ByteBuffer text, Charset from, Charset to) {
        this.head = prefix.getBytes(to);
        this.text = text;
        this.from = from;
        this.to = to;
    }

    /** False when an interrupt stopped it part-way. */
    boolean send(Transport transport, Interrupts interrupts) throws IOException {
        boolean same = from.equals(to);
        long length = 4L + head.length + (same ? text.remaining() : transcode(null, interrupts)) + 1;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("query text of " + length + " bytes exceeds the protocol's message size");
        }
        ByteBuffer start = ByteBuffer.allocate(5 + head.length).put((byte) Frontend.QUERY).putInt((int) length).put(head);
        transport.write(start.array(), 0, start.position());
        boolean complete = same ? copy(transport, interrupts) : transcode(transport, interrupts) >= 0;
        if (complete) {
            transport.write(new byte[1], 0, 1);
        }
        return complete;
    }

    private boolean copy(Transport transport, Interrupts interrupts) throws IOException {
        ByteBuffer in = text.duplicate();
        while (in.hasRemaining()) {
            if (interrupts.pending()) {
                return false;
            }
            int n = Math.min(CHUNK, in.remaining());
            in.get(chunk, 0, n);
            transport.write(chunk, 0, n);
        }
        return true;
    }

    /**
     * The text in the connection's encoding, chunk by chunk: written to {@code transport},
     * or only counted when it is null. The byte count, or -1 when interrupted.
     */
    private long transcode(Transport transport, Interrupts interrupts) throws IOException {
        CharsetDecoder decoder = from.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharsetEncoder encoder = to.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = text.duplicate();
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        ByteBuffer out = ByteBuffer.wrap(chunk);
        long count = 0;
        boolean decoding = true;
        while (true) {
            if (interrupts.pending()) {
                return -1;
            }
            if (decoding && decoder.decode(in, chars, true).isUnderflow() && decoder.flush(chars).isUnderflow()) {
                decoding = false; // the charsets of PostgreSQL encodings keep no state to flush
            }
            chars.flip();
            CoderResult result = encoder.encode(chars, out, !decoding);
            chars.compact();
            boolean done = !decoding && result.isUnderflow() && chars.position() == 0
                    && encoder.flush(out) == CoderResult.UNDERFLOW;
            count += out.position();
            if (transport != null) {
                transport.write(chunk, 0, out.position());
            }
            out.clear();
            if (done) {
                return count;
            }
        }
    }
}
