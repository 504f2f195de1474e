package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdblink.protocol.PgError;
import org.junit.jupiter.api.Test;

class RemoteNoticesTest {
    private final TestLocalBackend backend = new TestLocalBackend();
    private final NoticeQueue queue = new NoticeQueue();
    private final RemoteNotices onX = new RemoteNotices(backend, queue, "x");

    private static PgError notice(String severity, String sqlstate, String message) {
        Map<Character, String> fields = new HashMap<>();
        if (severity != null) {
            fields.put('S', severity);
            fields.put('V', severity);
        }
        if (sqlstate != null) {
            fields.put('C', sqlstate);
        }
        fields.put('M', message);
        return new PgError(fields);
    }

    private static Notice.Level levelOf(PgError notice) {
        return RemoteNotices.toLocal(notice, "x").level();
    }

    @Test
    void eachRemoteLevelIsRaisedAtItsOwn() {
        assertEquals(Notice.Level.DEBUG, levelOf(notice("DEBUG", "00000", "m")));
        assertEquals(Notice.Level.LOG, levelOf(notice("LOG", "00000", "m")));
        assertEquals(Notice.Level.INFO, levelOf(notice("INFO", "00000", "m")));
        assertEquals(Notice.Level.NOTICE, levelOf(notice("NOTICE", "00000", "m")));
        assertEquals(Notice.Level.WARNING, levelOf(notice("WARNING", "01000", "m")));
    }

    @Test
    void theNonLocalizedSeverityDecidesAndAnythingElseIsANotice() {
        // a German server: S is localized, V is not
        assertEquals(Notice.Level.WARNING, levelOf(new PgError(Map.of('S', "WARNUNG", 'V', "WARNING", 'M', "m"))));
        // before 9.6 there is no V: a localized severity is not guessed at
        assertEquals(Notice.Level.NOTICE, levelOf(new PgError(Map.of('S', "WARNUNG", 'M', "m"))));
        assertEquals(Notice.Level.NOTICE, levelOf(notice(null, null, "m")));
        // what no server sends in a notice must not end the local statement
        for (String severe : List.of("ERROR", "FATAL", "PANIC")) {
            assertEquals(Notice.Level.NOTICE, levelOf(notice(severe, "XX000", "m")), severe);
        }
    }

    @Test
    void theRemoteFieldsAreKeptAndTheConnectionNamedInTheContext() {
        PgError raised = new PgError(Map.of('S', "NOTICE", 'V', "NOTICE", 'C', "P0001", 'M', "hello",
                'D', "a detail", 'H', "a hint", 'W', "PL/pgSQL function f() line 3 at RAISE"));

        assertEquals(new Notice(Notice.Level.NOTICE, new ServerMessage("P0001", "hello", "a detail", "a hint",
                "PL/pgSQL function f() line 3 at RAISE\nreceived message via dblink connection named \"x\"")),
                RemoteNotices.toLocal(raised, "x"));
        ServerMessage unnamed = RemoteNotices.toLocal(notice("INFO", "00000", "m"), null).message();
        assertEquals("received message via unnamed dblink connection", unnamed.context());
        assertNull(unnamed.detail());
        assertNull(unnamed.hint());
    }

    @Test
    void withoutAValidSqlstateTheLevelsDefaultIsUsed() {
        assertEquals("00000", RemoteNotices.toLocal(notice("NOTICE", null, "m"), "x").message().sqlstate());
        assertEquals("01000", RemoteNotices.toLocal(notice("WARNING", null, "m"), "x").message().sqlstate());
        assertEquals("01000", RemoteNotices.toLocal(notice("WARNING", "0100", "m"), "x").message().sqlstate());
        assertEquals("00000", RemoteNotices.toLocal(notice("INFO", "0a000", "m"), "x").message().sqlstate());
        assertEquals("", RemoteNotices.toLocal(new PgError(Map.of('V', "NOTICE")), "x").message().message());
    }

    @Test
    void theSettingIsReadAsEachNoticeArrives() {
        onX.accept(notice("NOTICE", "00000", "logged"));
        backend.remoteNoticesToClient = true;
        onX.accept(notice("WARNING", "01000", "shown"));
        backend.remoteNoticesToClient = false;
        onX.accept(notice("INFO", "00000", "logged again"));

        assertEquals(List.of("NOTICE: logged", "INFO: logged again"), backend.loggedNotices);
        List<Notice> shown = queue.take();
        assertEquals(1, shown.size());
        assertEquals(Notice.Level.WARNING, shown.get(0).level());
        assertEquals("shown", shown.get(0).message().message());
    }

    @Test
    void noticesBeyondTheBudgetGoToTheServerLog() {
        backend.remoteNoticesToClient = true;
        String half = "x".repeat(NoticeQueue.REMOTE_BUDGET / 2);
        onX.accept(notice("NOTICE", "00000", half));
        onX.accept(notice("NOTICE", "00000", half));
        onX.accept(notice("NOTICE", "00000", "small"));

        assertEquals(List.of("NOTICE: " + half, "NOTICE: small"), backend.loggedNotices);
        List<Notice> shown = queue.take();
        assertEquals(2, shown.size());
        assertEquals(half, shown.get(0).message().message());
        assertEquals("2 more remote notices were written to the server log only", shown.get(1).message().message());
    }
}
