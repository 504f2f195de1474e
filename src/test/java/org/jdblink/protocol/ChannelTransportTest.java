package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * Writes to a peer that never reads: once the socket buffers are full a write waits in
 * poll-sized slices, and ends at an interrupt or at its deadline, never later.
 */
class ChannelTransportTest {
    /** More than loopback TCP buffers hold here (32 MB received, 4 MB sent at most). */
    private static final int BYTES = 48 * 1024 * 1024;
    /** Generous: the goal is one poll interval. */
    private static final long BOUND_MILLIS = 5_000;
    private static final SocketWaits UNREPORTED = new SocketWaits(WaitReporter.NONE, WaitReporter.Purpose.RESULT);

    @Test
    void anInterruptEndsAWriteThatCannotProgress() throws Exception {
        try (ServerSocketChannel listener = listener(); SocketChannel peer = SocketChannel.open(listener.getLocalAddress())) {
            long interruptAt = System.nanoTime() + 500_000_000L;
            ChannelTransport transport = new ChannelTransport(listener.accept(), () -> System.nanoTime() > interruptAt, UNREPORTED);
            try {
                ByteBuffer data = ByteBuffer.allocateDirect(BYTES);
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
        try (ServerSocketChannel listener = listener(); SocketChannel peer = SocketChannel.open(listener.getLocalAddress())) {
            ChannelTransport transport = new ChannelTransport(listener.accept(), Interrupts.NONE, UNREPORTED);
            try {
                long deadline = System.nanoTime() + 500_000_000L;
                ByteBuffer data = ByteBuffer.allocateDirect(BYTES);
                assertThrows(Transport.WriteTimeout.class, () -> transport.write(data, deadline));
                long late = (System.nanoTime() - deadline) / 1_000_000;
                assertTrue(late >= 0 && late < BOUND_MILLIS, late + " ms after the deadline");
            } finally {
                transport.close();
            }
        }
    }

    private static ServerSocketChannel listener() throws Exception {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
