package org.jdblink.bridge;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jdblink.dblink.DblinkException;
import org.jdblink.dblink.Notice;
import org.jdblink.dblink.ServerMessage;
import org.jdblink.dblink.SqlStates;
import org.jdblink.protocol.QueryInterruptedException;

/**
 * Encodes what C must raise: the exception of a failed call, or queued notices. Format
 * (native byte order; see bridge/README.md): a sequence of reports, each a kind byte then
 * six strings (sqlstate, message, detail, hint, context, server-log-only text), each an
 * int32 byte length (-1 for null) and UTF-8 bytes.
 */
final class Reports {
    /** A {@link DblinkException} or a {@link BackendError}: raise its message as given. */
    static final byte ERROR = 'D';
    /** A {@link QueryInterruptedException}: let PostgreSQL process its interrupt. */
    static final byte INTERRUPTED = 'I';
    /** Anything else: an internal error; the last string is the stack trace (also for an OutOfMemoryError, raised as 53200). */
    static final byte INTERNAL = 'X';
    // Queued notices, one kind per level they are raised at (letters unlike the kinds above).
    static final byte NOTICE = 'N';
    static final byte WARNING = 'W';
    static final byte INFO = 'F';
    static final byte LOG = 'L';
    static final byte DEBUG = 'G';

    private Reports() {}

    static byte[] describe(Throwable thrown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (thrown instanceof DblinkException dblink) {
            write(out, ERROR, dblink.report(), null);
        } else if (thrown instanceof BackendError backend) {
            write(out, ERROR, backend.report(), null);
        } else if (thrown instanceof OutOfMemoryError) {
            write(out, ERROR, outOfMemory(thrown), stackTrace(thrown));
        } else if (thrown instanceof QueryInterruptedException) {
            ServerMessage cancelled = new ServerMessage(SqlStates.QUERY_CANCELED, thrown.getMessage(), null, null, null);
            write(out, INTERRUPTED, cancelled, null);
        } else {
            ServerMessage internal = new ServerMessage(SqlStates.INTERNAL_ERROR, thrown.toString(), null, null, null);
            write(out, INTERNAL, internal, stackTrace(thrown));
        }
        return out.toByteArray();
    }

    /**
     * The Java heap (64 MB unless jdblink.jvm_options says otherwise) was too small for what
     * a call had to hold in it (values and query texts over 1 MB bypass it; build_sql key
     * values, remote messages do not): PostgreSQL's SQLSTATE for it, and what to change.
     */
    static ServerMessage outOfMemory(Throwable thrown) {
        return new ServerMessage(SqlStates.OUT_OF_MEMORY, "out of memory",
                "The Java virtual machine of jdblink ran out of memory: " + thrown.getMessage() + ".",
                "Raise its heap limit with -Xmx in jdblink.jvm_options.", null);
    }

    /** The notices, or null when there are none (the common case costs nothing in C). */
    static byte[] notices(List<Notice> notices) {
        if (notices == null || notices.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Notice notice : notices) {
            write(out, kind(notice.level()), notice.message(), null);
        }
        return out.toByteArray();
    }

    private static byte kind(Notice.Level level) {
        return switch (level) {
            case DEBUG -> DEBUG;
            case LOG -> LOG;
            case INFO -> INFO;
            case NOTICE -> NOTICE;
            case WARNING -> WARNING;
        };
    }

    private static void write(ByteArrayOutputStream out, byte kind, ServerMessage message, String logOnly) {
        out.write(kind);
        for (String field : new String[] {
                message.sqlstate(), message.message(), message.detail(), message.hint(), message.context(), logOnly}) {
            byte[] bytes = BackendText.encode(field);
            ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            length.putInt(bytes == null ? -1 : bytes.length);
            out.write(length.array(), 0, 4);
            if (bytes != null) {
                out.write(bytes, 0, bytes.length);
            }
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString().stripTrailing();
    }
}
