package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.TestCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Streams a result several times larger than the test JVM's heap (Failsafe runs this class
 * alone with -Xmx64m): rows must be handed out as views, never accumulated.
 */
@Tag("small-heap")
class LargeResultStreamIT {
    private static final int ROWS = 3_000_000;

    @Test
    void streamsThreeMillionRowsInSmallHeap() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        try (TestCluster cluster = TestCluster.start(false);
             PgConnection c = PgConnection.connect(Settings.user("postgres", null, Settings.unix(cluster.socketDir(), cluster.port())), Interrupts.NONE)) {
            c.sendQuery("select i, repeat('x', 90) || i from generate_series(1, " + ROWS + ") i");
            long rows = 0;
            long sumOfI = 0;
            long bytes = 0;
            for (Event e = c.next(); e != Event.READY; e = c.next()) {
                if (e == Event.DATA_ROW) {
                    rows++;
                    bytes += c.rowLength();
                    sumOfI += firstColumnAsLong(c.rowBuffer(), c.rowOffset());
                } else if (e == Event.ERROR) {
                    throw new AssertionError(c.errorMessage());
                }
            }
            assertEquals(ROWS, rows);
            assertEquals((long) ROWS * (ROWS + 1) / 2, sumOfI);
            assertTrue(bytes > 4 * heap, "result " + bytes + " bytes should dwarf the heap of " + heap);
            assertEquals("SELECT " + ROWS, c.commandTag());
        }
    }

    /** Parses the text digits of column 1 in place, without creating a String. */
    private static long firstColumnAsLong(byte[] b, int offset) {
        int len = ((b[offset + 2] & 0xff) << 24) | ((b[offset + 3] & 0xff) << 16) | ((b[offset + 4] & 0xff) << 8) | (b[offset + 5] & 0xff);
        long v = 0;
        for (int i = offset + 6; i < offset + 6 + len; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }
}
