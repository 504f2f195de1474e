package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.protocol.QueryInterruptedException;
import org.jdblink.protocol.QueryText;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The waits the dblink functions report to the local backend (pg_stat_activity's wait
 * events): what each is for, under dblink's names, each ended before the call returns,
 * also when an interrupt ends it; and the waits are prepared before any of them.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RemoteWaitsTest {
    private final TestLocalBackend backend = new TestLocalBackend();
    private final DblinkSession session = new DblinkSession(backend);

    private static String fakeServer(int port) {
        return "host=127.0.0.1 port=" + port + " sslmode=disable user=fake dbname=fake";
    }

    /** The waits started since the last call: each must have ended before the next began. */
    private List<RemoteWait> takeWaits() {
        List<RemoteWait> started = new ArrayList<>();
        for (int i = 0; i < backend.waits.size(); i += 2) {
            started.add(RemoteWait.valueOf(backend.waits.get(i)));
            assertTrue(i + 1 < backend.waits.size() && backend.waits.get(i + 1).equals("end"), "waits: " + backend.waits);
        }
        backend.waits.clear();
        return started;
    }

    private void assertOnly(RemoteWait wait, List<RemoteWait> waits) {
        assertTrue(!waits.isEmpty() && waits.stream().allMatch(wait::equals), "waits: " + waits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"named", ""})
    void dblinkConnectWaitsToConnectUntilTheInterrupt(String connname) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            backend.interruptOnceWaiting();
            assertThrows(QueryInterruptedException.class,
                    () -> session.connect(connname.isEmpty() ? null : connname, "host=127.0.0.1 port=" + silent.getLocalPort()));
        }
        assertOnly(RemoteWait.CONNECT, takeWaits());
        assertEquals(List.of(RemoteWait.CONNECT, RemoteWait.GET_RESULT, RemoteWait.CANCEL), backend.prepared);
    }

    @Test
    void aConnectionForOneCallWaitsToGetConnected() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            backend.interruptOnceWaiting();
            assertThrows(QueryInterruptedException.class,
                    () -> session.exec("host=127.0.0.1 port=" + silent.getLocalPort(), QueryText.of("SELECT 1"), true));
        }
        assertOnly(RemoteWait.GET_CONNECT, takeWaits());
        assertEquals(List.of(RemoteWait.GET_CONNECT, RemoteWait.GET_RESULT, RemoteWait.CANCEL), backend.prepared);
    }

    @Test
    void aQueryWaitsToGetItsResultThenItsInterruptCancels() throws Exception {
        // "silence" answers nothing until the query is cancelled
        try (FakePgServer server = FakePgServer.start(FakeScenarios.byName("silence"))) {
            session.connect("x", fakeServer(server.port()));
            takeWaits();
            backend.interruptOnceWaiting();
            assertThrows(QueryInterruptedException.class, () -> session.exec("x", QueryText.of("SELECT fake"), true));
            List<RemoteWait> waits = takeWaits();
            assertEquals(RemoteWait.GET_RESULT, waits.get(0), "waits: " + waits);
            assertTrue(List.of(RemoteWait.GET_RESULT, RemoteWait.CANCEL).containsAll(waits), "waits: " + waits);
            session.disconnect("x");
        }
    }

    @Test
    void dblinkCancelQueryWaitsAsACancel() throws Exception {
        try (FakePgServer server = FakePgServer.startHangingRemote()) {
            session.connect("x", fakeServer(server.port()));
            assertEquals(1, session.async().sendQuery("x", QueryText.of("SELECT 1")));
            server.fillListenQueue(); // the CancelRequest's connect never completes
            takeWaits();
            backend.interruptOnceWaiting();
            assertThrows(QueryInterruptedException.class, () -> session.async().cancelQuery("x"));
            assertOnly(RemoteWait.CANCEL, takeWaits());
        }
    }

    @Test
    void aBackendThatCannotPrepareTheWaitsFailsTheConnectBeforeAnyWait() throws Exception {
        RuntimeException outOfWaitEvents = new IllegalStateException("too many custom wait events");
        backend.prepareFailure = outOfWaitEvents;
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            assertSame(outOfWaitEvents, assertThrows(IllegalStateException.class,
                    () -> session.connect("x", "host=127.0.0.1 port=" + silent.getLocalPort())));
        }
        assertEquals(List.of(), backend.waits);
        assertNull(session.connectionNames());
    }
}
