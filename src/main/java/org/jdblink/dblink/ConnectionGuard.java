package org.jdblink.dblink;

import org.jdblink.conninfo.ConnInfoParser;

/**
 * dblink's rules on who may connect how: dblink_connstr_check before connecting,
 * dblink_security_check after. Superusers pass both; whether the caller is one is asked
 * each time (dblink_connect_u runs as its owner, SET ROLE changes it between calls).
 *
 * <p>The rule before connecting looks at the connection string itself, never at what
 * libpq would fill in from a service file, the password file or PGPASSWORD of the server's
 * OS user: a password given by the string always wins over those sources, so the server
 * can only have asked for the caller's own password. The rule after connecting makes sure
 * the server did ask, so trust or peer authentication (which a password in the string
 * does not disable) cannot be borrowed by a non-superuser. On PostgreSQL 18 the session's
 * own SCRAM keys count as its credentials too, when the string still carries them as
 * dblink put them for a foreign server with use_scram_passthrough ({@link ScramPassthrough}).
 *
 * <p>C dblink 15.20 also refuses, to everyone, options that PostgreSQL's list of
 * proxy-safe options lacks ({@code permission denied to set connection option}); that
 * list holds every option libpq 15 knows, so with libpq 15's options nothing is refused
 * and there is nothing to check here.
 */
interface ConnectionGuard {
    /** Before connecting, on the connection string as given (or built from a foreign server). */
    void beforeConnect(String connstr);

    /**
     * After connecting with {@code connstr}; {@code passwordUsed}: the server asked for a
     * password (PQconnectionUsedPassword). The caller closes the connection if this throws.
     */
    void afterConnect(boolean passwordUsed, String connstr);

    static ConnectionGuard forBackend(LocalBackend backend) {
        return new ConnectionGuard() {
            @Override
            public void beforeConnect(String connstr) {
                if (!backend.isSuperuser() && !ConnInfoParser.givesPassword(connstr, backend.hostVersion())
                        && !ScramPassthrough.carriedBy(connstr, backend)) {
                    throw new DblinkException(SqlStates.S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED,
                            "password is required",
                            "Non-superusers must provide a password in the connection string.", null);
                }
            }

            @Override
            public void afterConnect(boolean passwordUsed, String connstr) {
                if (!backend.isSuperuser() && !passwordUsed && !ScramPassthrough.carriedBy(connstr, backend)) {
                    throw new DblinkException(SqlStates.S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED,
                            "password is required",
                            "Non-superuser cannot connect if the server does not request a password.",
                            "Target server's authentication method must be changed.");
                }
            }
        };
    }
}
