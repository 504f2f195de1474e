package org.jdblink.dblink;

/**
 * An error or notice to be raised by the local server exactly as given: the bridge turns
 * it into ereport(level, errcode(sqlstate), errmsg, errdetail, errhint, errcontext).
 * {@code context} may hold several lines (remote CONTEXT, then dblink's own line).
 * Any field but sqlstate and message may be null.
 */
public record ServerMessage(String sqlstate, String message, String detail, String hint, String context) {}
