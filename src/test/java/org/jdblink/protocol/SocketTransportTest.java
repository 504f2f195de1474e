package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jdblink.protocol.LoopbackSockets.connected;
import static org.jdblink.protocol.LoopbackSockets.listener;

import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * Writes to a peer that never reads: once the socket buffers are full a write waits in
 * poll-sized slices, and ends at an interrupt or at its deadline, never later.
 */
class SocketTransportTest {
    /** More than loopback TCP buffers hold here (32 MB received, 4 MB sent at most). */
    private static final int BYTES = 48 * 1024 * 1024;
    /** Generous: the goal is one poll interval. */
    private static final long BOUND_MILLIS = 5_000;
    private static final SocketWaits UNREPORTED = new SocketWaits(WaitReporter.NONE, WaitReporter.Purpose.RESULT);

    @Test
    void anInterruptEndsAWriteThatCannotProgress() throws Exception {
        try (ServerSocketChannel listener = listener(); StreamSocket socket = connected(listener);
                SocketChannel peer = listener.accept()) {
            long interruptAt = System.nanoTime() + 500_000_000L;
            SocketTransport transport = new SocketTransport(socket, () -> System.nanoTime() > interruptAt, UNREPORTED, new ConnectionActivity());
            try {
                ByteBuffer data = ByteBuffer.allocate(BYTES);
                assertThrows(QueryInterruptedException.class, () -> transport.write(data, 0));
                long late = (System.nanoTime() - interruptAt) / 1_000_000;
                assertTrue(data.hasRemaining(), "all was written: the peer's buffers took " + BYTES + " bytes");
                assertTrue(late >= 0 && late < BOUND_MILLIS, late + " ms after the interrupt");
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void aDeadlineEndsAWriteThatCannotProgress() throws Exception {
        try (ServerSocketChannel listener = listener(); StreamSocket socket = connected(listener);
                SocketChannel peer = listener.accept()) {
            SocketTransport transport = new SocketTransport(socket, Interrupts.NONE, UNREPORTED, new ConnectionActivity());
            try {
                long deadline = System.nanoTime() + 500_000_000L;
                ByteBuffer data = ByteBuffer.allocate(BYTES);
                assertThrows(Transport.WriteTimeout.class, () -> transport.write(data, deadline));
                long late = (System.nanoTime() - deadline) / 1_000_000;
                assertTrue(late >= 0 && late < BOUND_MILLIS, late + " ms after the deadline");
            } finally {
                transport.close();
            }
        }
    }
}
