package org.jdblink.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fake PostgreSQL server on 127.0.0.1 that completes the startup of every connection
 * (trust authentication, BackendKeyData, ReadyForQuery) and then never answers a query:
 * what a remote looks like whose backend hangs. {@link #blockNewConnections()} then stops
 * accepting and fills the listen queue (backlog 1), so any further connect, such as a
 * CancelRequest's, is never completed: what a host that drops packets looks like.
 * Minimal on purpose; a scriptable fake server may replace it later.
 */
public final class SilentRemote implements AutoCloseable {
    /** How long a connect may stay unanswered before the queue counts as full. */
    private static final int STALL_MILLIS = 300;
    private static final int PROTOCOL_3_0 = 196608;
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final int CANCEL_REQUEST_CODE = 80877102;

    private final ServerSocketChannel listener;
    private final Thread acceptor;
    private final List<Socket> sessions = new ArrayList<>();
    private final List<SocketChannel> queueFillers = new ArrayList<>();
    private volatile boolean accepting = true;
    private volatile boolean closed;
    private volatile int queriesReceived;
    private volatile int cancelRequests;

    public SilentRemote() throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        listener.configureBlocking(false);
        acceptor = new Thread(this::acceptLoop, "silent-remote-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    /** Query messages received so far (all of them unanswered). */
    public int queriesReceived() {
        return queriesReceived;
    }

    /** CancelRequests received so far (all of them ignored). */
    public int cancelRequests() {
        return cancelRequests;
    }

    /**
     * Stops accepting and fills the listen queue with connections of our own until one
     * stays unanswered for {@value #STALL_MILLIS} ms: from then on the kernel drops the
     * SYN of every further connect. Returns how many connections it took.
     *
     * @throws IllegalStateException when the queue never filled (the kernel completes the
     *                               connects anyway, so the test would prove nothing)
     */
    public int blockNewConnections() throws IOException, InterruptedException {
        accepting = false;
        acceptor.join(5000);
        for (int i = 0; i < 16; i++) {
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
        try (Selector selector = Selector.open()) {
            listener.register(selector, SelectionKey.OP_ACCEPT);
            while (accepting && !closed) {
                selector.select(20);
                selector.selectedKeys().clear();
                SocketChannel accepted;
                while (accepting && (accepted = listener.accept()) != null) {
                    accepted.configureBlocking(true);
                    Socket socket = accepted.socket();
                    synchronized (sessions) {
                        sessions.add(socket);
                    }
                    Thread session = new Thread(() -> serve(socket), "silent-remote-session");
                    session.setDaemon(true);
                    session.start();
                }
            }
        } catch (IOException e) {
            // closed under us: the test is over
        }
    }

    /** Startup as a trusting server would do it, then reads and ignores everything. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            int code;
            while (true) {
                int length = in.readInt();
                code = in.readInt();
                in.skipNBytes(length - 8);
                if (code != SSL_REQUEST_CODE) {
                    break;
                }
                out.write('N');
                out.flush();
            }
            if (code == CANCEL_REQUEST_CODE) {
                cancelRequests++;
                return;
            }
            if (code != PROTOCOL_3_0) {
                return;
            }
            startupReply(out);
            while (true) {
                int type = in.read();
                if (type < 0 || type == 'X') {
                    return;
                }
                int length = in.readInt();
                in.skipNBytes(length - 4);
                if (type == 'Q') {
                    queriesReceived++;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void startupReply(DataOutputStream out) throws IOException {
        message(out, 'R', body -> body.writeInt(0));
        for (Map.Entry<String, String> p : Map.of("client_encoding", "UTF8", "server_encoding", "UTF8",
                "server_version", "15.0", "DateStyle", "ISO, MDY", "integer_datetimes", "on",
                "standard_conforming_strings", "on").entrySet()) {
            message(out, 'S', body -> {
                cstring(body, p.getKey());
                cstring(body, p.getValue());
            });
        }
        message(out, 'K', body -> {
            body.writeInt(4242);
            body.writeInt(1234567);
        });
        message(out, 'Z', body -> body.write('I'));
        out.flush();
    }

    private interface Body {
        void write(DataOutputStream body) throws IOException;
    }

    private static void message(DataOutputStream out, char type, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.write(new DataOutputStream(bytes));
        out.write(type);
        out.writeInt(bytes.size() + 4);
        bytes.writeTo(out);
    }

    private static void cstring(DataOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        accepting = false;
        for (SocketChannel filler : queueFillers) {
            filler.close();
        }
        synchronized (sessions) {
            for (Socket s : sessions) {
                s.close();
            }
        }
        listener.close();
    }
}
