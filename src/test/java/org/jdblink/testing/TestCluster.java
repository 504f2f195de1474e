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

/**
 * A throwaway PostgreSQL cluster for a test class: {@code test/cluster.sh start} in a fresh
 * directory under /tmp, destroyed by {@link #close()}. Roles: see test/cluster.sh.
 */
public final class TestCluster implements AutoCloseable {
    private final Path root;
    private final Path dir;
    private final String socketDir;
    private final int port;

    private TestCluster(Path root, Path dir, String socketDir, int port) {
        this.root = root;
        this.dir = dir;
        this.socketDir = socketDir;
        this.port = port;
    }

    /** Starts a cluster; with {@code ssl} the server has ssl=on and {@link #serverCertificate()}. */
    public static TestCluster start(boolean ssl) throws IOException, InterruptedException {
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
        Path root = Path.of(System.getProperty("jdblink.root", "."));
        Result r = run(List.of("bash", root.resolve("test/tls-fixtures.sh").toString(), dir.resolve("tls").toString()),
                null, Map.of(), 60);
        if (r.exitCode != 0) {
            throw new IOException("tls-fixtures.sh failed: " + r.stderr + r.stdout);
        }
        return start(dir, true, Map.of("CLUSTER_SSL_DIR", dir.resolve("tls").toString(), "CLUSTER_HBA_LINES", hbaLines));
    }

    private static TestCluster start(Path dir, boolean ssl, Map<String, String> env) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("jdblink.root", "."));
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("test/cluster.sh").toString(), "start", dir.resolve("c").toString()));
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
        return new TestCluster(root, dir, host, port);
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

    /** The postmaster's process id (first line of postmaster.pid). */
    public long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("c/data/postmaster.pid")).get(0).strip());
    }

    /** The server's self-signed certificate (clusters started with ssl only). */
    public Path serverCertificate() {
        return dir.resolve("c/server.crt");
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
    public void close() throws IOException, InterruptedException {
        run(List.of("bash", root.resolve("test/cluster.sh").toString(), "destroy", dir.resolve("c").toString()), null, Map.of(), 120);
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
