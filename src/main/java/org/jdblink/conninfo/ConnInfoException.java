package org.jdblink.conninfo;

/**
 * A connection string or its defaults could not be used. The message is libpq's own
 * text for the same problem, without the trailing newline libpq adds
 * (e.g. {@code missing "=" after "myconn" in connection info string}).
 */
public final class ConnInfoException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnInfoException(String libpqMessage) {
        super(libpqMessage);
    }
}
