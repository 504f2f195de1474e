package org.jdblink.conninfo;

import java.util.List;

/** The value checks libpq's connectOptions2 makes before trying any server, in its order. */
final class OptionChecks {
    private static final List<String> CHANNEL_BINDING = List.of("disable", "prefer", "require");
    private static final List<String> SSLMODE = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final List<String> GSSENCMODE = List.of("disable", "prefer", "require");
    private static final List<String> TARGET_SESSION_ATTRS =
            List.of("any", "read-write", "read-only", "primary", "standby", "prefer-standby");
    private static final List<String> TLS_VERSIONS = List.of("tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3");

    private OptionChecks() {}

    static void check(OptionValues values) throws ConnInfoException {
        RequireAuth.parse(values.get("require_auth"), values.libpq());
        checkOneOf(values, "channel_binding", CHANNEL_BINDING);
        checkOneOf(values, "sslmode", SSLMODE);
        checkTlsVersion(values, "ssl_min_protocol_version");
        checkTlsVersion(values, "ssl_max_protocol_version");
        if (!isValidTlsRange(values.get("ssl_min_protocol_version"), values.get("ssl_max_protocol_version"))) {
            throw new ConnInfoException("invalid SSL protocol version range");
        }
        checkOneOf(values, "gssencmode", GSSENCMODE);
        checkOneOf(values, "target_session_attrs", TARGET_SESSION_ATTRS);
        ScramKeyOption.decode(values.get("scram_client_key"), "client");
        ScramKeyOption.decode(values.get("scram_server_key"), "server");
    }

    private static void checkOneOf(OptionValues values, String keyword, List<String> allowed) throws ConnInfoException {
        String value = values.get(keyword);
        if (value != null && !allowed.contains(value)) {
            throw invalidValue(keyword, value);
        }
    }

    /** Empty or unset means "the library's default"; names are case-insensitive. */
    private static void checkTlsVersion(OptionValues values, String keyword) throws ConnInfoException {
        if (!values.isEmpty(keyword) && !TLS_VERSIONS.contains(values.get(keyword).toLowerCase(java.util.Locale.ROOT))) {
            throw invalidValue(keyword, values.get(keyword));
        }
    }

    private static boolean isValidTlsRange(String min, String max) {
        if (min == null || max == null || min.isEmpty() || max.isEmpty() || min.equalsIgnoreCase("TLSv1")) {
            return true;
        }
        if (max.equalsIgnoreCase("TLSv1")) {
            return false;
        }
        // TLSv1.1 .. TLSv1.3 order like their names.
        return min.compareToIgnoreCase(max) <= 0;
    }

    private static ConnInfoException invalidValue(String keyword, String value) {
        return new ConnInfoException("invalid " + keyword + " value: \"" + value + "\"");
    }
}
