package org.jdblink.dblink;

/** One option of a foreign server or user mapping, as stored in the catalog. */
public record FdwOption(FdwOptionContext context, String name, String value) {}
