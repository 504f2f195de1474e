package org.jdblink.dblink;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdblink.conninfo.Environment;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.Interrupts;

/**
 * A local backend stand-in: no PG* variables unless given, UTF8 database, superuser, an
 * interrupt switch, a PostgreSQL 15 host unless another is set, files for as many
 * connections as wanted unless {@link #fileLimit} is set (the files in use are counted),
 * SCRAM keys if set.
 */
final class TestLocalBackend implements LocalBackend {
    final Map<String, String> env = new HashMap<>(Map.of("PGPASSFILE", "/nonexistent/pgpass", "PGSYSCONFDIR", "/nonexistent"));
    final AtomicBoolean interrupt = new AtomicBoolean();
    String databaseEncoding = "UTF8";
    HostVersion hostVersion = HostVersion.PG15;
    /** How many connections may hold a file at once. */
    int fileLimit = Integer.MAX_VALUE;
    /** Files reserved and not given back. */
    int filesInUse;
    boolean superuser = true;
    SessionScramKeys scramKeys;

    @Override
    public Environment environment() {
        return new Environment() {
            @Override public String getenv(String name) { return env.get(name); }
            @Override public String homeDirectory() { return "/nonexistent"; }
            @Override public String osUserName() { return "postgres"; }
        };
    }

    /** Sets the interrupt switch 300 ms from now, like a statement_timeout firing in the local backend. */
    void interruptSoon() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            interrupt.set(true);
        });
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Interrupts interrupts() {
        return interrupt::get;
    }

    @Override
    public String databaseEncoding() {
        return databaseEncoding;
    }

    @Override
    public boolean isSuperuser() {
        return superuser;
    }

    @Override
    public HostVersion hostVersion() {
        return hostVersion;
    }

    @Override
    public boolean reserveConnectionFile() {
        if (filesInUse >= fileLimit) {
            return false;
        }
        filesInUse++;
        return true;
    }

    @Override
    public void releaseConnectionFile() {
        filesInUse--;
    }

    @Override
    public SessionScramKeys scramKeys() {
        return scramKeys;
    }
}
