package org.jdblink.dblink;

/**
 * What a connection is made from: dblink's get_connect_string, which finds a foreign
 * server of the given name or takes the text as a connection string.
 *
 * @param connstr the connection string to connect with
 * @param server  the foreign server's name (truncated as an identifier, as the catalog
 *                lookup truncates it), or null when the text was a connection string
 */
record ConnectionTarget(String connstr, String server) {}
