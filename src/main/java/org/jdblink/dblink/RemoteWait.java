package org.jdblink.dblink;

/**
 * What a backend waiting on a remote server waits for, as dblink tells PostgreSQL (which
 * shows it in pg_stat_activity, docs/troubleshooting.md): C dblink 17's wait events, under
 * jdblink's names.
 */
public enum RemoteWait {
    /** dblink_connect / dblink_connect_u connecting (C dblink: DblinkConnect). */
    CONNECT,
    /** A connection made for one call, dblink(connstr, …) or dblink_exec(connstr, …), connecting (DblinkGetConnect). */
    GET_CONNECT,
    /** A query's results, in every function that runs or reads one (DblinkGetResult). */
    GET_RESULT,
    /** A CancelRequest: dblink_cancel_query's, and an interrupted query's (C dblink 17's cancel: Client / ClientRead). */
    CANCEL
}
