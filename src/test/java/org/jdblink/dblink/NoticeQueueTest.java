package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeQueueTest {
    private final NoticeQueue queue = new NoticeQueue();

    /** A remote notice of {@code message} and {@code padding} x's. */
    private static Notice remote(String message, int padding) {
        return new Notice(Notice.Level.INFO, new ServerMessage("00000", message + "x".repeat(padding), null, null, null));
    }

    private static Notice own(String message) {
        return Notice.of(new ServerMessage("22012", message, null, null, null));
    }

    private static List<String> messages(List<Notice> notices) {
        return notices.stream().map(n -> n.level() + " " + n.message().message().replaceAll("x+$", "")).toList();
    }

    @Test
    void oldestFirstWhateverTheirKindAndEmptiedByTaking() {
        queue.add(own("truncated"));
        assertTrue(queue.offerRemote(remote("r1", 10)));
        queue.add(own("division by zero"));

        assertEquals(List.of("NOTICE truncated", "INFO r1", "NOTICE division by zero"), messages(queue.take()));
        assertEquals(List.of(), queue.take());
    }

    @Test
    void remoteNoticesBeyondTheBudgetAreRefusedAndOneWarningTakesTheirPlace() {
        int half = NoticeQueue.REMOTE_BUDGET / 2 - 2;
        assertTrue(queue.offerRemote(remote("r1", half)));
        assertTrue(queue.offerRemote(remote("r2", half)));
        assertFalse(queue.offerRemote(remote("r3", 0)));
        // once one is refused so are the later ones, however small, so none overtakes it
        assertFalse(queue.offerRemote(remote("r4", 0)));
        queue.add(own("dblink's own is kept"));

        List<Notice> taken = queue.take();
        assertEquals(List.of("INFO r1", "INFO r2", "WARNING 2 more remote notices were written to the server log only",
                "NOTICE dblink's own is kept"), messages(taken));
        ServerMessage warning = taken.get(2).message();
        assertEquals("01000", warning.sqlstate());
        assertEquals("jdblink.remote_notices = client shows at most 1 MB of remote notice text per call.", warning.detail());
    }

    @Test
    void theBudgetCountsEveryFieldAndStartsAgainAfterATake() {
        ServerMessage fields = new ServerMessage("00000", "m", "d".repeat(NoticeQueue.REMOTE_BUDGET / 2), "h",
                "c".repeat(NoticeQueue.REMOTE_BUDGET / 2));
        assertFalse(queue.offerRemote(new Notice(Notice.Level.NOTICE, fields)));
        assertEquals(List.of("WARNING 1 more remote notice was written to the server log only"), messages(queue.take()));

        assertTrue(queue.offerRemote(remote("after", NoticeQueue.REMOTE_BUDGET - "after".length())));
        assertEquals(List.of("INFO after"), messages(queue.take()));
    }
}
