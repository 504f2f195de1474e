package org.jdblink.dblink;

import java.util.List;

/**
 * All dblink state of one backend: the unnamed connection and the named ones, the last
 * error of each, and notices waiting to be raised. The bridge calls one method per SQL
 * function; argument conventions follow dblink 1.2 (a null connection name means the
 * unnamed connection).
 */
public final class DblinkSession {
    private final Host host;

    public DblinkSession(Host host) {
        this.host = host;
    }

    /** dblink_connect / dblink_connect_u: returns "OK". connname null = the unnamed connection. */
    public String connect(String connname, String connstr) { throw new UnsupportedOperationException(); }

    /** dblink_disconnect: returns "OK". */
    public String disconnect(String connname) { throw new UnsupportedOperationException(); }

    /** dblink_get_connections: names of open named connections, or null when there are none. */
    public String[] connectionNames() { throw new UnsupportedOperationException(); }

    /** dblink_error_message. */
    public String errorMessage(String connname) { throw new UnsupportedOperationException(); }

    /**
     * dblink(): {@code connNameOrString} null means the unnamed connection; otherwise a
     * named connection if one is open, else a connection string used once and closed.
     */
    public ResultStream query(String connNameOrString, String sql, boolean failOnError) { throw new UnsupportedOperationException(); }

    /** dblink_exec: the command status, or "ERROR" when it failed and failOnError is false. */
    public String exec(String connNameOrString, String sql, boolean failOnError) { throw new UnsupportedOperationException(); }

    /** NOTICEs queued by fail_on_error=false paths, oldest first; the queue is emptied. */
    public List<ServerMessage> takeNotices() { throw new UnsupportedOperationException(); }

    Host host() {
        return host;
    }
}
