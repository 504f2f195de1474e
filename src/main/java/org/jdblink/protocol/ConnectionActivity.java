package org.jdblink.protocol;

import java.time.Instant;

/**
 * What one connection has done since it was opened, for {@code jdblink_connections()}:
 * when it became ready and when it was last used, the queries it sent, the rows it
 * received, and the bytes its socket moved each way. Bytes are counted where they meet the
 * socket ({@link SocketTransport}), so they include the startup, authentication and, with
 * TLS, the records' overhead and the handshake; queries and rows are counted by
 * {@link PgConnection}. Kept on the connection's (the backend's main) thread only.
 */
public final class ConnectionActivity {
    private long bytesSent;
    private long bytesReceived;
    private long queriesSent;
    private long rowsReceived;
    private Instant connectedAt;
    private Instant lastUsedAt;

    /** The socket took {@code bytes} to send. */
    void sent(int bytes) {
        bytesSent += bytes;
    }

    /** The socket gave {@code bytes} that the server sent. */
    void received(int bytes) {
        bytesReceived += bytes;
    }

    /** The connection is ready for queries: it was used, for the first time, now. */
    void connected() {
        connectedAt = Instant.now();
        lastUsedAt = connectedAt;
    }

    /** A Query message is being sent. */
    void querySent() {
        queriesSent++;
        lastUsedAt = Instant.now();
    }

    /** The query's ReadyForQuery was read. */
    void queryEnded() {
        lastUsedAt = Instant.now();
    }

    /** One DataRow message was read (a row of any result, also one that was then dropped). */
    void rowReceived() {
        rowsReceived++;
    }

    /** The counts and times as they are now. */
    public Totals totals() {
        return new Totals(connectedAt, lastUsedAt, queriesSent, rowsReceived, bytesSent, bytesReceived);
    }

    /**
     * What a connection has done, at one moment.
     *
     * @param connectedAt   when it became ready for queries (null before)
     * @param lastUsedAt    when a query was last sent or ended, else when it became ready
     * @param queriesSent   Query messages sent (each dblink call sends one or more)
     * @param rowsReceived  DataRow messages received
     * @param bytesSent     bytes written to the socket, TLS included
     * @param bytesReceived bytes read from the socket, TLS included
     */
    public record Totals(Instant connectedAt, Instant lastUsedAt, long queriesSent, long rowsReceived, long bytesSent,
            long bytesReceived) {}
}
