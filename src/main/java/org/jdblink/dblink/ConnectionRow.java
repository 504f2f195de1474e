package org.jdblink.dblink;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdblink.protocol.ConnectionActivity;
import org.jdblink.protocol.PgConnection;

/**
 * One row of jdblink_connections(), as text for the input functions of the columns
 * bridge/jdblink--1.0--1.1.sql declares, in that order (docs/functions/jdblink_connections.md
 * says what each holds). Nothing here waits or raises: a connection that is lost or was
 * closed by its server is described as it stands, with {@code closed} true.
 */
final class ConnectionRow {
    /** name, server_name, host, port, dbname, remote_user, remote_backend_pid, server_version,
     *  ssl, ssl_protocol, ssl_cipher, transaction_status, async_query_in_progress, open_cursors,
     *  connected_at, last_used_at, queries_sent, rows_received, bytes_sent, bytes_received, closed. */
    static final int COLUMNS = 21;

    private ConnectionRow() {}

    /** The row of {@code conn}, registered as {@code name} (null: the unnamed connection). */
    static String[] of(String name, RemoteConnection conn) {
        PgConnection pg = conn.pg();
        ConnectionActivity.Totals activity = pg.activity().totals();
        return new String[] {
            name,
            conn.server(),
            pg.host(),
            Integer.toString(pg.port()),
            pg.dbname(),
            pg.user(),
            Integer.toString(pg.backendPid()),
            pg.parameterStatus("server_version"),
            bool(pg.sslInUse()),
            pg.sslProtocol(),
            pg.sslCipher(),
            transactionStatus(pg),
            bool(pg.queryInProgress()),
            Integer.toString(conn.openCursors().count(pg.transactionsEnded())),
            timestamp(activity.connectedAt()),
            timestamp(activity.lastUsedAt()),
            Long.toString(activity.queriesSent()),
            Long.toString(activity.rowsReceived()),
            Long.toString(activity.bytesSent()),
            Long.toString(activity.bytesReceived()),
            bool(pg.closedByPeer()),
        };
    }

    /** PQtransactionStatus in words, as pg_stat_activity's state says them. */
    private static String transactionStatus(PgConnection pg) {
        return switch (pg.transactionStatus()) {
            case IDLE -> "idle";
            case ACTIVE -> "active";
            case INTRANS -> "in transaction";
            case INERROR -> "in failed transaction";
            case UNKNOWN -> "unknown";
        };
    }

    private static String bool(boolean value) {
        return value ? "true" : "false";
    }

    /**
     * As PostgreSQL writes a timestamptz in UTC with DateStyle ISO, which it reads back
     * whatever DateStyle is: {@code 2026-03-01 12:34:56.789012+00}, to the microsecond.
     * Written here rather than by Instant.toString, whose formatter costs a first call
     * some milliseconds to set up.
     */
    static String timestamp(Instant at) {
        if (at == null) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(32).append(utc.toLocalDate()).append(' ');
        twoDigits(text, utc.getHour()).append(':');
        twoDigits(text, utc.getMinute()).append(':');
        twoDigits(text, utc.getSecond()).append('.');
        return text.append(Integer.toString(1_000_000 + at.getNano() / 1000), 1, 7).append("+00").toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
