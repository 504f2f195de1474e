package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A query text and a value of 100 MB, with a Java heap of 64 MB (Failsafe runs this class
 * alone with -Xmx64m, jdblink's default) and no direct buffer of their size: the text is
 * streamed from, and the value into, memory outside the heap (here mapped files; in the
 * backend, memory of the C side).
 */
@Tag("small-heap")
class LargeValueStreamIT {
    private static final int MB = 1024 * 1024;
    private static final int VALUE = 100 * MB;

    private static TestCluster cluster;
    private PgConnection c;
    private Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() < VALUE, "the heap must be smaller than the value");
        cluster = TestCluster.start(false);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @BeforeEach
    void connect() throws Exception {
        c = PgConnection.connect(Settings.user("postgres", null, Settings.unix(cluster.socketDir(), cluster.port())), Interrupts.NONE);
        dir = Files.createTempDirectory("jdblink-large");
    }

    @AfterEach
    void close() throws Exception {
        c.close();
        for (Path p : Files.list(dir).toList()) {
            Files.delete(p);
        }
        Files.delete(dir);
    }

    private MappedByteBuffer map(String name, int size) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    private static void fill(ByteBuffer into, byte value, int count) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, value);
        for (int left = count; left > 0; left -= chunk.length) {
            into.put(chunk, 0, Math.min(left, chunk.length));
        }
    }

    @Test
    void aHundredMegabyteQueryTextAndValueStreamOutsideTheHeap() throws Exception {
        byte[] head = "select '".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "'::text, 'tail'".getBytes(StandardCharsets.US_ASCII);
        MappedByteBuffer sql = map("sql", head.length + VALUE + tail.length);
        sql.put(head);
        fill(sql, (byte) 'x', VALUE);
        sql.put(tail).flip();
        c.sendQuery(QueryText.of(sql, StandardCharsets.UTF_8));

        assertEquals(Event.ROW_DESCRIPTION, c.next());
        assertEquals(Event.LARGE_ROW, c.next());
        assertEquals(2 + 4 + VALUE + 4 + 4, c.rowLength());
        MappedByteBuffer row = map("row", c.rowLength());
        c.readLargeRow(row);
        assertFalse(row.hasRemaining());
        assertEquals(2, row.getShort(0));
        assertEquals(VALUE, row.getInt(2));
        for (int i = 6; i < 6 + VALUE; i += 4093) {
            assertEquals('x', row.get(i));
        }
        assertEquals('x', row.get(6 + VALUE - 1));
        assertEquals(4, row.getInt(6 + VALUE));
        assertEquals('l', row.get(row.capacity() - 1));
        assertEquals(Event.COMMAND_COMPLETE, c.next());
        assertEquals("SELECT 1", c.commandTag());
        assertEquals(Event.READY, c.next());
    }

    @Test
    void largeRowsNobodyReadsAreSkipped() throws Exception {
        c.sendQuery("select repeat('y', 60 * 1024 * 1024) from generate_series(1, 3)");
        int large = 0;
        for (Event e = c.next(); e != Event.READY; e = c.next()) {
            if (e == Event.LARGE_ROW) {
                large++;
            }
        }
        assertEquals(3, large);
        assertEquals("SELECT 3", c.commandTag());
        c.sendQuery("select 'next'");
        assertEquals(Event.ROW_DESCRIPTION, c.next());
        assertEquals(Event.DATA_ROW, c.next());
        assertEquals(Event.COMMAND_COMPLETE, c.next());
        assertEquals(Event.READY, c.next());
    }

    /**
     * A message that is not a row and does not fit the heap (an error quoting a 100 MB value)
     * cannot be buffered: like libpq when its input buffer cannot grow, the connection is
     * given up with libpq's texts, never left busy.
     */
    @Test
    void aMessageTooLargeForTheHeapGivesTheConnectionUp() throws Exception {
        c.sendQuery("select repeat('z', 100 * 1024 * 1024)::int");
        PgIOException e = assertThrows(PgIOException.class, () -> {
            for (Event ev = c.next(); ev != Event.READY; ev = c.next()) {
                // until the failure
            }
        });
        assertTrue(e.getMessage().startsWith("cannot allocate memory for input buffer\n"
                + "lost synchronization with server: got message type \"E\", length "), e.getMessage());
        assertTrue(c.isBroken());
        assertFalse(c.queryInProgress());
        assertEquals(e.getMessage() + "\n", c.errorMessage());
    }
}
