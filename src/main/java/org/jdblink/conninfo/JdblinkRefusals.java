package org.jdblink.conninfo;

/**
 * What the host's libpq would accept but jdblink cannot do, refused before any server is
 * tried rather than ignored. (OAuth is refused when a server asks for it, see the
 * protocol package: until then libpq's oauth_* options change nothing either.)
 */
final class JdblinkRefusals {
    private JdblinkRefusals() {}

    static void check(OptionValues values) throws ConnInfoException {
        // libpq 18 writes each TLS connection's secrets to this file (through OpenSSL's
        // keylog callback); Java's TLS has no way to hand them out.
        String keyLog = values.get("sslkeylogfile");
        if (keyLog != null && !keyLog.isEmpty()) {
            throw new ConnInfoException("sslkeylogfile is not supported: jdblink cannot log TLS session keys");
        }
    }
}
