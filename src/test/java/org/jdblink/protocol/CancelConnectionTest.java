package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.TimeoutException;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;

/**
 * libpq 17's cancel connection ({@link CancelTarget#sendAndAwaitClose}): its texts, its
 * deadline and its interruptible waits, against servers on 127.0.0.1 that take the
 * request, refuse the connection, never answer, or answer what they should not.
 */
class CancelConnectionTest {
    private static final byte[] KEY = {0, 0, 0, 2};
    private static final SocketWaits UNREPORTED = new SocketWaits(WaitReporter.NONE, WaitReporter.Purpose.CANCEL);

    private static final long DEADLINE_NANOS = 300_000_000L;
    private static final long GENEROUS_NANOS = 5_000_000_000L;

    private static CancelTarget loopback(int port) {
        return new CancelTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "server at \"127.0.0.1\", port " + port);
    }

    private static long soon() {
        return System.nanoTime() + DEADLINE_NANOS;
    }

    @Test
    void aRequestTheServerTakesAndAnswersByClosingSucceeds() throws Exception {
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("silence"))) {
            assertNull(loopback(server.port()).sendAndAwaitClose(1, KEY, soon(), Interrupts.NONE, UNREPORTED));
            assertEquals(1, server.cancelRequests());
        }
    }

    @Test
    void aRefusedConnectionFailsWithLibpqsConnectionText() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertEquals("connection to server at \"127.0.0.1\", port " + port + " failed: Connection refused\n"
                + "\tIs the server running on that host and accepting TCP/IP connections?\n",
                loopback(port).sendAndAwaitClose(1, KEY, soon(), Interrupts.NONE, UNREPORTED));
        String socket = "/nonexistent/.s.PGSQL.5432";
        CancelTarget unix = new CancelTarget(UnixDomainSocketAddress.of(socket), "server on socket \"" + socket + "\"");
        assertEquals("connection to server on socket \"" + socket + "\" failed: No such file or directory\n"
                + "\tIs the server running locally and accepting connections on that socket?\n",
                unix.sendAndAwaitClose(1, KEY, soon(), Interrupts.NONE, UNREPORTED));
    }

    @Test
    void aServerThatNeverClosesOrNeverAcceptsRunsIntoTheDeadline() throws Exception {
        try (ServerSocket neverAccepts = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThrows(TimeoutException.class, () -> loopback(neverAccepts.getLocalPort()).sendAndAwaitClose(1, KEY, soon(),
                    Interrupts.NONE, UNREPORTED));
            long took = System.nanoTime() - start;
            assertTrue(took >= DEADLINE_NANOS && took < GENEROUS_NANOS, took + " ns");
        }
        try (FakePgServer server = FakePgServer.startHangingRemote()) {
            server.fillListenQueue();
            assertThrows(TimeoutException.class, () -> loopback(server.port()).sendAndAwaitClose(1, KEY, soon(), Interrupts.NONE, UNREPORTED));
        }
    }

    @Test
    void aLocalInterruptEndsTheWait() throws Exception {
        try (ServerSocket neverAccepts = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThrows(QueryInterruptedException.class, () -> loopback(neverAccepts.getLocalPort()).sendAndAwaitClose(1, KEY,
                    System.nanoTime() + GENEROUS_NANOS, () -> System.nanoTime() - start > DEADLINE_NANOS, UNREPORTED));
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
        }
    }

    @Test
    void anAnswerInsteadOfTheClosingIsAnUnexpectedResponse() throws Exception {
        try (ServerSocket talkative = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = talkative.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().readNBytes(16);
                    out.write('N');
                    out.flush();
                    Thread.sleep(1000);
                } catch (Exception e) {
                    // the test fails on the client side
                }
            });
            answer.start();
            int port = talkative.getLocalPort();
            assertEquals("connection to server at \"127.0.0.1\", port " + port + " failed: unexpected response from server\n",
                    loopback(port).sendAndAwaitClose(1, KEY, System.nanoTime() + GENEROUS_NANOS, Interrupts.NONE, UNREPORTED));
            answer.join();
        }
    }
}
