package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdblink.protocol.WaitReporter.Purpose;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every wait on the network is reported with what it is for, and ended however it ends:
 * by data, by an interrupt, by an exception. Against a listener on 127.0.0.1 that never
 * answers and {@link FakePgServer}.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitReportingTest {
    /**
     * Records the waits started; one started inside another, or an end without a start, is
     * a violation. It can switch interrupts on some time after the next wait started, so
     * that the interrupt ends a wait rather than coming before it.
     */
    private static final class Recorder implements WaitReporter {
        final List<Purpose> started = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        Purpose current;
        private Switch toSwitchOn;

        void interruptOnceWaiting(Switch interrupts) {
            toSwitchOn = interrupts;
        }

        @Override public void waitStarted(Purpose purpose) {
            if (current != null) {
                violations.add(purpose + " started during " + current);
            }
            started.add(purpose);
            current = purpose;
            if (toSwitchOn != null) {
                toSwitchOn.onIn(300);
                toSwitchOn = null;
            }
        }

        @Override public void waitEnded() {
            if (current == null) {
                violations.add("ended while none was started");
            }
            current = null;
        }

        /** The purposes of the waits started since the last call, which must all be over. */
        List<Purpose> take() {
            assertEquals(List.of(), violations);
            assertNull(current, "a wait was left started");
            List<Purpose> out = List.copyOf(started);
            started.clear();
            return out;
        }
    }

    /** Interrupts switched on by a thread of their own, like a statement_timeout firing. */
    private static final class Switch implements Interrupts {
        volatile boolean pending;

        @Override public boolean pending() { return pending; }

        void onIn(long millis) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                pending = true;
            });
            t.setDaemon(true);
            t.start();
        }
    }

    private static PgConnection connect(int port, Interrupts interrupts, WaitReporter reporter) throws PgConnectException {
        return PgConnection.connect(Settings.of(Map.of("user", "fake", "dbname", "fake", "sslmode", "disable"),
                Settings.tcp("127.0.0.1", port)), interrupts, reporter, TargetPolicy.ANY);
    }

    private static void assertOnly(Purpose purpose, List<Purpose> waits) {
        assertTrue(!waits.isEmpty() && waits.stream().allMatch(purpose::equals), "waits: " + waits);
    }

    @Test
    void connectingToAServerThatNeverAnswersIsAWaitToConnectUntilTheInterrupt() throws Exception {
        Recorder recorder = new Recorder();
        Switch interrupts = new Switch();
        // the kernel completes the connect into the listen queue; nobody ever answers
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            recorder.interruptOnceWaiting(interrupts);
            assertThrows(QueryInterruptedException.class, () -> connect(silent.getLocalPort(), interrupts, recorder));
        }
        assertOnly(Purpose.CONNECT, recorder.take());
    }

    @Test
    void aQueryWaitsForResultsThenItsInterruptCancelsAndDrains() throws Exception {
        Recorder recorder = new Recorder();
        Switch interrupts = new Switch();
        // "silence" answers nothing until the query is cancelled
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("silence"));
                PgConnection c = connect(server.port(), interrupts, recorder)) {
            recorder.take();
            c.sendQuery("SELECT fake");
            recorder.interruptOnceWaiting(interrupts);
            assertThrows(QueryInterruptedException.class, c::next);
            List<Purpose> waits = recorder.take();
            assertEquals(Purpose.RESULT, waits.get(0), "waits: " + waits);
            assertTrue(List.of(Purpose.RESULT, Purpose.CANCEL).containsAll(waits), "waits: " + waits);
        }
    }

    @Test
    void aCancelRequestWaitsAsACancelUntilTheInterrupt() throws Exception {
        Recorder recorder = new Recorder();
        Switch interrupts = new Switch();
        try (FakePgServer server = FakePgServer.startHangingRemote(); PgConnection c = connect(server.port(), interrupts, recorder)) {
            c.sendQuery("select 1");
            server.fillListenQueue(); // the CancelRequest's connect never completes
            recorder.take();
            recorder.interruptOnceWaiting(interrupts);
            assertThrows(QueryInterruptedException.class, c::cancel);
            assertOnly(Purpose.CANCEL, recorder.take());
        }
    }

    @Test
    void aWaitThatThrowsIsEndedToo() throws Exception {
        Recorder recorder = new Recorder();
        SocketWaits waits = new SocketWaits(recorder, Purpose.RESULT);
        assertThrows(IOException.class, () -> waits.await(new IdleSocket(true), StreamSocket.READ, 10));
        assertEquals(List.of(Purpose.RESULT), recorder.take());
    }

    @Test
    void aConnectionWaitsForResultsOnceConnected() throws Exception {
        Recorder recorder = new Recorder();
        SocketWaits waits = new SocketWaits(recorder, Purpose.CONNECT);
        StreamSocket socket = new IdleSocket(false);
        waits.await(socket, StreamSocket.CONNECT, 1);
        waits.connected();
        waits.await(socket, StreamSocket.READ, 1);
        waits.forCancel().await(socket, StreamSocket.CONNECT, 1);
        waits.await(socket, StreamSocket.WRITE, 1);
        assertEquals(List.of(Purpose.CONNECT, Purpose.RESULT, Purpose.CANCEL, Purpose.RESULT), recorder.take());
    }

    /** A socket that never becomes ready, or whose waits fail. */
    private static final class IdleSocket implements StreamSocket {
        private final boolean failing;

        IdleSocket(boolean failing) {
            this.failing = failing;
        }

        @Override public boolean connect() { return false; }

        @Override public boolean finishConnect() { return false; }

        @Override public int read(byte[] into, int offset, int length) { return 0; }

        @Override public int write(byte[] data, int offset, int length) { return 0; }

        @Override
        public boolean await(int what, int millis) throws IOException {
            if (failing) {
                throw new IOException("Bad file descriptor");
            }
            return false;
        }

        @Override public boolean closedByPeer() { return false; }

        @Override public void tuneForTcp() { }

        @Override public String peerUser() { throw new UnsupportedOperationException(); }

        @Override public void close() { }
    }
}
