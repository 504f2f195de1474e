package org.jdblink.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * The server side of one client connection to a {@link FakePgServer}: startup, then
 * queries. Queries that mention {@code fake} (directly, or through a cursor declared for
 * such a query and then fetched) are answered by the scenario; all others get plausible
 * answers, so the client's own statements (BEGIN, DECLARE, SET client_encoding, SELECT 1)
 * work around the scenario's misbehaviour. A scenario that
 * {@linkplain FakeScenario#answersEveryQuery() answers every query} gets them all.
 */
public final class FakeSession {
    static final String TRIGGER = "fake";
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;

    private final FakePgServer server;
    /** The connection, or the TLS layer over it once the client asked for TLS and got it. */
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    final int pid;
    final int secret;
    /** The BackendKeyData secret {@link #sendStartupEnd} sends: {@link #secret}, unless a scenario chose another. */
    private byte[] cancelKey;
    private volatile boolean cancelRequested;
    private char transactionStatus = 'I';
    private boolean fakeCursor;

    FakeSession(FakePgServer server, Socket socket, int pid, int secret) throws IOException {
        this.server = server;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.pid = pid;
        this.secret = secret;
    }

    /** Makes {@link #sendStartupEnd} send {@code key} as the cancel key (protocol 3.2 allows 4 to 256 bytes). */
    public void useCancelKey(byte[] key) {
        cancelKey = key.clone();
    }

    /** Set when a CancelRequest for this session arrived; scenarios that stream poll it. */
    public boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    public void send(FakeMessage... messages) throws IOException {
        for (FakeMessage m : messages) {
            out.write(m.toBytes());
        }
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** ReadyForQuery with the transaction status the client's statements have produced. */
    public FakeMessage ready() {
        return FakeMessage.of('Z').byte1(transactionStatus);
    }

    /**
     * What a real server answers to a cancelled query; in the Describe of the extended
     * protocol the ReadyForQuery waits for the client's Sync.
     */
    public void sendCancelled() throws IOException {
        FakeMessage error = FakeMessage.report('E', "ERROR", "57014", "canceling statement due to user request");
        if (describing) {
            send(error);
        } else {
            send(error, ready());
        }
    }

    /** Closes the connection abruptly (the client sees end of stream). */
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Waits up to {@code millis} for a CancelRequest; true if one came. */
    public boolean awaitCancel(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!cancelRequested && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return cancelRequested;
    }

    /** The next frontend message: its type and body. */
    public Frontend read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException();
        }
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Frontend((char) type, body);
    }

    /** A message from the client. */
    public record Frontend(char type, byte[] body) {
        /** A Parse's statement text, after the statement's name. */
        String parsedText() {
            int start = 0;
            while (body[start] != 0) {
                start++;
            }
            int end = start + 1;
            while (body[end] != 0) {
                end++;
            }
            return new String(body, start + 1, end - start - 1, StandardCharsets.UTF_8);
        }

        public String text() {
            int end = body.length;
            while (end > 0 && body[end - 1] == 0) {
                end--;
            }
            return new String(body, 0, end, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads the startup packet (answering GSSENCRequest with 'N', and SSLRequest with 'N'
     * unless the server offers TLS); false when it was a CancelRequest, whose pid goes to
     * the server.
     */
    boolean startup() throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            byte[] rest = new byte[length - 8];
            in.readFully(rest);
            if (code == SSL_REQUEST && server.tls != null) {
                sendRaw(new byte[] {'S'});
                startTls();
                continue;
            }
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                sendRaw(new byte[] {'N'});
                continue;
            }
            if (code == CANCEL_REQUEST) {
                int targetPid = ((rest[0] & 0xff) << 24) | ((rest[1] & 0xff) << 16) | ((rest[2] & 0xff) << 8) | (rest[3] & 0xff);
                server.cancel(targetPid, rest.length - 4);
                return false;
            }
            server.startupVersion(code);
            return true;
        }
    }

    private void startTls() throws IOException {
        SSLSocket tls = (SSLSocket) server.tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        socket = tls;
        in = new DataInputStream(tls.getInputStream());
        out = tls.getOutputStream();
    }

    /** What a real server sends after authentication: parameters, key data, ReadyForQuery. */
    public void sendStartupEnd() throws IOException {
        send(FakeMessage.parameterStatus("server_version", "15.0 (fake)"),
                FakeMessage.parameterStatus("server_encoding", "UTF8"),
                FakeMessage.parameterStatus("client_encoding", "UTF8"),
                FakeMessage.parameterStatus("DateStyle", "ISO, MDY"),
                FakeMessage.parameterStatus("IntervalStyle", "postgres"),
                FakeMessage.parameterStatus("integer_datetimes", "on"),
                FakeMessage.parameterStatus("standard_conforming_strings", "on"),
                FakeMessage.parameterStatus("is_superuser", "on"),
                FakeMessage.parameterStatus("session_authorization", "fake"),
                FakeMessage.parameterStatus("TimeZone", "UTC"),
                cancelKey == null ? FakeMessage.of('K').int32(pid).int32(secret) : FakeMessage.of('K').int32(pid).bytes(cancelKey),
                ready());
    }

    /** A statement of the extended protocol was parsed and not yet run: the Sync brings ReadyForQuery. */
    private boolean describing;

    /**
     * Serves queries until the client leaves; the scenario answers those meant for it. A
     * statement of the extended protocol (jdblink's binary transfer: Parse, Describe and
     * Flush, then Bind, Execute and Sync) is described as one without parameters or
     * columns, and its Execute answered as a simple Query of its text would be: the
     * RowDescription then comes with the rows, which a client must take as well, and the
     * scenario's ReadyForQuery answers the Sync.
     */
    void serveQueries(FakeScenario scenario) throws IOException, InterruptedException {
        String parsed = null;
        while (true) {
            Frontend m = read();
            switch (m.type()) {
                case 'X' -> {
                    return;
                }
                case 'Q' -> serve(scenario, m.text());
                case 'P' -> {
                    parsed = m.parsedText();
                    describing = true;
                    send(FakeMessage.of('1'));
                }
                case 'D' -> {
                    if (scenario.answersEveryQuery() || parsed.contains(TRIGGER)) {
                        scenario.describe(this, parsed);
                    } else {
                        send(FakeMessage.of('t').int16(0), FakeMessage.of('n'));
                    }
                }
                case 'B' -> send(FakeMessage.of('2'));
                case 'E' -> {
                    describing = false;
                    serve(scenario, parsed);
                }
                case 'S' -> {
                    if (describing) {
                        describing = false;
                        send(ready()); // a statement described but not run
                    }
                }
                default -> { /* Flush, CopyFail and the like */ }
            }
        }
    }

    private void serve(FakeScenario scenario, String sql) throws IOException, InterruptedException {
        server.queryReceived();
        if (scenario.answersEveryQuery()) {
            scenario.answer(this, sql);
        } else {
            answer(scenario, sql);
        }
    }

    private void answer(FakeScenario scenario, String sql) throws IOException, InterruptedException {
        cancelRequested = false;
        String word = sql.strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
        switch (word) {
            case "BEGIN", "START" -> {
                transactionStatus = 'T';
                send(FakeMessage.commandComplete("BEGIN"), ready());
            }
            case "COMMIT", "END", "ROLLBACK", "ABORT" -> {
                transactionStatus = 'I';
                fakeCursor = false;
                send(FakeMessage.commandComplete(word.equals("END") ? "COMMIT" : word.equals("ABORT") ? "ROLLBACK" : word), ready());
            }
            case "DECLARE" -> {
                fakeCursor = sql.contains(TRIGGER);
                send(FakeMessage.commandComplete("DECLARE CURSOR"), ready());
            }
            case "FETCH" -> {
                if (fakeCursor) {
                    scenario.answer(this, sql);
                } else {
                    send(FakeMessage.rowDescription("x"), FakeMessage.commandComplete("FETCH 0"), ready());
                }
            }
            case "CLOSE" -> send(FakeMessage.commandComplete("CLOSE CURSOR"), ready());
            case "SET" -> send(FakeMessage.commandComplete("SET"), ready());
            default -> {
                if (sql.contains(TRIGGER)) {
                    scenario.answer(this, sql);
                } else if (word.equals("SELECT")) {
                    send(FakeMessage.rowDescription("?column?"), FakeMessage.dataRow("1"), FakeMessage.commandComplete("SELECT 1"), ready());
                } else {
                    send(FakeMessage.commandComplete(word), ready());
                }
            }
        }
    }
}
