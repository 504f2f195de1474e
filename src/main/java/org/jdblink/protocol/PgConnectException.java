package org.jdblink.protocol;

/**
 * A connection could not be established. The message is exactly what libpq's
 * PQerrorMessage would hold after PQconnectdb failed, without the final newline, e.g.
 * {@code connection to server on socket "/tmp/.s.PGSQL.5432" failed: FATAL:  database "x" does not exist}
 * (several lines when several hosts were tried).
 */
public final class PgConnectException extends PgIOException {
    private static final long serialVersionUID = 1L;

    public PgConnectException(String libpqMessage) {
        super(libpqMessage);
    }
}
