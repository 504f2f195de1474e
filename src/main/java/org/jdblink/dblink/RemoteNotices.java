package org.jdblink.dblink;

import java.util.function.Consumer;
import org.jdblink.protocol.PgError;

/**
 * Where the notices of one remote connection go (its NoticeResponses: RAISE NOTICE in a
 * remote function, say), by {@code jdblink.remote_notices} as it is when each arrives:
 * {@code log}, C dblink's behaviour, writes them to the server log; {@code client} queues
 * them to be raised in the local session at their own level, with the remote SQLSTATE,
 * DETAIL, HINT and CONTEXT, and a CONTEXT line naming the connection.
 *
 * @param connname the connection's registered name, null for the unnamed or a one-shot one
 */
record RemoteNotices(LocalBackend backend, NoticeQueue queue, String connname) implements Consumer<PgError> {
    @Override
    public void accept(PgError notice) {
        if (!backend.remoteNoticesToClient() || !queue.offerRemote(toLocal(notice, connname))) {
            backend.remoteNotice(notice);
        }
    }

    /**
     * The notice as the local session raises it. Its level is the remote one (the
     * non-localized severity of 9.6 and later); any other (a localized one, or a severity
     * of ERROR and above, which no server sends in a notice) is a NOTICE: a remote notice
     * can never end the local statement. Without a valid SQLSTATE it gets ereport's default
     * for its level.
     */
    static Notice toLocal(PgError notice, String connname) {
        Notice.Level level = level(notice.field('V') != null ? notice.field('V') : notice.severity());
        String sqlstate = notice.sqlState();
        if (!isSqlState(sqlstate)) {
            sqlstate = level == Notice.Level.WARNING ? SqlStates.WARNING : SqlStates.SUCCESSFUL_COMPLETION;
        }
        String context = RemoteErrorReport.context(notice.context(),
                "received message via " + RemoteErrorReport.connectionPhrase(connname));
        String message = notice.message() != null ? notice.message() : "";
        return new Notice(level, new ServerMessage(sqlstate, message, notice.detail(), notice.hint(), context));
    }

    /** Five characters of [0-9A-Z], as the bridge accepts (no regular expression: they set up lambdas). */
    private static boolean isSqlState(String code) {
        if (code == null || code.length() != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static Notice.Level level(String severity) {
        if (severity == null) {
            return Notice.Level.NOTICE;
        }
        return switch (severity) {
            case "DEBUG" -> Notice.Level.DEBUG;
            case "LOG" -> Notice.Level.LOG;
            case "INFO" -> Notice.Level.INFO;
            case "WARNING" -> Notice.Level.WARNING;
            default -> Notice.Level.NOTICE;
        };
    }
}
