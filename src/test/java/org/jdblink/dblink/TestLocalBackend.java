package org.jdblink.dblink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdblink.conninfo.Environment;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.Interrupts;
import org.jdblink.protocol.PgError;

/**
 * A local backend stand-in: no PG* variables unless given, UTF8 database, superuser, an
 * interrupt switch, a PostgreSQL 15 host unless another is set, files for as many
 * connections as wanted unless {@link #fileLimit} is set (the files in use are counted),
 * SCRAM keys if set; it records the waits reported (main thread only) and the remote
 * notices it logs, and shows them instead when told to.
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
    /** The waits prepared, in order. */
    final List<RemoteWait> prepared = new ArrayList<>();
    /** What prepareWait throws, if set (a backend out of custom wait events). */
    RuntimeException prepareFailure;
    /** The waits started, in order, each followed by "end" when it ended. */
    final List<String> waits = new ArrayList<>();
    /** {@link #interruptSoon()} at the next wait started. */
    private boolean interruptAtWait;
    /** jdblink.remote_notices = client when set (read at each notice, as the bridge reads it). */
    boolean remoteNoticesToClient;
    /** The remote notices written to the server log, as "SEVERITY: message", in order. */
    final List<String> loggedNotices = new ArrayList<>();

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

    /** {@link #interruptSoon()} once the next wait has started: the interrupt ends a wait, never comes before it. */
    void interruptOnceWaiting() {
        interruptAtWait = true;
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

    @Override
    public void prepareWait(RemoteWait wait) {
        if (prepareFailure != null) {
            throw prepareFailure;
        }
        prepared.add(wait);
    }

    @Override
    public void waitStarted(RemoteWait wait) {
        waits.add(wait.name());
        if (interruptAtWait) {
            interruptAtWait = false;
            interruptSoon();
        }
    }

    @Override
    public void waitEnded() {
        waits.add("end");
    }

    @Override
    public boolean remoteNoticesToClient() {
        return remoteNoticesToClient;
    }

    @Override
    public void remoteNotice(PgError notice) {
        loggedNotices.add(notice.severity() + ": " + notice.message());
    }
}
