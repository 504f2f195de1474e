package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A query text larger than the socket buffers sent to a server whose backend stopped
 * reading (SIGSTOP): an interrupt must end the write within a poll interval, over plain
 * TCP, TLS and a Unix socket alike, and the connection must be closed with the reason.
 */
class StalledWriteIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(true);

    /** More than loopback TCP (32 MB received, 4 MB sent at most here) or a Unix socket buffers. */
    private static final int TEXT_BYTES = 48 * 1024 * 1024;
    private static final long INTERRUPT_AFTER_MILLIS = 1_000;
    /** Generous: the goal is one poll interval. */
    private static final long RETURN_BOUND_MILLIS = 5_000;

    /** The query text, outside the heap (made per test, so that it is not held longer). */
    private static ByteBuffer largeSelect() {
        ByteBuffer b = ByteBuffer.allocateDirect(TEXT_BYTES);
        b.put("SELECT length('".getBytes(StandardCharsets.US_ASCII));
        byte[] xs = new byte[64 * 1024];
        Arrays.fill(xs, (byte) 'x');
        while (b.remaining() > 2) {
            b.put(xs, 0, Math.min(xs.length, b.remaining() - 2));
        }
        b.put("')".getBytes(StandardCharsets.US_ASCII));
        return b.flip();
    }

    @Test
    void plainTcp() throws Exception {
        stalledWrite(Settings.of(Map.of("user", "postgres", "dbname", "postgres", "sslmode", "disable"),
                Settings.tcp("127.0.0.1", pg.cluster().port())), false);
    }

    @Test
    void tls() throws Exception {
        stalledWrite(Settings.of(Map.of("user", "postgres", "dbname", "postgres", "sslmode", "require",
                "sslrootcert", "/nonexistent/root.crt"), Settings.tcp("127.0.0.1", pg.cluster().port())), true);
    }

    @Test
    void unixSocket() throws Exception {
        stalledWrite(Settings.of(Map.of("user", "postgres", "dbname", "postgres"),
                Settings.unix(pg.cluster().socketDir(), pg.cluster().port())), false);
    }

    private static void stalledWrite(ConnectionSettings settings, boolean encrypted) throws Exception {
        ByteBuffer text = largeSelect();
        long[] interruptAt = {Long.MAX_VALUE};
        try (PgConnection c = PgConnection.connect(settings, () -> System.nanoTime() > interruptAt[0])) {
            assertEquals(encrypted ? "t" : "f", singleValue(c, "select coalesce((select ssl from pg_stat_ssl where pid = pg_backend_pid()), false)"));
            String backend = Integer.toString(c.backendPid());
            signal("STOP", backend);
            try {
                long start = System.nanoTime();
                interruptAt[0] = start + INTERRUPT_AFTER_MILLIS * 1_000_000;
                assertThrows(QueryInterruptedException.class,
                        () -> c.sendQuery(QueryText.of(text, StandardCharsets.UTF_8)));
                long afterInterrupt = (System.nanoTime() - interruptAt[0]) / 1_000_000;
                System.out.println((encrypted ? "tls" : settings.targets().get(0).unixSocket() ? "unix" : "tcp")
                        + ": stalled " + TEXT_BYTES + "-byte query text returned " + afterInterrupt + " ms after the interrupt");
                assertTrue(afterInterrupt >= 0, "returned before the interrupt: the write did not stall");
                assertTrue(afterInterrupt < RETURN_BOUND_MILLIS, afterInterrupt + " ms");
            } finally {
                signal("CONT", backend);
            }
            assertTrue(c.isBroken());
            assertEquals(PgConnection.QUERY_CUT_SHORT + "\n", c.closedAfterInterrupt());
            assertEquals(PgConnection.QUERY_CUT_SHORT + "\n", c.errorMessage());
            PgIOException later = assertThrows(PgIOException.class, () -> c.sendQuery("SELECT 1"));
            assertEquals(PgConnection.QUERY_CUT_SHORT + "\n", later.getMessage());
        }
    }

    private static String singleValue(PgConnection c, String sql) throws PgIOException {
        c.sendQuery(sql);
        String value = null;
        for (Event e = c.next(); e != Event.READY; e = c.next()) {
            if (e == Event.DATA_ROW) {
                value = RowText.values(c).get(0);
            }
        }
        return value;
    }

    private static void signal(String signal, String pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start().waitFor(), "kill -" + signal + " " + pid);
    }
}
