package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.dblink.DblinkException;
import org.jdblink.dblink.Notice;
import org.jdblink.dblink.ServerMessage;
import org.jdblink.protocol.QueryInterruptedException;
import org.junit.jupiter.api.Test;

class ReportsTest {
    /** Decodes the format the way calls.c does. */
    private static List<List<String>> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        List<List<String>> reports = new ArrayList<>();
        while (in.hasRemaining()) {
            List<String> fields = new ArrayList<>();
            fields.add(String.valueOf((char) in.get()));
            for (int i = 0; i < 6; i++) {
                int length = in.getInt();
                if (length < 0) {
                    fields.add(null);
                } else {
                    byte[] text = new byte[length];
                    in.get(text);
                    fields.add(new String(text, StandardCharsets.UTF_8));
                }
            }
            reports.add(fields);
        }
        return reports;
    }

    @Test
    void dblinkExceptionCarriesItsReportVerbatim() {
        ServerMessage message = new ServerMessage("42P01", "relation \"nö\" does not exist", null,
                "a hint", "remote line\nwhile executing query on unnamed dblink connection");
        List<List<String>> reports = decode(Reports.describe(new DblinkException(message)));

        assertEquals(1, reports.size());
        assertEquals(List.of("D", "42P01", "relation \"nö\" does not exist"), reports.get(0).subList(0, 3));
        assertNull(reports.get(0).get(3));
        assertEquals("a hint", reports.get(0).get(4));
        assertEquals("remote line\nwhile executing query on unnamed dblink connection", reports.get(0).get(5));
        assertNull(reports.get(0).get(6));
    }

    @Test
    void backendErrorOfANativeKeepsItsFieldsAndLeavesContextToTheServer() {
        BackendError error = new BackendError(bytes("42704"), bytes("user mapping not found for \"nö\""),
                bytes("a detail"), bytes("a hint"));
        List<String> report = decode(Reports.describe(error)).get(0);

        assertEquals(List.of("D", "42704", "user mapping not found for \"nö\"", "a detail", "a hint"),
                report.subList(0, 5));
        assertNull(report.get(5));
        assertNull(report.get(6));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void interruptIsItsOwnKind() {
        assertEquals("I", decode(Reports.describe(new QueryInterruptedException())).get(0).get(0));
    }

    @Test
    void aJavaHeapTooSmallIsOutOfMemoryWithAHintNotAnInternalError() {
        List<String> report = decode(Reports.describe(new OutOfMemoryError("Java heap space"))).get(0);

        assertEquals(List.of("D", "53200", "out of memory",
                "The Java virtual machine of jdblink ran out of memory: Java heap space.",
                "Raise its heap limit with -Xmx in jdblink.jvm_options."), report.subList(0, 5));
        assertNull(report.get(5));
        assertTrue(report.get(6).contains("java.lang.OutOfMemoryError: Java heap space"), report.get(6));
    }

    @Test
    void anythingElseIsInternalWithAStackTraceForTheLogOnly() {
        List<String> report = decode(Reports.describe(new IllegalStateException("boom"))).get(0);

        assertEquals("X", report.get(0));
        assertEquals("XX000", report.get(1));
        assertEquals("java.lang.IllegalStateException: boom", report.get(2));
        assertTrue(report.get(6).contains("at org.jdblink.bridge.ReportsTest"), report.get(6));
        assertTrue(!report.get(6).endsWith("\n"));
    }

    @Test
    void noticesAreNullWhenNoneAndInOrderOtherwise() {
        assertNull(Reports.notices(List.of()));
        List<List<String>> reports = decode(Reports.notices(List.of(
                Notice.of(new ServerMessage("42P01", "first", null, null, null)),
                Notice.of(new ServerMessage("22012", "second", "d", null, "c")))));

        assertEquals(2, reports.size());
        assertEquals(List.of("N", "42P01", "first"), reports.get(0).subList(0, 3));
        assertEquals("second", reports.get(1).get(2));
        assertEquals("d", reports.get(1).get(3));
        assertEquals("c", reports.get(1).get(5));
    }

    @Test
    void eachNoticeLevelIsAKindOfItsOwn() {
        List<Notice> levels = new ArrayList<>();
        for (Notice.Level level : Notice.Level.values()) {
            levels.add(new Notice(level, new ServerMessage("01000", level.name(), null, null, null)));
        }
        List<List<String>> reports = decode(Reports.notices(levels));

        List<String> kinds = new ArrayList<>();
        for (List<String> report : reports) {
            kinds.add(report.get(0));
        }
        // as calls.c reads them: DEBUG1, LOG, INFO, NOTICE, WARNING
        assertEquals(List.of("G", "L", "F", "N", "W"), kinds);
        assertEquals("WARNING", reports.get(4).get(2));
    }
}
