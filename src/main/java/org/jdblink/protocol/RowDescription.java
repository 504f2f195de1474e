package org.jdblink.protocol;

/**
 * What a tuples result's RowDescription tells its reader: the number of columns, which
 * every DataRow must have. The columns' names and types are checked to lie inside the
 * message but not decoded: dblink takes both from the caller's column definition list.
 */
public record RowDescription(int columnCount) {}
