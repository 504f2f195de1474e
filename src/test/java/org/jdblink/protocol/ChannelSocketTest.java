package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jdblink.protocol.LoopbackSockets.connected;
import static org.jdblink.protocol.LoopbackSockets.listener;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ChannelSocket#closedByPeer()} against a local peer: it never waits, sees a close
 * behind bytes not yet read, and takes nothing from the reads to come. (Outside a backend
 * {@link Sockets} opens ChannelSockets; a backend's NativeSocket is tested through SQL,
 * test/jdblink-only/connections.sql.)
 */
@Timeout(30)
class ChannelSocketTest {
    /** Generous: a close on loopback arrives within microseconds. */
    private static final long ARRIVAL_MILLIS = 5_000;

    @Test
    void anOpenConnectionIsNotClosedAndKeepsWhatArrived() throws Exception {
        try (ServerSocketChannel listener = listener(); StreamSocket socket = connected(listener);
                SocketChannel peer = listener.accept()) {
            assertFalse(socket.closedByPeer());
            peer.write(ByteBuffer.wrap(bytes("hello")));
            assertTrue(socket.await(StreamSocket.READ, (int) ARRIVAL_MILLIS));
            assertFalse(socket.closedByPeer());
            assertTrue(socket.await(StreamSocket.READ, 1), "the bytes read ahead are still to be read");
            assertEquals("hello", readAll(socket, 5));
            assertFalse(socket.closedByPeer());
            assertEquals(0, socket.read(new byte[8], 0, 8), "nothing more arrived");
        }
    }

    @Test
    void aCloseBehindUnreadBytesIsSeenAndTheBytesAreStillRead() throws Exception {
        try (ServerSocketChannel listener = listener(); StreamSocket socket = connected(listener)) {
            try (SocketChannel peer = listener.accept()) {
                peer.write(ByteBuffer.wrap(bytes("last words")));
            }
            assertTrue(closedWithin(socket, ARRIVAL_MILLIS));
            assertTrue(socket.closedByPeer(), "and stays so");
            assertEquals("last words", readAll(socket, 10));
            assertEquals(-1, socket.read(new byte[8], 0, 8));
            assertTrue(socket.await(StreamSocket.READ, 1), "the end of the stream is ready to be read");
        }
    }

    @Test
    void aResetConnectionIsClosed() throws Exception {
        try (ServerSocketChannel listener = listener(); StreamSocket socket = connected(listener)) {
            try (SocketChannel peer = listener.accept()) {
                peer.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST
            }
            assertTrue(closedWithin(socket, ARRIVAL_MILLIS));
        }
    }

    @Test
    void aPeerThatSentMoreThanTheReadAheadHoldsIsNotFoundClosedUntilItIsRead() throws Exception {
        byte[] sent = new byte[ChannelSocket.READ_AHEAD_LIMIT + 1000];
        Arrays.fill(sent, (byte) 'x');
        try (ServerSocketChannel listener = listener(); StreamSocket socket = connected(listener)) {
            try (SocketChannel peer = listener.accept()) {
                ByteBuffer all = ByteBuffer.wrap(sent);
                while (all.hasRemaining()) {
                    peer.write(all);
                }
            }
            Thread.sleep(200); // all of it, and the close, have arrived on loopback
            assertFalse(socket.closedByPeer(), "the end is behind more than the read-ahead holds");
            assertEquals(sent.length, readAll(socket, sent.length).length());
            assertTrue(closedWithin(socket, ARRIVAL_MILLIS));
        }
    }

    @Test
    void theCheckDoesNotWait() throws Exception {
        try (ServerSocketChannel listener = listener(); StreamSocket socket = connected(listener);
                SocketChannel peer = listener.accept()) {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                assertFalse(socket.closedByPeer());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1_000, "100 checks took " + millis + " ms");
        }
    }

    private static boolean closedWithin(StreamSocket socket, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!socket.closedByPeer()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Reads exactly {@code count} bytes (waiting for them) as text. */
    private static String readAll(StreamSocket socket, int count) throws Exception {
        byte[] into = new byte[count];
        int at = 0;
        while (at < count) {
            int n = socket.read(into, at, count - at);
            if (n < 0) {
                throw new AssertionError("end of stream after " + at + " bytes");
            }
            if (n == 0) {
                socket.await(StreamSocket.READ, (int) ARRIVAL_MILLIS);
            }
            at += n;
        }
        return new String(into, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
