package org.jdblink.dblink;

/**
 * A message the local server raises below ERROR once the call that queued it has returned
 * to C: dblink's own NOTICEs (fail_on_error = false, name truncation) and, with
 * {@code jdblink.remote_notices = client}, the remote server's notices at their own level.
 */
public record Notice(Level level, ServerMessage message) {
    /** The local levels a notice is raised at (ereport's elevel; DEBUG is DEBUG1). */
    public enum Level { DEBUG, LOG, INFO, NOTICE, WARNING }

    /** One of dblink's own NOTICEs. */
    public static Notice of(ServerMessage message) {
        return new Notice(Level.NOTICE, message);
    }
}
