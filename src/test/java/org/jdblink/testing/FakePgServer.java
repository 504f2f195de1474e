package org.jdblink.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable fake PostgreSQL server on 127.0.0.1 (only), for tests of how clients take
 * malformed, endless or absent answers. Every connection runs the same {@link FakeScenario};
 * CancelRequests reach the session they name ({@link FakeSession#cancelRequested()}).
 *
 * <p>In a test: {@code try (FakePgServer s = FakePgServer.start(FakeScenarios.byName("silence"))) { … s.port() … }}.
 * As a process for SQL-level tests: {@code java … org.jdblink.testing.FakePgServer SCENARIO [PORT]}
 * prints the port on its first line and serves until standard input closes.
 */
public final class FakePgServer implements AutoCloseable {
    private final ServerSocket listener;
    private final FakeScenario scenario;
    private final Map<Integer, FakeSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextPid = new AtomicInteger(40000);
    private final Thread acceptor;
    /** System.nanoTime() of the last CancelRequest received, 0 before the first. */
    private volatile long lastCancelNanos;

    private FakePgServer(ServerSocket listener, FakeScenario scenario) {
        this.listener = listener;
        this.scenario = scenario;
        this.acceptor = new Thread(this::acceptLoop, "fake-pg-accept");
        acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1 at an ephemeral port. */
    public static FakePgServer start(FakeScenario scenario) throws IOException {
        return start(scenario, 0);
    }

    public static FakePgServer start(FakeScenario scenario, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        FakePgServer server = new FakePgServer(s, scenario);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Whether a CancelRequest has reached any session since its last query began. */
    public boolean anyCancelRequested() {
        return sessions.values().stream().anyMatch(FakeSession::cancelRequested);
    }

    /** When the last CancelRequest arrived (System.nanoTime()), 0 if none has. */
    public long lastCancelNanos() {
        return lastCancelNanos;
    }

    void cancel(int pid) {
        lastCancelNanos = System.nanoTime();
        FakeSession target = sessions.get(pid);
        if (target != null) {
            target.requestCancel();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "fake-pg-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        FakeSession session = null;
        try (client) {
            session = new FakeSession(client, nextPid.getAndIncrement(), ThreadLocalRandom.current().nextInt());
            if (!session.startup(this)) {
                return;
            }
            sessions.put(session.pid, session);
            scenario.authenticate(session);
            session.sendStartupEnd();
            session.serveQueries(scenario);
        } catch (IOException | InterruptedException e) {
            // the client left, or the scenario closed the connection
        } finally {
            if (session != null) {
                sessions.remove(session.pid);
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FakePgServer SCENARIO [PORT]   scenarios: " + String.join(" ", FakeScenarios.names()));
            System.exit(2);
        }
        try (FakePgServer server = start(FakeScenarios.byName(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 0)) {
            System.out.println(server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until standard input closes
            }
        }
    }
}
