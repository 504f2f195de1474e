package org.jdblink.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * libpq's error position display for a large {@link QueryText}, without decoding all of it
 * into a String: one streaming pass counts lines up to the position and keeps only the
 * characters around it on its line, then {@link ErrorCursor} formats that window. libpq shows
 * at most about 60 screen columns, reaching at most 10 past the position and, when the line
 * must be cut, never more than 60 before it; with {@link #REACH} characters on each side
 * (two columns at most per character) the window gives exactly the display of the whole
 * text, "..." marks included.
 */
final class LargeErrorCursor {
    /** Characters kept on each side of the position: more than libpq's display can reach. */
    static final int REACH = 256;
    private static final int CHUNK = 64 * 1024;

    private final int zeroLoc;
    /** Characters of the position's line before it, the last REACH of them, in a ring. */
    private final int[] before = new int[REACH];
    private final StringBuilder after = new StringBuilder();
    private int index;
    private int line = 1;
    private int lineBegin;
    private int previous = -1;
    private boolean done;

    private LargeErrorCursor(int loc) {
        this.zeroLoc = loc - 1;
    }

    static void append(StringBuilder sb, String prefix, ByteBuffer text, Charset charset, int loc, boolean wideColumns) {
        LargeErrorCursor cursor = new LargeErrorCursor(loc);
        prefix.codePoints().forEach(cursor::accept);
        cursor.scan(text, charset);
        if (cursor.index < cursor.zeroLoc) {
            return; // the position is past the end: libpq shows nothing either
        }
        int windowBegin = Math.max(cursor.lineBegin, cursor.zeroLoc - REACH);
        StringBuilder window = new StringBuilder();
        for (int i = windowBegin; i < cursor.zeroLoc; i++) {
            window.appendCodePoint(cursor.before[i % REACH]);
        }
        window.append(cursor.after);
        ErrorCursor.append(sb, window.toString(), cursor.zeroLoc - windowBegin + 1, wideColumns, cursor.line);
    }

    private void scan(ByteBuffer text, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = text.duplicate();
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        boolean decoding = true;
        while (!done && decoding) {
            decoding = !(decoder.decode(in, chars, true).isUnderflow() && decoder.flush(chars).isUnderflow());
            chars.flip();
            while (chars.hasRemaining() && !done) {
                char c = chars.get();
                if (Character.isHighSurrogate(c) && !chars.hasRemaining() && decoding) {
                    chars.position(chars.position() - 1); // its pair is in the next chunk
                    break;
                }
                accept(Character.isHighSurrogate(c) && chars.hasRemaining() && Character.isLowSurrogate(chars.get(chars.position()))
                        ? Character.toCodePoint(c, chars.get()) : c);
            }
            chars.compact();
        }
    }

    /** The next character of the query, as ErrorCursor's loop would see it. */
    private void accept(int cp) {
        if (done) {
            return;
        }
        boolean lineBreak = cp == '\r' || cp == '\n';
        if (index < zeroLoc) {
            if (lineBreak) {
                if (cp == '\r' || index == 0 || previous != '\r') {
                    line++;
                }
                lineBegin = index + 1;
            }
            before[index % REACH] = cp;
        } else if (lineBreak || index - zeroLoc > REACH) {
            done = true;
            return;
        } else {
            after.appendCodePoint(cp);
        }
        previous = cp;
        index++;
    }
}
