package org.jdblink.protocol;

import java.io.IOException;

/**
 * The connection failed while in use (lost, closed, protocol violation). The message is
 * libpq's text for the same failure, e.g. "server closed the connection unexpectedly\n\t
 * This probably means the server terminated abnormally\n\tbefore or while processing the
 * request." After this the connection is broken.
 */
public class PgIOException extends IOException {
    private static final long serialVersionUID = 1L;

    public PgIOException(String libpqMessage) {
        super(libpqMessage);
    }

    public PgIOException(String libpqMessage, Throwable cause) {
        super(libpqMessage, cause);
    }
}
