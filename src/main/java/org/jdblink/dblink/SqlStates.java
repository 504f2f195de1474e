package org.jdblink.dblink;

/**
 * The SQLSTATEs jdblink raises of its own accord (remote errors keep the remote server's),
 * named as PostgreSQL's errcodes.h names them, for the dblink and bridge packages.
 */
public final class SqlStates {
    public static final String SUCCESSFUL_COMPLETION = "00000";
    public static final String WARNING = "01000";
    public static final String SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION = "08001";
    public static final String CONNECTION_DOES_NOT_EXIST = "08003";
    public static final String CONNECTION_FAILURE = "08006";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED = "2F003";
    public static final String INVALID_CURSOR_NAME = "34000";
    public static final String SYNTAX_ERROR = "42601";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String NAME_TOO_LONG = "42622";
    public static final String DUPLICATE_OBJECT = "42710";
    public static final String DATATYPE_MISMATCH = "42804";
    public static final String OUT_OF_MEMORY = "53200";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    public static final String OBJECT_IN_USE = "55006";
    public static final String QUERY_CANCELED = "57014";
    public static final String FDW_INVALID_OPTION_NAME = "HV00J";
    public static final String INTERNAL_ERROR = "XX000";

    private SqlStates() {}
}
