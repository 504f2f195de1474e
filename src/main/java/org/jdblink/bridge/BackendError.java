package org.jdblink.bridge;

import org.jdblink.dblink.DblinkException;

/**
 * A PostgreSQL ERROR caught by a native method (PG_TRY) instead of being raised over Java
 * frames. It carries the ErrorData fields as UTF-8; {@link #asDblinkException()} lets the
 * choke point raise it again unchanged. The error's CONTEXT is not carried: it came from
 * the error context callbacks active during the call, which add it again when the error
 * is raised.
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

    DblinkException asDblinkException() {
        return new DblinkException(sqlstate, getMessage(), detail, hint);
    }
}
