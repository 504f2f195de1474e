package org.jdblink.dblink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.jdblink.protocol.Notification;
import org.jdblink.protocol.RowDescription;

/**
 * dblink_get_notify's rows (notify_name, be_pid, extra), written as DataRow bodies in the
 * database encoding so they take the same path into a tuplestore as remote rows.
 */
final class NotificationStream implements ResultStream {
    /** notify_name text, be_pid int4, extra text (type OIDs as in pg_type.dat). */
    private static final RowDescription COLUMNS = new RowDescription(new String[] {"notify_name", "be_pid", "extra"},
            new int[] {25, 23, 25}, new int[] {-1, -1, -1});

    private final List<Notification> notifications;
    private final Charset encoding;
    private int next;
    private boolean begun;

    NotificationStream(List<Notification> notifications, Charset encoding) {
        this.notifications = notifications;
        this.encoding = encoding;
    }

    @Override
    public String remoteParameter(String name) {
        return null; // text and int4 do not depend on DateStyle
    }

    @Override
    public boolean pump(RowSink sink) {
        if (!begun) {
            sink.beginResult(COLUMNS);
            begun = true;
        }
        while (next < notifications.size()) {
            if (sink.full()) {
                return true;
            }
            byte[] row = dataRow(notifications.get(next++));
            sink.row(row, 0, row.length);
        }
        return false;
    }

    @Override
    public void abandon() {
        next = notifications.size();
    }

    private byte[] dataRow(Notification n) {
        byte[][] values = {
            n.channel().getBytes(encoding),
            Integer.toString(n.pid()).getBytes(encoding),
            n.payload().getBytes(encoding),
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) COLUMNS.columnCount()).array());
        for (byte[] value : values) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
            out.writeBytes(value);
        }
        return out.toByteArray();
    }
}
