package org.jdblink.bridge;

import org.jdblink.dblink.ServerMessage;

/**
 * A PostgreSQL ERROR caught inside a native method (bridge/natives.c, JDBLINK_NATIVE_BEGIN
 * and _END) instead of being raised over Java frames. It carries the ErrorData fields as
 * UTF-8, and the choke point raises them again unchanged ({@link Reports}). The error's
 * CONTEXT is not carried: it came from the error context callbacks active during the
 * call, which add it again when the error is raised.
 */
final class BackendError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlstate;
    private final String detail;
    private final String hint;

    /** Called from C: each argument UTF-8, or null. */
    BackendError(byte[] sqlstate, byte[] message, byte[] detail, byte[] hint) {
        super(BackendText.decode(message));
        this.sqlstate = BackendText.decode(sqlstate);
        this.detail = BackendText.decode(detail);
        this.hint = BackendText.decode(hint);
    }

    ServerMessage report() {
        return new ServerMessage(sqlstate, getMessage(), detail, hint, null);
    }
}
