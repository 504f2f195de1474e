package org.jdblink.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A scriptable fake PostgreSQL server on 127.0.0.1 (only), for tests of how clients take
 * malformed, endless or absent answers. Every connection runs the same {@link FakeScenario};
 * CancelRequests reach the session they name ({@link FakeSession#cancelRequested()}) and are
 * counted. {@link #fillListenQueue()} makes the server look like a host that drops packets.
 *
 * <p>In a test: {@code try (FakePgServer s = FakePgServer.start(FakeScenarios.byName("silence"))) { … s.port() … }}.
 * As a process for SQL-level tests: {@code java … org.jdblink.testing.FakePgServer SCENARIO [PORT]}
 * prints the port on its first line and serves until standard input closes.
 */
public final class FakePgServer implements AutoCloseable {
    /** Room for clients and their CancelRequests arriving together. */
    private static final int BACKLOG = 50;
    /** The smallest queue, so that {@link #fillListenQueue()} needs only a few connections. */
    private static final int SHORT_BACKLOG = 1;
    /** How long a connect may stay unanswered before the listen queue counts as full. */
    private static final int STALL_MILLIS = 300;
    /** How often the acceptor looks whether it is to stop accepting. */
    private static final int ACCEPT_POLL_MILLIS = 20;

    private final ServerSocket listener;
    private final int backlog;
    private final FakeScenario scenario;
    /** Answers SSLRequest with 'S' and a handshake in the server role; null: with 'N'. */
    final SSLContext tls;
    private final Map<Integer, FakeSession> sessions = new ConcurrentHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<SocketChannel> queueFillers = new ArrayList<>();
    private final AtomicInteger nextPid = new AtomicInteger(40000);
    private final AtomicInteger cancelRequests = new AtomicInteger();
    private final AtomicInteger queriesReceived = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean accepting = true;
    /** System.nanoTime() of the last CancelRequest received, 0 before the first. */
    private volatile long lastCancelNanos;
    private volatile int lastStartupVersion;
    private volatile int lastCancelKeyLength;

    private FakePgServer(ServerSocket listener, int backlog, FakeScenario scenario, SSLContext tls) {
        this.listener = listener;
        this.backlog = backlog;
        this.scenario = scenario;
        this.tls = tls;
        this.acceptor = new Thread(this::acceptLoop, "fake-pg-accept");
        acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1 at an ephemeral port. */
    public static FakePgServer start(FakeScenario scenario) throws IOException {
        return start(scenario, 0);
    }

    public static FakePgServer start(FakeScenario scenario, int port) throws IOException {
        return start(scenario, port, BACKLOG, null);
    }

    /**
     * What a remote whose backend hangs looks like: the scenario {@code never_answers}, and a
     * listen queue of one connection, which {@link #fillListenQueue()} fills with a few.
     */
    public static FakePgServer startHangingRemote() throws IOException {
        return start(FakeScenarios.byName("never_answers"), 0, SHORT_BACKLOG, null);
    }

    /** Offers TLS: an SSLRequest is answered 'S' and the handshake made with {@code tls}. */
    public static FakePgServer startWithTls(FakeScenario scenario, SSLContext tls) throws IOException {
        return start(scenario, 0, BACKLOG, tls);
    }

    private static FakePgServer start(FakeScenario scenario, int port, int backlog, SSLContext tls) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        s.setSoTimeout(ACCEPT_POLL_MILLIS);
        FakePgServer server = new FakePgServer(s, backlog, scenario, tls);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** When the last CancelRequest arrived (System.nanoTime()), 0 if none has. */
    public long lastCancelNanos() {
        return lastCancelNanos;
    }

    /** The protocol version of the last StartupMessage (e.g. 196608 for 3.0), 0 before any. */
    public int lastStartupVersion() {
        return lastStartupVersion;
    }

    /** How many bytes of cancel key the last CancelRequest carried, 0 before any. */
    public int lastCancelKeyLength() {
        return lastCancelKeyLength;
    }

    /** CancelRequests received so far, whether or not they named a session. */
    public int cancelRequests() {
        return cancelRequests.get();
    }

    /** Query messages received so far, answered or not. */
    public int queriesReceived() {
        return queriesReceived.get();
    }

    void startupVersion(int version) {
        lastStartupVersion = version;
    }

    void cancel(int pid, int keyLength) {
        lastCancelKeyLength = keyLength;
        lastCancelNanos = System.nanoTime();
        cancelRequests.incrementAndGet();
        FakeSession target = sessions.get(pid);
        if (target != null) {
            target.requestCancel();
        }
    }

    void queryReceived() {
        queriesReceived.incrementAndGet();
    }

    /**
     * Stops accepting and fills the listen queue with connections of our own until one
     * stays unanswered for {@value #STALL_MILLIS} ms: from then on the kernel drops the
     * SYN of every further connect (a CancelRequest's too), as a host that drops packets
     * does. Sessions already open go on. Returns how many connections it took.
     *
     * @throws IllegalStateException when the queue never filled (the kernel completes the
     *                               connects anyway, so the test would prove nothing)
     */
    public int fillListenQueue() throws IOException, InterruptedException {
        accepting = false;
        acceptor.join(5000);
        for (int i = 0; i < backlog + 16; i++) {
            SocketChannel filler = SocketChannel.open();
            queueFillers.add(filler);
            if (!connectsWithin(filler, STALL_MILLIS)) {
                return i;
            }
        }
        throw new IllegalStateException("the listen queue of 127.0.0.1:" + port() + " never filled up");
    }

    /** A fresh connect to the server: whether it completed within {@code millis}. */
    public boolean acceptsConnectionsWithin(int millis) throws IOException {
        try (SocketChannel probe = SocketChannel.open()) {
            return connectsWithin(probe, millis);
        }
    }

    private boolean connectsWithin(SocketChannel channel, int millis) throws IOException {
        channel.configureBlocking(false);
        if (channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()))) {
            return true;
        }
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_CONNECT);
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (!channel.finishConnect()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                selector.select(left);
                selector.selectedKeys().clear();
            }
            return true;
        }
    }

    private void acceptLoop() {
        while (accepting) {
            try {
                Socket client = listener.accept();
                connections.add(client);
                Thread t = new Thread(() -> serve(client), "fake-pg-session");
                t.setDaemon(true);
                t.start();
            } catch (SocketTimeoutException e) {
                // look again whether to go on accepting
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        FakeSession session = null;
        try (client) {
            session = new FakeSession(this, client, nextPid.getAndIncrement(), ThreadLocalRandom.current().nextInt());
            if (!session.startup()) {
                return;
            }
            sessions.put(session.pid, session);
            scenario.authenticate(session);
            session.sendStartupEnd();
            session.serveQueries(scenario);
        } catch (IOException | InterruptedException e) {
            // the client left, or the scenario closed the connection
        } finally {
            connections.remove(client);
            if (session != null) {
                sessions.remove(session.pid);
            }
        }
    }

    /** Stops listening and closes every connection: sessions, and those filling the queue. */
    @Override
    public void close() throws IOException {
        accepting = false;
        listener.close();
        for (SocketChannel filler : queueFillers) {
            filler.close();
        }
        for (Socket c : connections) {
            c.close();
        }
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
