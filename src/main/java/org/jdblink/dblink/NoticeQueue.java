package org.jdblink.dblink;

import java.util.ArrayList;
import java.util.List;

/**
 * The notices a session's calls queue for the bridge to raise once the call has returned
 * (no PostgreSQL error may be raised over Java frames), oldest first. dblink's own are
 * few and always kept. Remote notices are the remote server's to send, as many as it
 * likes during one call: the Java heap holds at most {@link #REMOTE_BUDGET} characters of
 * them until the bridge takes the queue; {@link #offerRemote} refuses the rest, which
 * then go to the server log, and one WARNING, where the first was refused, says how many.
 */
final class NoticeQueue {
    /** Characters of remote notice text (message, DETAIL, HINT, CONTEXT) held at most between two takes. */
    static final int REMOTE_BUDGET = 1 << 20;

    private final List<Notice> queued = new ArrayList<>();
    private long remoteChars;
    /** Where the first refused remote notice would have been, or -1. */
    private int refusedAt = -1;
    private int refused;

    /** One of dblink's own notices. */
    void add(Notice notice) {
        queued.add(notice);
    }

    /** A remote notice: queued while the budget lasts, else false (and counted). */
    boolean offerRemote(Notice notice) {
        long size = textLength(notice.message());
        if (refusedAt >= 0 || remoteChars + size > REMOTE_BUDGET) {
            if (refusedAt < 0) {
                refusedAt = queued.size();
            }
            refused++;
            return false;
        }
        remoteChars += size;
        queued.add(notice);
        return true;
    }

    /** The queued notices, oldest first, with the WARNING for refused ones in its place; the queue is emptied. */
    List<Notice> take() {
        List<Notice> taken = new ArrayList<>(queued);
        if (refusedAt >= 0) {
            taken.add(refusedAt, overflowWarning(refused));
        }
        queued.clear();
        remoteChars = 0;
        refusedAt = -1;
        refused = 0;
        return taken;
    }

    static Notice overflowWarning(int count) {
        String what = count == 1 ? "1 more remote notice was" : count + " more remote notices were";
        return new Notice(Notice.Level.WARNING, new ServerMessage(SqlStates.WARNING,
                what + " written to the server log only",
                "jdblink.remote_notices = client shows at most " + (REMOTE_BUDGET >> 20)
                        + " MB of remote notice text per call.",
                null, null));
    }

    private static long textLength(ServerMessage message) {
        return length(message.message()) + length(message.detail()) + length(message.hint()) + length(message.context());
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
