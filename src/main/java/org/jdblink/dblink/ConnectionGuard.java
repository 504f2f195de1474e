package org.jdblink.dblink;

import org.jdblink.conninfo.ConnInfoParser;
import org.jdblink.conninfo.HostVersion;

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
 * does not disable) cannot be borrowed by a non-superuser; from 16 on it also wants the
 * password to be one the string gave ({@link DblinkChange#SECURITY_CHECK_WANTS_GIVEN_PASSWORD}).
 * The texts are the host's release's ({@link DblinkChange#CREDENTIAL_CHECKS_NAME_GSSAPI});
 * jdblink has no GSSAPI, so delegated credentials never pass. On PostgreSQL 18 the
 * session's own SCRAM keys count as its credentials too, when the string still carries
 * them as dblink put them for a foreign server with use_scram_passthrough
 * ({@link ScramPassthrough}).
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
        HostVersion host = backend.hostVersion();
        boolean namesGssapi = DblinkChange.CREDENTIAL_CHECKS_NAME_GSSAPI.in(host);
        boolean wantsGivenPassword = DblinkChange.SECURITY_CHECK_WANTS_GIVEN_PASSWORD.in(host);
        return new ConnectionGuard() {
            @Override
            public void beforeConnect(String connstr) {
                if (!backend.isSuperuser() && !ConnInfoParser.givesPassword(connstr, host)
                        && !ScramPassthrough.carriedBy(connstr, backend)) {
                    throw namesGssapi
                            ? refusal("password or GSSAPI delegated credentials required",
                                    "Non-superusers must provide a password in the connection string or send delegated "
                                            + "GSSAPI credentials.", null)
                            : refusal("password is required",
                                    "Non-superusers must provide a password in the connection string.", null);
                }
            }

            @Override
            public void afterConnect(boolean passwordUsed, String connstr) {
                if (backend.isSuperuser()
                        || passwordUsed && (!wantsGivenPassword || ConnInfoParser.givesPassword(connstr, host))
                        || ScramPassthrough.carriedBy(connstr, backend)) {
                    return;
                }
                throw namesGssapi
                        ? refusal("password or GSSAPI delegated credentials required",
                                "Non-superusers may only connect using credentials they provide, eg: password in "
                                        + "connection string or delegated GSSAPI credentials",
                                "Ensure provided credentials match target server's authentication method.")
                        : refusal("password is required",
                                "Non-superuser cannot connect if the server does not request a password.",
                                "Target server's authentication method must be changed.");
            }
        };
    }

    private static DblinkException refusal(String message, String detail, String hint) {
        return new DblinkException(SqlStates.S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED, message, detail, hint);
    }
}
