package org.jdblink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for a test class: {@code test/cluster.sh start} in a fresh
 * directory under /tmp, destroyed by {@link #close()}. Roles: see test/cluster.sh.
 * With {@code -Djdblink.test.server=...} ({@link ExistingServer}) it is that server instead,
 * left running by {@link #close()}, which drops the databases and extensions the class
 * made; what needs a server of its own skips (JUnit assumptions) and says why.
 */
public final class TestCluster implements AutoCloseable {
    /** The throwaway cluster's directory; null for an existing server. */
    private final Path dir;
    private final String socketDir;
    private final int port;
    /** What an existing server had before the test class began (null for a throwaway one). */
    private ServerBaseline baseline;
    /** An existing server's certificate, copied out of its data directory (ssl=on only). */
    private Path certificateCopy;

    private TestCluster(Path dir, String socketDir, int port) {
        this.dir = dir;
        this.socketDir = socketDir;
        this.port = port;
    }

    /**
     * Starts a cluster; with {@code ssl} the server has ssl=on and {@link #serverCertificate()}.
     * An existing server must then have ssl=on too (its certificate self-signed, as
     * test/cluster.sh makes it), else the class is skipped.
     */
    public static TestCluster start(boolean ssl) throws IOException, InterruptedException {
        ExistingServer existing = ExistingServer.named();
        if (existing != null) {
            return borrow(existing, ssl);
        }
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jdblink-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return start(dir, ssl, Map.of());
    }

    /**
     * Starts an ssl=on cluster whose certificates come from test/tls-fixtures.sh (made in
     * {@link #tlsFixtures()}): server.crt signed by ca.crt, which also checks client
     * certificates; {@link #serverCertificate()} is then ca.crt. {@code hbaLines} are
     * added to pg_hba.conf before its final "trust" line.
     */
    public static TestCluster startWithTlsFixtures(String hbaLines) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jdblink-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Result r = run(List.of("bash", root().resolve("test/tls-fixtures.sh").toString(), dir.resolve("tls").toString()),
                null, Map.of(), 60);
        if (r.exitCode != 0) {
            throw new IOException("tls-fixtures.sh failed: " + r.stderr + r.stdout);
        }
        return start(dir, true, Map.of("CLUSTER_SSL_DIR", dir.resolve("tls").toString(), "CLUSTER_HBA_LINES", hbaLines));
    }

    private static TestCluster start(Path dir, boolean ssl, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", root().resolve("test/cluster.sh").toString(), "start", dir.resolve("c").toString()));
        if (ssl) {
            cmd.add("--ssl");
        }
        Result r = run(cmd, null, env, 120);
        if (r.exitCode != 0) {
            throw new IOException("cluster.sh start failed: " + r.stderr + r.stdout);
        }
        String host = null;
        int port = -1;
        for (String line : r.stdout.split("\n")) {
            if (line.startsWith("PGHOST=")) {
                host = line.substring(7);
            } else if (line.startsWith("PGPORT=")) {
                port = Integer.parseInt(line.substring(7).trim());
            }
        }
        return new TestCluster(dir, host, port);
    }

    /** The checkout, whose test/*.sh scripts start clusters. */
    private static Path root() {
        return Path.of(System.getProperty("jdblink.root", "."));
    }

    private static TestCluster borrow(ExistingServer server, boolean ssl) throws IOException, InterruptedException {
        TestCluster c = new TestCluster(null, server.socketDir(), server.port());
        if (ssl) {
            c.assumeSsl(true);
            c.certificateCopy = Files.createTempFile("jdblink-server", ".crt");
            Files.writeString(c.certificateCopy, c.psql("select pg_read_file(current_setting('ssl_cert_file'))") + "\n");
        }
        c.baseline = ServerBaseline.of(c);
        return c;
    }

    /**
     * Why the existing server of -Djdblink.test.server cannot stand in for a cluster started
     * with {@code ssl}: null when it can, or when no server is named.
     */
    static String existingServerUnfitFor(boolean ssl) throws IOException, InterruptedException {
        ExistingServer existing = ExistingServer.named();
        return existing == null || !ssl ? null : new TestCluster(null, existing.socketDir(), existing.port()).sslOtherThan(true);
    }

    /**
     * Skips the test unless the server has ssl=on (for {@code on}) or ssl=off: a throwaway
     * cluster has what its test asked for, an existing server may not.
     */
    public void assumeSsl(boolean on) throws IOException, InterruptedException {
        String unfit = sslOtherThan(on);
        Assumptions.assumeTrue(unfit == null, unfit);
    }

    /** Why the server's ssl setting is not the one asked for; null when it is. */
    private String sslOtherThan(boolean on) throws IOException, InterruptedException {
        String ssl = psql("show ssl");
        return ssl.equals(on ? "on" : "off") ? null : "needs a server with ssl=" + (on ? "on" : "off")
                + " (test/cluster.sh start DIR" + (on ? " --ssl" : "") + "); the server at " + this + " has ssl=" + ssl;
    }

    public int port() {
        return port;
    }

    /** The directory holding the Unix socket {@code .s.PGSQL.<port>}. */
    public String socketDir() {
        return socketDir;
    }

    /** The files of test/tls-fixtures.sh (clusters from {@link #startWithTlsFixtures} only). */
    public Path tlsFixtures() {
        return dir.resolve("tls");
    }

    /**
     * The postmaster's process id (first line of postmaster.pid), for freezing it with
     * SIGSTOP: that would stop every session of an existing server, so there it skips.
     */
    public long postmasterPid() throws IOException {
        Assumptions.assumeTrue(dir != null, "freezes the server's postmaster with SIGSTOP: needs a server of its own, "
                + "run it without -D" + ExistingServer.PROPERTY);
        return Long.parseLong(Files.readAllLines(dir.resolve("c/data/postmaster.pid")).get(0).strip());
    }

    /** The server's self-signed certificate (clusters started with ssl only). */
    public Path serverCertificate() {
        return dir == null ? certificateCopy : dir.resolve("c/server.crt");
    }

    /** Runs SQL through psql over the Unix socket as postgres; returns unaligned, tuples-only output. */
    public String psql(String sql) throws IOException, InterruptedException {
        Result r = run(List.of("psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDir, "-p", Integer.toString(port),
                "-U", "postgres", "-d", "postgres", "-c", sql), null, Map.of(), 60);
        if (r.exitCode != 0) {
            throw new IOException("psql failed: " + r.stderr);
        }
        return r.stdout.strip();
    }

    /**
     * Runs {@code sql} through {@link #psql} until it gives {@code expected}, for at most
     * 10 s (a generous bound on waits for another backend or a reload).
     *
     * @throws AssertionError with the last value when it never did
     */
    public void awaitValue(String sql, String expected) throws IOException, InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        String value;
        while (!(value = psql(sql)).equals(expected)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(sql + ": expected <" + expected + "> but was <" + value + ">");
            }
            Thread.sleep(20);
        }
    }

    /**
     * What psql prints on stderr when connecting with {@code conninfo} fails, minus its
     * "psql: error: " prefix and final newline (that is PQerrorMessage); null if it connected.
     */
    public static String psqlConnectError(String conninfo) throws IOException, InterruptedException {
        Result r = run(List.of("psql", "-X", "-w", "-c", "select 1", conninfo), null,
                Map.of("PGPASSFILE", "/nonexistent/pgpass"), 60);
        if (r.exitCode == 0) {
            return null;
        }
        String err = r.stderr;
        if (err.startsWith("psql: error: ")) {
            err = err.substring("psql: error: ".length());
        }
        return err.endsWith("\n") ? err.substring(0, err.length() - 1) : err;
    }

    /**
     * psql's stderr for {@code psql -c sql}: the whole string goes to the server as one
     * simple query, so error texts (LINE/caret included) are libpq's for that string.
     */
    public String psqlStderr(String sql) throws IOException, InterruptedException {
        return run(List.of("psql", "-X", "-q", "-h", socketDir, "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres",
                "-c", sql), null, Map.of(), 60).stderr;
    }

    /**
     * Runs a psql script (stdin, echoed with -a, errors shown verbosely with CONTEXT) in
     * database {@code db} as postgres and returns what psql printed, stdout and stderr merged
     * in order. Errors do not stop the script.
     */
    public String psqlScript(String db, String script) throws IOException, InterruptedException {
        String psql = String.join(" ", "psql", "-X", "-a", "-q", "-h", socketDir, "-p", Integer.toString(port),
                "-U", "postgres", "-d", db, "-v", "VERBOSITY=verbose", "2>&1");
        return run(List.of("bash", "-c", psql), script, Map.of(), 300).stdout;
    }

    @Override
    public String toString() {
        return "host=" + socketDir + " port=" + port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (dir == null) {
            baseline.dropWhatIsNew(this);
            if (certificateCopy != null) {
                Files.deleteIfExists(certificateCopy);
            }
            return;
        }
        run(List.of("bash", root().resolve("test/cluster.sh").toString(), "destroy", dir.resolve("c").toString()), null, Map.of(), 120);
        run(List.of("rm", "-rf", dir.resolve("tls").toString()), null, Map.of(), 60);
        Files.deleteIfExists(dir);
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> cmd, String stdin, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("jdblink-out", ".txt");
        Path err = Files.createTempFile("jdblink-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
