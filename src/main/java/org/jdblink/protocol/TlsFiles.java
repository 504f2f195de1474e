package org.jdblink.protocol;

import java.nio.file.Path;

/** Where libpq finds a TLS file: the option's value, else ~/.postgresql/NAME, else nowhere. */
final class TlsFiles {
    private TlsFiles() {}

    /** Null when the option is empty and the home directory is unknown (libpq then has no file). */
    static Path of(String value, String defaultName, String homeDirectory) {
        if (value != null && !value.isEmpty()) {
            return Path.of(value);
        }
        return homeDirectory == null ? null : Path.of(homeDirectory, ".postgresql", defaultName);
    }
}
