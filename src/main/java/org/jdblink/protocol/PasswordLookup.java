package org.jdblink.protocol;

import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.conninfo.PassFile;

/**
 * The password to answer a server's request with: the connection's own password, else a
 * matching line of the password file (libpq's rules live in {@link PassFile}).
 */
final class PasswordLookup {
    /** A password and whether it came from the password file (libpq then names the file on failure). */
    record Found(String password, String fromFile) {}

    private PasswordLookup() {}

    static Found find(ConnectionSettings settings, HostTarget target) {
        String given = settings.get("password");
        if (given != null && !given.isEmpty()) {
            return new Found(given, null);
        }
        String password = PassFile.lookup(settings, target);
        return password == null ? null : new Found(password, settings.get("passfile"));
    }
}
