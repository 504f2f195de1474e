package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;

/**
 * dblink's rules on who may connect how (dblink_connstr_check before connecting,
 * dblink_security_check after). Superusers pass both. The non-superuser rules (password in
 * the connection string, server must ask for one, options refused) are not implemented
 * yet: until they are, non-superusers are refused outright rather than let through.
 */
interface ConnectionGuard {
    /** Before connecting, on the connection string as given (or built from a foreign server). */
    void beforeConnect(String connstr);

    /** After connecting; the caller closes {@code conn} if this throws. */
    void afterConnect(PgConnection conn, String connstr);

    static ConnectionGuard forHost(Host host) {
        return new ConnectionGuard() {
            @Override
            public void beforeConnect(String connstr) {
                if (!host.isSuperuser()) {
                    throw new DblinkException("0A000", "jdblink does not yet support connections by non-superusers", null, null);
                }
            }

            @Override
            public void afterConnect(PgConnection conn, String connstr) {
                // superusers only so far: nothing to check once connected
            }
        };
    }
}
