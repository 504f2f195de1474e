package org.jdblink.bridge;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jdblink.conninfo.Environment;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.dblink.LocalBackend;
import org.jdblink.dblink.RemoteWait;
import org.jdblink.dblink.SessionScramKeys;
import org.jdblink.protocol.Interrupts;
import org.jdblink.protocol.PgError;

/**
 * The PostgreSQL backend as seen from Java. Every method is over a native of the C
 * bridge (bridge/natives.c); natives run on the backend's main thread only, throw the
 * PostgreSQL errors they meet as {@link BackendError}, and never block.
 */
final class JniLocalBackend implements LocalBackend {
    // The waits as the natives know them (javac -h gives C these constants).
    static final int WAIT_CONNECT = 0;
    static final int WAIT_GET_CONNECT = 1;
    static final int WAIT_GET_RESULT = 2;
    static final int WAIT_CANCEL = 3;
    // The values of jdblink.remote_notices (bridge/settings.c's enum uses these).
    static final int REMOTE_NOTICES_LOG = 0;
    static final int REMOTE_NOTICES_CLIENT = 1;

    private static final Environment ENVIRONMENT = new Environment() {
        @Override public String getenv(String name) {
            byte[] value = getenv0(name.getBytes(StandardCharsets.UTF_8));
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        @Override public String homeDirectory() {
            byte[] home = homeDirectory0();
            return home == null ? null : new String(home, StandardCharsets.UTF_8);
        }
    };

    private static final Interrupts INTERRUPTS = new Interrupts() {
        @Override public boolean pending() { return interruptPending0(); }

        @Override public boolean terminating() { return terminationPending0(); }
    };

    @Override public Environment environment() { return ENVIRONMENT; }

    /**
     * Fixed for the life of the backend, read on first use: not in this class's static
     * initializer, which runs before the natives are registered.
     */
    private static final class Host {
        static final HostVersion VERSION = new HostVersion(hostVersionNum0());
    }

    @Override public Interrupts interrupts() { return INTERRUPTS; }

    @Override public HostVersion hostVersion() { return Host.VERSION; }

    @Override public String databaseEncoding() { return databaseEncoding0(); }

    @Override public boolean isSuperuser() { return isSuperuser0(); }

    @Override public boolean reserveConnectionFile() { return acquireExternalFd0(); }

    @Override public void releaseConnectionFile() { releaseExternalFd0(); }

    @Override public SessionScramKeys scramKeys() {
        return sessionScramKeys();
    }

    /** {@link #scramKeys()}, for the bridge's own classes (the session's, whichever instance asks). */
    static SessionScramKeys sessionScramKeys() {
        byte[] keys = scramKeys0();
        if (keys == null) {
            return null;
        }
        int half = keys.length / 2;
        return new SessionScramKeys(Arrays.copyOf(keys, half), Arrays.copyOfRange(keys, half, keys.length));
    }

    @Override public String allowedHosts() { return BackendText.decode(allowedHosts0()); }

    @Override public void prepareWait(RemoteWait wait) { prepareWait0(code(wait)); }

    @Override public void waitStarted(RemoteWait wait) { waitStarted0(code(wait)); }

    @Override public void waitEnded() { waitEnded0(); }

    private static int code(RemoteWait wait) {
        return switch (wait) {
            case CONNECT -> WAIT_CONNECT;
            case GET_CONNECT -> WAIT_GET_CONNECT;
            case GET_RESULT -> WAIT_GET_RESULT;
            case CANCEL -> WAIT_CANCEL;
        };
    }

    /** Like libpq's default notice processor: to the server log, never to the client. */
    @Override public void remoteNotice(PgError notice) {
        ServerLog.write(noticeText(notice));
    }

    static String noticeText(PgError notice) {
        return ServerLog.noticeText(notice.severity(), notice.message(), notice.detail(), notice.hint());
    }

    /** jdblink.remote_notices now: a notice arrives, and where it goes is decided then. */
    @Override public boolean remoteNoticesToClient() {
        return remoteNotices0() == REMOTE_NOTICES_CLIENT;
    }

    /** The process environment at call time (C getenv), or null when unset. */
    private static native byte[] getenv0(byte[] name);

    /** The home directory of the OS user from the passwd entry, or null. */
    private static native byte[] homeDirectory0();

    /** A cancel or termination is pending and may be processed now. */
    private static native boolean interruptPending0();

    /** The pending interrupt is a termination (ProcDiePending) and may be processed now. */
    private static native boolean terminationPending0();

    /** The server's server_version_num, e.g. 180002. */
    private static native int hostVersionNum0();

    /** AcquireExternalFD(): false when the backend may not open another file. */
    private static native boolean acquireExternalFd0();

    /** ReleaseExternalFD(). */
    private static native void releaseExternalFd0();

    /** superuser() of the current user. */
    private static native boolean isSuperuser0();

    /**
     * The ClientKey followed by the ServerKey (equal lengths) of the SCRAM exchange the
     * session's client logged in with; null when there was none, and before PostgreSQL 18.
     */
    private static native byte[] scramKeys0();

    /** jdblink.remote_notices, a REMOTE_NOTICES_ value (in bridge/settings.c). */
    private static native int remoteNotices0();

    /** jdblink.allowed_hosts as UTF-8 (in bridge/security.c). */
    private static native byte[] allowedHosts0();

    /** GetDatabaseEncodingName(). */
    private static native String databaseEncoding0();

    /** Registers the wait event of a WAIT_ code, once per backend (17+; bridge/wait_events.c). */
    private static native void prepareWait0(int wait);

    /** pgstat_report_wait_start with the wait event of a WAIT_ code. */
    private static native void waitStarted0(int wait);

    /** pgstat_report_wait_end. */
    private static native void waitEnded0();
}
