package org.jdblink.conninfo;

/**
 * {@code sslrootcert=system} (libpq 16, {@link LibpqChange#SYSTEM_ROOT_CERTIFICATES}): the
 * system's trusted roots instead of a root certificate file, only with sslmode
 * verify-full, which it makes the default. On earlier releases "system" is a file name.
 */
public final class SystemRootCertificates {
    private static final String VALUE = "system";

    private SystemRootCertificates() {}

    /** Whether {@code sslrootcert} (exactly, case-sensitive) names the system's roots on this libpq. */
    public static boolean named(HostVersion libpq, String sslrootcert) {
        return LibpqChange.SYSTEM_ROOT_CERTIFICATES.in(libpq) && VALUE.equals(sslrootcert);
    }

    /** The same question about values being resolved. */
    static boolean named(OptionValues values) {
        return named(values.libpq(), values.get("sslrootcert"));
    }
}
