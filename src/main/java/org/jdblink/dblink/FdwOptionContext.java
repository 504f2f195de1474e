package org.jdblink.dblink;

/** Where an option of a dblink_fdw object is written; decides which options are valid there. */
public enum FdwOptionContext {
    /** CREATE/ALTER SERVER: connection options except the user's credentials. */
    SERVER,
    /** CREATE/ALTER USER MAPPING: user, password and the other secret options. */
    USER_MAPPING,
    /** The wrapper itself, foreign tables, columns: dblink takes no options there. */
    OTHER
}
