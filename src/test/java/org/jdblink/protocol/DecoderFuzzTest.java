package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.FakeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decoder fed random streams and mutations of valid server conversations, through the
 * code a real connection runs over bytes in memory ({@link MemoryTransport}): the
 * startup of {@link Connector} (authentication, ParameterStatus, BackendKeyData,
 * ReadyForQuery), then {@link PgConnection}'s query processing (results, errors and
 * notices, notifications, COPY, look-ahead by {@code isBusy}). Every case must end in a
 * correct parse or a clean error: a failed startup with libpq's text (dblink's 08001),
 * an error event or a lost connection with libpq's text (dblink's 08006), never an
 * exception from inside the decoder (an out-of-bounds index, a negative array size, a
 * buffer underflow), which the protocol layer would report as a lost synchronization
 * caused by it. The unmutated conversations must parse without any error.
 *
 * <p>Seeded and reproducible: a failure names its case and series; {@code -Djdblink.fuzz.seed=N}
 * runs another series.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DecoderFuzzTest {
    private static final int CASES = 100_000;
    private static final long DEFAULT_SEED = 0x6a64626c696e6bL;
    /** Bounds a case that keeps producing events, which a finite stream cannot do for long. */
    private static final int MAX_EVENTS = 100_000;
    private static final HostTarget TARGET = new HostTarget("fuzz.invalid", null, 5432, false);
    private static final ConnectionSettings SETTINGS = Settings.of(
            Map.of("user", "fuzz", "dbname", "fuzz", "password", "pw", "sslmode", "disable"), TARGET);
    /** Never reached: no case is interrupted. */
    private static final CancelTarget NO_CANCEL = new CancelTarget(UnixDomainSocketAddress.of("/nonexistent/.s.PGSQL.5432"),
            "server on socket \"/nonexistent/.s.PGSQL.5432\"");
    /** Type bytes a random message is drawn from: every backend type, a few unknown ones. */
    private static final String TYPES = "RKCdcGHWDIEVvNAtSZTn123sYx\0";

    /**
     * How a case ended: the server refused the startup (its FATAL error), the startup
     * failed (libpq's text), the stream was read to its end (the connection then lost with
     * libpq's text for the end of the stream), or the connection was given up on the way.
     */
    private enum Ending { REFUSED, FAILED_STARTUP, READ_TO_END, LOST_MIDWAY }

    /** Error events without fields (libpq's texts for a malformed message), for the summary. */
    private int protocolErrors;

    @Test
    void everyStreamEndsInAParseOrACleanError() {
        long seed = Long.getLong("jdblink.fuzz.seed", DEFAULT_SEED);
        Random series = new Random(seed);
        int[] endings = new int[Ending.values().length];
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            long caseSeed = series.nextLong();
            try {
                endings[runCase(new Random(caseSeed)).ordinal()]++;
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + i + " of series " + seed + " (case seed " + caseSeed + "): " + e, e);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        StringBuilder summary = new StringBuilder("decoder fuzz: " + CASES + " cases in " + millis + " ms, seed " + seed + ":");
        for (Ending e : Ending.values()) {
            summary.append(' ').append(e.name().toLowerCase(Locale.ROOT)).append(' ').append(endings[e.ordinal()]);
        }
        summary.append(", protocol errors ").append(protocolErrors);
        System.out.println(summary);
    }

    /** One case: a conversation built, perhaps mutated, and run to its end. */
    private Ending runCase(Random r) {
        boolean withStartup = r.nextInt(3) > 0;
        List<byte[]> messages = new ArrayList<>();
        boolean random = r.nextInt(10) == 0;
        if (random) {
            randomMessages(r, messages);
        } else {
            if (withStartup) {
                messages.addAll(Seeds.startup(r));
            }
            int queries = 1 + r.nextInt(3);
            for (int q = 0; q < queries; q++) {
                messages.addAll(Seeds.query(r));
            }
        }
        boolean mutated = random || r.nextInt(20) > 0;
        byte[] stream = mutated ? Mutator.mutate(concat(messages), r) : concat(messages);
        WireState wire = new WireState(new MemoryTransport(stream, r), false, NO_CANCEL,
                new SocketWaits(WaitReporter.NONE, WaitReporter.Purpose.CONNECT), StandardCharsets.UTF_8,
                new ConnectionActivity());
        if (withStartup) {
            Ending refused = startup(wire, mutated);
            if (refused != null) {
                return refused;
            }
        }
        return queries(new PgConnection(wire, Interrupts.NONE), r, mutated);
    }

    /** Connector's startup over the wire: null when it reached ReadyForQuery. */
    private static Ending startup(WireState wire, boolean mutated) {
        Connector connector = new Connector(SETTINGS, Interrupts.NONE, WaitReporter.NONE, TargetPolicy.ANY);
        try {
            Connector.Next next = connector.startup(wire, TARGET, 0);
            if (next == null) {
                return null;
            }
            assertTrue(mutated || next == Connector.Next.STOP, "only a seed's FATAL refuses the startup");
            return Ending.REFUSED;
        } catch (Connector.AttemptFailed e) {
            assertClean(e);
            return Ending.FAILED_STARTUP;
        } catch (Connector.TimeoutExpired e) {
            throw new AssertionError("no deadline was set", e);
        }
    }

    /** Queries until the stream is used up: every event read, rows checked to lie in their buffer. */
    private Ending queries(PgConnection c, Random r, boolean mutated) {
        try {
            for (int events = 0; events < MAX_EVENTS; ) {
                c.sendQuery("SELECT fuzz");
                for (Event e = next(c, r); e != Event.READY; e = next(c, r)) {
                    events++;
                    switch (e) {
                        case DATA_ROW -> assertTrue(c.rowOffset() >= 0 && c.rowOffset() + c.rowLength() <= c.rowBuffer().length);
                        case LARGE_ROW -> {
                            if (c.rowLength() <= 2 * StreamedBody.THRESHOLD && r.nextBoolean()) {
                                c.readLargeRow(ByteBuffer.allocate(c.rowLength()));
                            }
                        }
                        case ERROR -> {
                            assertTrue(mutated || c.error() != null, "a seed's errors are the server's");
                            assertFalse(c.errorMessage().isBlank());
                            if (c.error() == null) {
                                protocolErrors++;
                            }
                        }
                        default -> { }
                    }
                }
                c.takeNotifications();
            }
            throw new AssertionError("no end after " + MAX_EVENTS + " events");
        } catch (PgIOException e) {
            assertClean(e);
            assertTrue(c.isBroken(), "a lost connection is broken");
            if (e.getMessage().contains(WireState.SERVER_CLOSED)) {
                return Ending.READ_TO_END;
            }
            return mutated ? Ending.LOST_MIDWAY : fail("a seed lost: " + e);
        } finally {
            c.close();
        }
    }

    /** The next event, sometimes after looking ahead as dblink_is_busy does. */
    private static Event next(PgConnection c, Random r) throws PgIOException {
        if (r.nextInt(4) == 0) {
            c.isBusy();
        }
        return c.next();
    }

    /** libpq's text, and no exception from inside the decoder anywhere in its causes. */
    private static void assertClean(Exception e) {
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a text: " + e);
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RuntimeException || cause instanceof Error) {
                throw new AssertionError("an exception from inside the decoder: " + e.getMessage(), cause);
            }
        }
    }

    /** Messages of random types, lengths and bodies: most lengths true, some not. */
    private static void randomMessages(Random r, List<byte[]> into) {
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            byte[] body = new byte[r.nextInt(40)];
            r.nextBytes(body);
            FakeMessage m = FakeMessage.of(TYPES.charAt(r.nextInt(TYPES.length()))).bytes(body);
            if (r.nextInt(4) == 0) {
                m.length(r.nextInt());
            }
            into.add(m.toBytes());
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Valid conversations, one piece of the protocol each. */
    private static final class Seeds {
        private Seeds() {}

        static List<byte[]> startup(Random r) {
            List<FakeMessage> m = new ArrayList<>();
            switch (r.nextInt(6)) {
                case 0 -> { }
                case 1 -> m.add(FakeMessage.of('R').int32(3));
                case 2 -> m.add(FakeMessage.of('R').int32(5).bytes(new byte[] {1, 2, 3, 4}));
                case 3 -> m.add(FakeMessage.of('v').int32(0x30000).int32(1).cstring("_pq_.unknown"));
                case 4 -> {
                    // the client's nonce is random, so the exchange fails at the server's first message
                    m.add(FakeMessage.of('R').int32(10).cstring("SCRAM-SHA-256").byte1(0));
                    m.add(FakeMessage.of('R').int32(11).text("r=abc,s=c2FsdA==,i=4096"));
                    return bytes(m);
                }
                default -> {
                    m.add(FakeMessage.report('E', "FATAL", "28P01", "password authentication failed for user \"fuzz\""));
                    return bytes(m);
                }
            }
            m.add(FakeMessage.of('R').int32(0));
            m.add(FakeMessage.parameterStatus("server_version", "15.0"));
            m.add(FakeMessage.parameterStatus("client_encoding", "UTF8"));
            m.add(FakeMessage.parameterStatus("in_hot_standby", "off"));
            m.add(FakeMessage.of('K').int32(4242).int32(0x5ec2e7));
            m.add(FakeMessage.report('N', "WARNING", "01000", "startup notice"));
            m.add(FakeMessage.of('Z').byte1('I'));
            return bytes(m);
        }

        static List<byte[]> query(Random r) {
            List<FakeMessage> m = new ArrayList<>();
            switch (r.nextInt(8)) {
                case 0 -> {
                    m.add(FakeMessage.rowDescription("a", "b"));
                    m.add(FakeMessage.dataRow("1", "x"));
                    m.add(FakeMessage.dataRow(null, ""));
                    m.add(FakeMessage.dataRow("ü", "three"));
                    m.add(FakeMessage.commandComplete("SELECT 3"));
                }
                case 1 -> {
                    m.add(FakeMessage.report('N', "NOTICE", "00000", "a notice"));
                    m.add(FakeMessage.of('A').int32(99).cstring("channel").cstring("payload"));
                    m.add(FakeMessage.parameterStatus("DateStyle", "ISO, MDY"));
                    m.add(FakeMessage.rowDescription("n"));
                    m.add(FakeMessage.dataRow("7"));
                    m.add(FakeMessage.commandComplete("SELECT 1"));
                }
                case 2 -> m.add(FakeMessage.report('E', "ERROR", "42P01", "relation \"t\" does not exist"));
                case 3 -> m.add(FakeMessage.of('I'));
                case 4 -> {
                    m.add(FakeMessage.of('H').byte1(0).int16(1).int16(0));
                    m.add(FakeMessage.of('d').text("1\tx\n"));
                    m.add(FakeMessage.of('d').text("2\ty\n"));
                    m.add(FakeMessage.of('c'));
                    m.add(FakeMessage.commandComplete("COPY 2"));
                }
                case 5 -> {
                    m.add(FakeMessage.of('G').byte1(0).int16(1).int16(0));
                    m.add(FakeMessage.report('E', "ERROR", "57014", "COPY from stdin failed: COPY terminated by new PQexec"));
                }
                case 6 -> {
                    m.add(FakeMessage.commandComplete("BEGIN"));
                    m.add(FakeMessage.rowDescription());
                    m.add(FakeMessage.dataRow());
                    m.add(FakeMessage.commandComplete("SELECT 1"));
                }
                default -> {
                    if (r.nextInt(50) == 0) {
                        // over the streaming threshold: a LARGE_ROW
                        m.add(FakeMessage.rowDescription("big"));
                        m.add(FakeMessage.of('D').int16(1).int32(StreamedBody.THRESHOLD + 10).bytes(new byte[StreamedBody.THRESHOLD + 10]));
                    } else {
                        m.add(FakeMessage.rowDescription("x", "y", "z"));
                        m.add(FakeMessage.dataRow("a", null, "c"));
                    }
                    m.add(FakeMessage.commandComplete("SELECT 1"));
                }
            }
            m.add(FakeMessage.of('Z').byte1("ITE".charAt(r.nextInt(3))));
            return bytes(m);
        }

        private static List<byte[]> bytes(List<FakeMessage> messages) {
            return messages.stream().map(FakeMessage::toBytes).toList();
        }
    }

    /** Byte-level and message-level damage to a conversation. */
    private static final class Mutator {
        private Mutator() {}

        static byte[] mutate(byte[] stream, Random r) {
            byte[] s = stream;
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n && s.length > 0; i++) {
                s = once(s, r);
            }
            return s;
        }

        private static byte[] once(byte[] s, Random r) {
            int at = r.nextInt(s.length);
            List<Integer> headers = headers(s);
            int header = headers.get(r.nextInt(headers.size()));
            switch (r.nextInt(9)) {
                case 0 -> s[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> s[at] = (byte) r.nextInt(256);
                case 2 -> {
                    byte[] extra = new byte[1 + r.nextInt(8)];
                    r.nextBytes(extra);
                    return splice(s, at, 0, extra);
                }
                case 3 -> {
                    return splice(s, at, Math.min(s.length - at, 1 + r.nextInt(16)), new byte[0]);
                }
                case 4 -> {
                    return Arrays.copyOf(s, at);
                }
                case 5 -> {
                    int length = Math.min(s.length - at, 1 + r.nextInt(32));
                    return splice(s, at, 0, Arrays.copyOfRange(s, at, at + length));
                }
                case 6 -> s[header] = (byte) TYPES.charAt(r.nextInt(TYPES.length()));
                case 7 -> {
                    if (header + 5 <= s.length) {
                        ByteBuffer.wrap(s, header + 1, 4).putInt(damagedLength(ByteBuffer.wrap(s).getInt(header + 1), r));
                    }
                }
                default -> {
                    // a message moved to another message's place
                    int other = headers.get(r.nextInt(headers.size()));
                    int end = Math.min(s.length, other + 5 + r.nextInt(64));
                    return splice(s, header, 0, Arrays.copyOfRange(s, other, end));
                }
            }
            return s;
        }

        /** A length word off by a little, at libpq's limits, or anything. */
        private static int damagedLength(int length, Random r) {
            return switch (r.nextInt(6)) {
                case 0 -> length + 1 + r.nextInt(8);
                case 1 -> length - 1 - r.nextInt(8);
                case 2 -> r.nextInt(5);
                case 3 -> 30000 + r.nextInt(3) - 1;
                case 4 -> r.nextBoolean() ? Integer.MAX_VALUE - r.nextInt(8200) : Integer.MIN_VALUE + r.nextInt(8);
                default -> r.nextInt();
            };
        }

        /** Where messages begin, as far as their length words can be followed; at least 0. */
        private static List<Integer> headers(byte[] s) {
            List<Integer> out = new ArrayList<>();
            int at = 0;
            while (at < s.length) {
                out.add(at);
                if (at + 5 > s.length) {
                    break;
                }
                int length = ByteBuffer.wrap(s).getInt(at + 1);
                if (length < 4 || length > s.length - at - 1) {
                    break;
                }
                at += 1 + length;
            }
            if (out.isEmpty()) {
                out.add(0);
            }
            return out;
        }

        private static byte[] splice(byte[] s, int at, int remove, byte[] insert) {
            byte[] out = new byte[s.length - remove + insert.length];
            System.arraycopy(s, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(s, at + remove, out, at + insert.length, s.length - at - remove);
            return out;
        }
    }
}
