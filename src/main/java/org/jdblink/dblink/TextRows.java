package org.jdblink.dblink;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.protocol.RowDescription;

/**
 * A small result kept as text, for jdblink's own queries of a remote's catalogs: each row
 * an array of its values (null for SQL NULL), decoded in the connection's encoding. A row
 * too large for a batch is not kept (no catalog answer is that large) and makes the
 * result {@linkplain #rows() unusable}.
 */
final class TextRows implements RowSink {
    private final Charset charset;
    private final List<String[]> rows = new ArrayList<>();
    private boolean tooLarge;

    TextRows(Charset charset) {
        this.charset = charset;
    }

    /** The rows of the last result; none when a row was too large to keep. */
    List<String[]> rows() {
        return tooLarge ? List.of() : rows;
    }

    @Override
    public void beginResult(RowDescription columns) {
        rows.clear();
    }

    @Override
    public void row(byte[] body, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(body, offset, length);
        String[] values = new String[in.getShort() & 0xffff];
        for (int i = 0; i < values.length; i++) {
            int size = in.getInt();
            if (size >= 0) {
                values[i] = new String(body, in.position(), size, charset);
                in.position(in.position() + size);
            }
        }
        rows.add(values);
    }

    /** The body is left unread: the protocol layer skips it. */
    @Override
    public void largeRow(int length, LargeRowBody body) {
        tooLarge = true;
    }

    @Override
    public void commandStatus(String tag) {
        rows.clear();
    }

    @Override
    public void discard() {
        rows.clear();
    }

    @Override
    public boolean full() {
        return false;
    }
}
