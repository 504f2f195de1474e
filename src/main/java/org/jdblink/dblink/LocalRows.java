package org.jdblink.dblink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.jdblink.protocol.RowDescription;

/**
 * Rows made here rather than received (dblink_get_notify's, jdblink_connections'): each
 * an array of values as text, null for NULL. They are written as DataRow bodies in the
 * database encoding, so that they take the remote rows' path into a tuplestore, where the
 * input functions of the columns the function declares read them.
 */
final class LocalRows implements ResultStream {
    private final RowDescription columns;
    private final List<String[]> rows;
    private final Charset encoding;
    private int next;
    private boolean begun;

    /** {@code rows}: arrays of {@code columns} values each. */
    LocalRows(int columns, List<String[]> rows, Charset encoding) {
        this.columns = RowDescription.untyped(columns);
        this.rows = rows;
        this.encoding = encoding;
    }

    /** Values made here are written as the local input functions read them, whatever DateStyle says. */
    @Override
    public String remoteParameter(String name) {
        return null;
    }

    @Override
    public boolean pump(RowSink sink) {
        if (!begun) {
            sink.beginResult(columns);
            begun = true;
        }
        while (next < rows.size()) {
            if (sink.full()) {
                return true;
            }
            byte[] row = dataRow(rows.get(next++));
            sink.row(row, 0, row.length);
        }
        return false;
    }

    @Override
    public void abandon() {
        next = rows.size();
    }

    /** int16 count, then per value an int32 length (-1 for NULL) and its bytes, big-endian as on the wire. */
    private byte[] dataRow(String[] values) {
        if (values.length != columns.columnCount()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.columnCount() + " columns");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) columns.columnCount()).array());
        for (String value : values) {
            byte[] bytes = value == null ? null : value.getBytes(encoding);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
            if (bytes != null) {
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }
}
