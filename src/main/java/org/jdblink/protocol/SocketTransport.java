package org.jdblink.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** TCP (plain or TLS) over a blocking {@link Socket}; waits are bounded by SO_TIMEOUT. */
final class SocketTransport implements Transport {
    /** SO_TIMEOUT 0 would mean "forever", so a non-waiting read uses the shortest real timeout. */
    private static final int SHORTEST_WAIT_MILLIS = 1;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int currentTimeout = -1;

    SocketTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    @Override
    public int read(byte[] into, int offset, int length, int waitMillis) throws IOException {
        int timeout = Math.max(waitMillis, SHORTEST_WAIT_MILLIS);
        if (timeout != currentTimeout) {
            socket.setSoTimeout(timeout);
            currentTimeout = timeout;
        }
        try {
            return in.read(into, offset, length);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket has nothing left to report
        }
    }
}
