package org.jdblink.conninfo;

/**
 * One connection option as libpq 15's PQconndefaults describes it.
 *
 * @param keyword         the conninfo keyword
 * @param envVar          the PG* environment variable that supplies a fallback, or null
 * @param compiledDefault the value used when nothing else gives one, or null
 * @param dispChar        "" for a normal field, "*" for a secret, "D" for a debug option
 */
public record LibpqOption(String keyword, String envVar, String compiledDefault, String dispChar) {
    /** A value to hide from display (password, sslpassword). */
    public boolean isSecret() {
        return dispChar.equals("*");
    }

    /** An option not shown by default (replication). */
    public boolean isDebug() {
        return dispChar.equals("D");
    }
}
