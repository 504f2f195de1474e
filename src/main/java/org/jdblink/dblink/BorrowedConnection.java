package org.jdblink.dblink;

/**
 * The connection one dblink call works on, as dblink_get_conn finds it.
 *
 * @param conn        the connection
 * @param contextName the name for dblink's CONTEXT line: the name as the user gave it
 *                    for a named connection, null for the unnamed or a one-shot one
 * @param oneShot     opened from a connection string for this call only: closed by {@link #release()}
 */
record BorrowedConnection(RemoteConnection conn, String contextName, boolean oneShot) {
    /** The call is over: a one-shot connection is closed, a registered one stays. */
    void release() {
        if (oneShot) {
            conn.close();
        }
    }
}
