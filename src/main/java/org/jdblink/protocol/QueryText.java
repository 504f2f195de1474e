package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import org.jdblink.protocol.ProtocolConstants.Frontend;

/**
 * The text of a simple Query. A small one is a String. A large one (over {@link #LARGE_BYTES}
 * bytes: a long literal, a generated statement) stays in memory its caller owns, the C side's
 * copy of the SQL argument, and never becomes a Java String or byte array of its size: it is
 * streamed into the Query message ({@link LargeQueryWriter}) and, when an error gives a
 * position, the window of it that libpq's display shows is decoded then
 * ({@link LargeErrorCursor}). Either may follow a String prefix (dblink_open's DECLARE).
 *
 * <p>The memory of a large text must stay valid until the query's ReadyForQuery (or the
 * connection's end); {@link #release()} is called then, and frees a copy made for a query
 * that outlives the SQL call that sent it (dblink_send_query).
 */
public final class QueryText {
    /** Texts with more bytes than this are kept as bytes, not decoded. */
    public static final int LARGE_BYTES = 1024 * 1024;

    private final String prefix;
    /** The whole text (prefix included) when small, else null. */
    private final String small;
    /** The text after the prefix when large (read-only, position 0), else null. */
    private final ByteBuffer large;
    private final Charset charset;
    /** Frees memory held for this text; null once run, or when there is none. */
    private Runnable release;

    private QueryText(String prefix, String small, ByteBuffer large, Charset charset, Runnable release) {
        this.prefix = prefix;
        this.small = small;
        this.large = large;
        this.charset = charset;
        this.release = release;
    }

    public static QueryText of(String sql) {
        return new QueryText("", sql, null, null, null);
    }

    /**
     * The text in {@code bytes} (from its position to its limit), encoded in {@code charset}:
     * decoded at once when small; when large, the buffer is used as it is and must stay
     * valid as the class comment says.
     */
    public static QueryText of(ByteBuffer bytes, Charset charset) {
        if (bytes.remaining() <= LARGE_BYTES) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return of(new String(copy, charset));
        }
        return new QueryText("", null, bytes.slice().asReadOnlyBuffer(), charset, null);
    }

    /**
     * This text after {@code before} (e.g. "DECLARE c CURSOR FOR "); memory held for this
     * text is the new one's to release.
     */
    public QueryText after(String before) {
        if (!isLarge()) {
            return of(before + small);
        }
        Runnable owned = release;
        release = null;
        return new QueryText(before + prefix, null, large, charset, owned);
    }

    public boolean isLarge() {
        return large != null;
    }

    /** The large text's bytes (after the prefix), for a copy that outlives them. */
    public ByteBuffer largeBytes() {
        return large.duplicate();
    }

    /** The same text over {@code copy} of {@link #largeBytes()}; {@code release} frees the copy. */
    public QueryText over(ByteBuffer copy, Runnable release) {
        return new QueryText(prefix, null, copy.asReadOnlyBuffer(), charset, release);
    }

    /** The text; a large one is shown as its prefix and byte count (for logs and tests). */
    @Override
    public String toString() {
        return isLarge() ? prefix + "[" + large.remaining() + " bytes]" : small;
    }

    /** The query is over (or was never sent): memory held for it may go. Runs once. */
    public void release() {
        Runnable r = release;
        release = null;
        if (r != null) {
            r.run();
        }
    }

    /**
     * Sends a Query message with this text in the connection's {@code remote} encoding;
     * false when {@code interrupts} stopped a large one part-way (the stream is then cut
     * inside a message).
     */
    boolean sendQuery(MessageWriter writer, Transport transport, Charset remote, Interrupts interrupts) throws IOException {
        if (isLarge()) {
            return new LargeQueryWriter(prefix, large, charset, remote).send(transport, interrupts);
        }
        writer.begin(Frontend.QUERY).cstring(small, remote).send(transport);
        return true;
    }

    /**
     * Sends Parse of this text as the unnamed statement, without parameter types, then a
     * Describe of it: the server plans nothing and runs nothing, and answers with the
     * statement's parameter and row descriptions. {@code end} is the message that follows:
     * Sync to end there, Flush to have the answer now and go on with Bind and Execute in
     * the same transaction. Only for a text that is not large.
     */
    void sendDescribe(MessageWriter writer, Transport transport, Charset remote, char end) throws IOException {
        if (isLarge()) {
            throw new IllegalStateException("a large text is not described");
        }
        writer.begin(Frontend.PARSE).cstring("", remote).cstring(small, remote).int16(0)
                .then(Frontend.DESCRIBE).bytes(new byte[] {'S'}).cstring("", remote)
                .then(end).send(transport);
    }

    /** The text of a small query (null for a large one). */
    String smallText() {
        return small;
    }

    /** libpq's error position display for the 1-based character position {@code loc}. */
    void appendErrorCursor(StringBuilder sb, int loc, boolean wideColumns) {
        if (isLarge()) {
            LargeErrorCursor.append(sb, prefix, large, charset, loc, wideColumns);
        } else {
            ErrorCursor.append(sb, small, loc, wideColumns);
        }
    }
}
