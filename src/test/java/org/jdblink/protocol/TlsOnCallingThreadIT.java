package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bridge lets only the backend's main thread run jdblink code: the TLS handshake and
 * every TLS read and write run on the calling thread, polling its interrupts, and no
 * thread is started for them.
 */
class TlsOnCallingThreadIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(true);

    private static final long INTERRUPT_AFTER_MILLIS = 300;
    /** Generous: the goal is one poll interval. */
    private static final long RETURN_BOUND_MILLIS = 5_000;

    /**
     * Answers the SSLRequest with 'S', reads the ClientHello and then says nothing more: a
     * server that went silent in the middle of the handshake (or, with {@code hangUp},
     * closed the connection there).
     */
    private static final class SilentAfterClientHello implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        private final Thread server = new Thread(this::serve, "silent-tls-server");
        private final boolean hangUp;
        private volatile Socket accepted;

        SilentAfterClientHello() throws IOException {
            this(false);
        }

        SilentAfterClientHello(boolean hangUp) throws IOException {
            this.hangUp = hangUp;
            server.setDaemon(true);
            server.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            try {
                accepted = listener.accept();
                DataInputStream in = new DataInputStream(accepted.getInputStream());
                in.readInt(); // length
                in.readInt(); // SSLRequest code
                accepted.getOutputStream().write('S');
                InputStream raw = accepted.getInputStream();
                while (raw.read(new byte[4096]) >= 0 && !hangUp) {
                    // the ClientHello, never answered
                }
                if (hangUp) {
                    accepted.close();
                }
            } catch (IOException ended) {
                // closed by the test
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            if (accepted != null) {
                accepted.close();
            }
        }
    }

    @Test
    void aSilentHandshakeIsInterruptedOnTheCallingThread() throws Exception {
        try (SilentAfterClientHello server = new SilentAfterClientHello()) {
            Thread caller = Thread.currentThread();
            AtomicInteger polls = new AtomicInteger();
            AtomicBoolean elsewhere = new AtomicBoolean();
            AtomicBoolean helperSeen = new AtomicBoolean();
            long start = System.nanoTime();
            long interruptAt = start + INTERRUPT_AFTER_MILLIS * 1_000_000;
            Interrupts interrupts = () -> {
                polls.incrementAndGet();
                elsewhere.compareAndSet(false, Thread.currentThread() != caller);
                helperSeen.compareAndSet(false, handshakeThreadExists());
                return System.nanoTime() > interruptAt;
            };
            assertThrows(QueryInterruptedException.class, () -> PgConnection.connect(Settings.of(
                    Map.of("user", "postgres", "dbname", "postgres", "sslmode", "require"), Settings.tcp("127.0.0.1", server.port())),
                    interrupts));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("silent handshake: interrupt after " + INTERRUPT_AFTER_MILLIS + " ms, returned after " + millis + " ms");
            assertTrue(millis < RETURN_BOUND_MILLIS, millis + " ms");
            assertTrue(polls.get() >= INTERRUPT_AFTER_MILLIS / Interrupts.POLL_MILLIS / 2, "polled " + polls + " times");
            assertFalse(elsewhere.get(), "interrupts polled on another thread");
            assertFalse(helperSeen.get(), "a jdblink-tls-handshake thread existed during the handshake");
        }
    }

    @Test
    void aSilentHandshakeEndsAtConnectTimeout() throws Exception {
        try (SilentAfterClientHello server = new SilentAfterClientHello()) {
            PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(Settings.of(
                    Map.of("user", "postgres", "dbname", "postgres", "sslmode", "require", "connect_timeout", "2"),
                    Settings.tcp("127.0.0.1", server.port())), Interrupts.NONE));
            assertEquals("connection to server at \"127.0.0.1\", port " + server.port() + " failed: timeout expired", e.getMessage());
        }
    }

    @Test
    void aHangUpDuringTheHandshakeReadsAsLibpq() throws Exception {
        try (SilentAfterClientHello server = new SilentAfterClientHello(true)) {
            PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(Settings.of(
                    Map.of("user", "postgres", "dbname", "postgres", "sslmode", "require"),
                    Settings.tcp("127.0.0.1", server.port())), Interrupts.NONE));
            assertEquals("connection to server at \"127.0.0.1\", port " + server.port() + " failed: SSL SYSCALL error: EOF detected",
                    e.getMessage());
        }
    }

    @Test
    void tlsConnectAndQueriesStartNoThread() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Set<Thread> started = new HashSet<>();
        // Every interrupt poll (during the handshake and every wait) looks for new threads,
        // so that one which ends before the query does is seen too.
        Interrupts watching = () -> {
            started.addAll(newThreads(before));
            return false;
        };
        try (PgConnection c = PgConnection.connect(Settings.of(Map.of("user", "postgres", "dbname", "postgres", "sslmode", "require",
                "sslrootcert", "/nonexistent/root.crt"), Settings.tcp("127.0.0.1", pg.cluster().port())), watching)) {
            c.sendQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()");
            String ssl = null;
            for (Event e = c.next(); e != Event.READY; e = c.next()) {
                if (e == Event.DATA_ROW) {
                    ssl = RowText.values(c).get(0);
                }
            }
            assertEquals("t", ssl);
            c.sendQuery("select repeat('x', 1000000) from generate_series(1, 20)");
            int rows = 0;
            for (Event e = c.next(); e != Event.READY; e = c.next()) {
                rows += e == Event.DATA_ROW ? 1 : 0;
            }
            assertEquals(20, rows);
        }
        started.addAll(newThreads(before));
        assertEquals(Set.of(), started);
    }

    /**
     * Live threads not in {@code before} that code on this thread started: the JDK's own
     * service threads (Common-Cleaner and the like) live in the system thread group, a
     * thread started by jdblink code joins the caller's group.
     */
    private static Set<Thread> newThreads(Set<Thread> before) {
        Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
        now.removeAll(before);
        now.removeIf(t -> t.getThreadGroup() != Thread.currentThread().getThreadGroup());
        return now;
    }

    private static boolean handshakeThreadExists() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("jdblink"));
    }
}
