package org.jdblink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The named {@link FakeScenario}s; each name says what the server does wrong. */
public final class FakeScenarios {
    /** How long an endless stream or a silence lasts when nobody cancels it (C dblink cannot). */
    public static final long STREAM_MILLIS = 5000;

    private static final Map<String, FakeScenario> BY_NAME = new LinkedHashMap<>();

    static {
        add("well_behaved", (s, sql) -> s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("a"), FakeMessage.dataRow("b"),
                FakeMessage.commandComplete("SELECT 2"), s.ready()));
        add("length_below_4", (s, sql) -> s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("a").length(2)));
        add("long_command_complete", (s, sql) -> s.send(FakeMessage.of('C').text("SELECT 1").length(40000)));
        add("huge_data_row", (s, sql) -> s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("a").length(0x7FFFFFF0)));
        add("field_count_mismatch", (s, sql) -> s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("a", "b"),
                FakeMessage.dataRow("c", "d"), FakeMessage.commandComplete("SELECT 2"), s.ready()));
        add("data_row_overrun", (s, sql) -> {
            s.send(FakeMessage.rowDescription("x"), FakeMessage.of('D').int16(1).int32(100).text("abc"));
            Thread.sleep(300); // the short row is the last thing the client has buffered
            s.send(FakeMessage.commandComplete("SELECT 1"), s.ready());
        });
        add("data_row_trailing_bytes", (s, sql) -> s.send(FakeMessage.rowDescription("x"),
                FakeMessage.dataRow("a").text("xyz"), FakeMessage.commandComplete("SELECT 1"), s.ready()));
        add("row_description_short", (s, sql) -> {
            s.send(FakeMessage.of('T').int16(2).cstring("x").int32(0).int16(0).int32(25).int16(-1).int32(-1).int16(0));
            Thread.sleep(300);
            s.send(FakeMessage.dataRow("a", "b"), FakeMessage.commandComplete("SELECT 1"), s.ready());
        });
        add("row_description_negative_count", (s, sql) -> {
            s.send(FakeMessage.of('T').int16(-1));
            Thread.sleep(300);
            s.send(FakeMessage.commandComplete("SELECT 0"), s.ready());
        });
        add("ready_trailing_bytes", (s, sql) -> s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("a"),
                FakeMessage.commandComplete("SELECT 1"), s.ready().text("xyz")));
        add("data_row_without_description", (s, sql) -> s.send(FakeMessage.dataRow("a"), FakeMessage.commandComplete("SELECT 1"), s.ready()));
        add("unknown_message_type", (s, sql) -> s.send(FakeMessage.of('Y').int32(7), FakeMessage.commandComplete("SELECT 0"), s.ready()));
        add("close_mid_message", (s, sql) -> {
            byte[] row = FakeMessage.dataRow("abcdefgh").toBytes();
            s.send(FakeMessage.rowDescription("x"));
            s.sendRaw(java.util.Arrays.copyOf(row, row.length / 2));
            Thread.sleep(200);
            s.close();
        });
        add("copy_out", (s, sql) -> s.send(FakeMessage.of('H').byte1(0).int16(1).int16(0), FakeMessage.of('d').text("1\n"),
                FakeMessage.of('d').text("2\n"), FakeMessage.of('c'), FakeMessage.commandComplete("COPY 2"), s.ready()));
        add("endless_notices", (s, sql) -> stream(s, FakeMessage.report('N', "NOTICE", "00000", "still here")));
        add("endless_parameter_status", (s, sql) -> stream(s, FakeMessage.parameterStatus("application_name", "still here")));
        add("silence", (s, sql) -> {
            if (s.awaitCancel(STREAM_MILLIS)) {
                s.sendCancelled();
            } else {
                s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("late"), FakeMessage.commandComplete("SELECT 1"), s.ready());
            }
        });
        add("describe_endless_notices", describing((s, sql) -> stream(s, FakeMessage.report('N', "NOTICE", "00000", "describing"))));
        add("describe_silence", describing((s, sql) -> {
            if (s.awaitCancel(STREAM_MILLIS)) {
                s.sendCancelled();
            }
        }));
        add("describe_row_description_short", describing((s, sql) -> s.send(FakeMessage.of('t').int16(0),
                FakeMessage.of('T').int16(2).cstring("x").int32(0).int16(0).int32(23).int16(4).int32(-1).int16(0))));
        add("describe_data_row", describing((s, sql) -> s.send(FakeMessage.of('t').int16(0), FakeMessage.dataRow("a"))));
        add("describe_bind_complete", describing((s, sql) -> s.send(FakeMessage.of('2'), FakeMessage.of('t').int16(0), FakeMessage.of('n'))));
        add("describe_parameters_then_close", describing((s, sql) -> {
            s.send(FakeMessage.of('t').int16(1).int32(23), FakeMessage.rowDescription("x"));
            Thread.sleep(200);
            s.close();
        }));
        add("never_answers", new FakeScenario() {
            /** What a remote whose backend hangs looks like: the startup completes, no query is ever answered. */
            @Override
            public boolean answersEveryQuery() {
                return true;
            }

            @Override
            public void answer(FakeSession s, String sql) {
                // nothing, not even to a cancel
            }
        });
        add("huge_data_row_streamed", (s, sql) -> {
            s.send(FakeMessage.rowDescription("x"), FakeMessage.of('D').int16(1).int32(0x7FFEFFF0).length(0x7FFF0000));
            byte[] chunk = new byte[64 * 1024];
            long end = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < end) {
                s.sendRaw(chunk);
                Thread.sleep(20);
            }
            s.close();
        });
        add("endless_startup_parameters", new FakeScenario() {
            @Override
            public void authenticate(FakeSession s) throws IOException {
                s.send(FakeMessage.of('R').int32(0));
                byte[] one = FakeMessage.parameterStatus("application_name", "still here").toBytes();
                while (true) {
                    s.sendRaw(one); // until the client leaves
                }
            }

            @Override
            public void answer(FakeSession s, String sql) {
                throw new IllegalStateException("never reached");
            }
        });
        scram("scram_nonce_mismatch", nonce -> "r=notyours,s=c2FsdA==,i=4096");
        scram("scram_missing_salt", nonce -> "r=" + nonce + "srv,i=4096");
        scram("scram_invalid_salt", nonce -> "r=" + nonce + "srv,s=!!!,i=4096");
        scram("scram_invalid_iteration_count", nonce -> "r=" + nonce + "srv,s=c2FsdA==,i=12x");
        scram("scram_zero_iteration_count", nonce -> "r=" + nonce + "srv,s=c2FsdA==,i=0");
        scram("scram_empty_message", nonce -> "");
        scram("scram_huge_iteration_count", nonce -> "r=" + nonce + "srv,s=c2FsdA==,i=1000000000");
        scramFinal("scram_final_error", "e=invalid-proof");
        scramFinal("scram_final_missing_signature", "x=1");
        scramFinal("scram_final_invalid_signature", "v=!!!");
        scramFinal("scram_final_wrong_signature", "v=" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
    }

    private FakeScenarios() {}

    private static void add(String name, FakeScenario scenario) {
        BY_NAME.put(name, scenario);
    }

    public static FakeScenario byName(String name) {
        FakeScenario s = BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no fake scenario " + name);
        }
        return s;
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Sends {@code message} without end until a cancel (answered as a server would) or {@link #STREAM_MILLIS}. */
    /**
     * A scenario that misbehaves in its answer to the Describe of the extended protocol
     * ({@code describe} sends it, after ParseComplete), and answers the statement well.
     */
    private static FakeScenario describing(FakeScenario describe) {
        return new FakeScenario() {
            @Override
            public void describe(FakeSession s, String sql) throws IOException, InterruptedException {
                describe.answer(s, sql);
            }

            @Override
            public void answer(FakeSession s, String sql) throws IOException, InterruptedException {
                s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("a"), FakeMessage.commandComplete("SELECT 1"), s.ready());
            }
        };
    }

    private static void stream(FakeSession s, FakeMessage message) throws IOException {
        byte[] one = message.toBytes();
        byte[] batch = new byte[one.length * 64];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        long end = System.nanoTime() + STREAM_MILLIS * 1_000_000;
        while (!s.cancelRequested() && System.nanoTime() < end) {
            s.sendRaw(batch);
        }
        if (s.cancelRequested()) {
            s.sendCancelled();
        } else {
            s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("done"), FakeMessage.commandComplete("SELECT 1"), s.ready());
        }
    }

    /**
     * A SCRAM-SHA-256 exchange that goes wrong at the server-first-message, which
     * {@code serverFirst} makes from the client's nonce.
     */
    private static void scram(String name, UnaryOperator<String> serverFirst) {
        scram(name, serverFirst, null);
    }

    /** A SCRAM-SHA-256 exchange that goes wrong at the server-final-message (the client's proof is not checked). */
    private static void scramFinal(String name, String serverFinal) {
        scram(name, nonce -> "r=" + nonce + "srv,s=c2FsdA==,i=4096", serverFinal);
    }

    /**
     * A SCRAM-SHA-256 exchange with the given server messages; without a
     * {@code serverFinal}, a client that sends its proof is refused as with a wrong password.
     */
    private static void scram(String name, UnaryOperator<String> serverFirst, String serverFinal) {
        add(name, new FakeScenario() {
            @Override
            public void authenticate(FakeSession s) throws IOException {
                s.send(FakeMessage.of('R').int32(10).cstring("SCRAM-SHA-256").byte1(0));
                FakeSession.Frontend initial = s.read();
                String clientFirst = new String(initial.body(), StandardCharsets.UTF_8);
                String nonce = clientFirst.substring(clientFirst.indexOf(",r=") + 3);
                s.send(FakeMessage.of('R').int32(11).text(serverFirst.apply(nonce)));
                s.read();
                if (serverFinal != null) {
                    s.send(FakeMessage.of('R').int32(12).text(serverFinal));
                    s.read(); // the client refuses the message and leaves
                }
                s.send(FakeMessage.report('E', "FATAL", "28P01", "password authentication failed for user \"fake\""));
                throw new IOException("authentication refused");
            }

            @Override
            public void answer(FakeSession s, String sql) throws IOException {
                s.send(FakeMessage.commandComplete("SELECT 0"), s.ready());
            }
        });
    }
}
