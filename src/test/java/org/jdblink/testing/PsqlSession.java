package org.jdblink.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One psql session kept open across steps, so that a test can act between statements
 * (freeze the remote, cancel a statement that is waiting). Statements are sent on psql's
 * stdin; output (unaligned, tuples only, errors verbose, stdout and stderr merged) is read
 * up to a marker echoed after each step.
 */
public final class PsqlSession implements AutoCloseable {
    private static final String END = "@@step-end@@";
    private static final String EOF = "@@psql-exited@@";

    private final Process psql;
    /** When psql exited, taken as it happens (not when a caller gets round to asking). */
    private final CompletableFuture<Instant> exited;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private PsqlSession(Process psql) {
        this.psql = psql;
        this.exited = psql.onExit().thenApply(p -> Instant.now());
        this.stdin = psql.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(psql.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // psql is gone
            }
            lines.add(EOF);
        }, "psql-session-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A session as postgres in database {@code db} over the cluster's Unix socket. */
    public static PsqlSession open(TestCluster cluster, String db) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-A", "-t", "-v", "VERBOSITY=verbose",
                "-h", cluster.socketDir(), "-p", Integer.toString(cluster.port()), "-U", "postgres", "-d", db);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.redirectErrorStream(true);
        return new PsqlSession(pb.start());
    }

    /** Sends a step (statements, psql commands) without waiting for it. */
    public void send(String step) throws IOException {
        stdin.write((step + "\n\\echo " + END + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The output of the step sent last; fails when it does not end within {@code timeout}. */
    public String result(Duration timeout) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("psql step did not end within " + timeout + "; output so far:\n" + out);
            }
            if (line.equals(END) || line.equals(EOF)) {
                return out.toString();
            }
            out.append(line).append('\n');
        }
    }

    /** Sends a step and returns its output. */
    public String run(String step) throws IOException, InterruptedException {
        send(step);
        return result(Duration.ofSeconds(60));
    }

    /**
     * When psql exited (its server connection is gone), waiting at most {@code timeout};
     * null if it is still running.
     */
    public Instant exitTime(Duration timeout) throws InterruptedException, ExecutionException {
        try {
            return exited.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException e) {
            // psql already exited
        }
        if (!psql.waitFor(10, TimeUnit.SECONDS)) {
            psql.destroyForcibly();
        }
    }
}
