package org.jdblink.conninfo;

/**
 * One connection option as PQconndefaults describes it.
 *
 * @param keyword         the conninfo keyword
 * @param envVar          the PG* environment variable that supplies a fallback, or null
 * @param compiledDefault the value used when nothing else gives one, or null
 * @param dispChar        "" for a normal field, "*" for a secret, "D" for a debug option
 * @param since           the major release of libpq that added the option (15 for those 15 has)
 */
public record LibpqOption(String keyword, String envVar, String compiledDefault, String dispChar, int since) {
    /** A value to hide from display (password, sslpassword, oauth_client_secret). */
    public boolean isSecret() {
        return dispChar.equals("*");
    }

    /** An option not shown by default (replication, scram_*_key, sslkeylogfile). */
    public boolean isDebug() {
        return dispChar.equals("D");
    }

    /** Whether libpq of {@code host}'s major release has this option. */
    boolean existsIn(HostVersion host) {
        return host.atLeast(since);
    }

    /** The same option with another compiled default. */
    LibpqOption withDefault(String value) {
        return new LibpqOption(keyword, envVar, value, dispChar, since);
    }
}
