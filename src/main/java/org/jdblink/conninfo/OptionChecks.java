package org.jdblink.conninfo;

import java.util.List;
import java.util.Locale;

/**
 * The value checks libpq's connectOptions2 makes before trying any server, in its order,
 * with the defaults it fills in on the way; each check applies where the host's libpq has
 * the option. Then what jdblink refuses although libpq would accept it.
 */
final class OptionChecks {
    private static final List<String> CHANNEL_BINDING = List.of("disable", "prefer", "require");
    private static final List<String> SSLMODE = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final List<String> SSLNEGOTIATION = List.of("postgres", "direct");
    private static final List<String> SSLCERTMODE = List.of("disable", "allow", "require");
    private static final List<String> GSSENCMODE = List.of("disable", "prefer", "require");
    private static final List<String> TARGET_SESSION_ATTRS =
            List.of("any", "read-write", "read-only", "primary", "standby", "prefer-standby");
    private static final List<String> LOAD_BALANCE_HOSTS = List.of("disable", "random");
    private static final List<String> TLS_VERSIONS = List.of("tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3");
    /** libpq's DefaultSSLCertMode, filled in when sslcertmode has no value. */
    private static final String DEFAULT_SSLCERTMODE = "allow";

    private OptionChecks() {}

    static void check(OptionValues values) throws ConnInfoException {
        RequireAuth.parse(values.get("require_auth"), values.libpq());
        checkOneOf(values, "channel_binding", CHANNEL_BINDING);
        checkOneOf(values, "sslmode", SSLMODE);
        checkSslNegotiation(values);
        if (SystemRootCertificates.named(values) && !"verify-full".equals(values.get("sslmode"))) {
            throw new ConnInfoException("weak sslmode \"" + values.get("sslmode")
                    + "\" may not be used with sslrootcert=system (use \"verify-full\")");
        }
        checkTlsVersion(values, "ssl_min_protocol_version");
        checkTlsVersion(values, "ssl_max_protocol_version");
        if (!isValidTlsRange(values.get("ssl_min_protocol_version"), values.get("ssl_max_protocol_version"))) {
            throw new ConnInfoException("invalid SSL protocol version range");
        }
        if (LibpqOptions.isKnown("sslcertmode", values.libpq())) {
            checkOneOf(values, "sslcertmode", SSLCERTMODE);
            values.fill("sslcertmode", DEFAULT_SSLCERTMODE);
        }
        checkGssEncMode(values);
        checkOneOf(values, "target_session_attrs", TARGET_SESSION_ATTRS);
        checkOneOf(values, "load_balance_hosts", LOAD_BALANCE_HOSTS);
        if (LibpqOptions.isKnown("min_protocol_version", values.libpq())) {
            ProtocolVersions.read(values.get("min_protocol_version"), values.get("max_protocol_version"));
        }
        ScramKeyOption.decode(values.get("scram_client_key"), "client");
        ScramKeyOption.decode(values.get("scram_server_key"), "server");
        JdblinkRefusals.check(values);
    }

    private static void checkOneOf(OptionValues values, String keyword, List<String> allowed) throws ConnInfoException {
        String value = values.get(keyword);
        if (value != null && !allowed.contains(value)) {
            throw invalidValue(keyword, value);
        }
    }

    /**
     * Direct SSL (libpq 17) must not fall back to plaintext, so only sslmodes that never
     * do may use it.
     */
    private static void checkSslNegotiation(OptionValues values) throws ConnInfoException {
        checkOneOf(values, "sslnegotiation", SSLNEGOTIATION);
        String sslmode = values.get("sslmode");
        if ("direct".equals(values.get("sslnegotiation")) && !sslmode.startsWith("r") && !sslmode.startsWith("v")) {
            throw new ConnInfoException("weak sslmode \"" + sslmode + "\" may not be used with sslnegotiation=direct "
                    + "(use \"require\", \"verify-ca\", or \"verify-full\")");
        }
    }

    /** Without GSSAPI (16 on, see {@link LibpqChange#WITHOUT_GSSAPI}) a required encryption is refused here. */
    private static void checkGssEncMode(OptionValues values) throws ConnInfoException {
        checkOneOf(values, "gssencmode", GSSENCMODE);
        if (LibpqChange.WITHOUT_GSSAPI.in(values.libpq()) && "require".equals(values.get("gssencmode"))) {
            throw new ConnInfoException("gssencmode value \"require\" invalid when GSSAPI support is not compiled in");
        }
    }

    /** Empty or unset means "the library's default"; names are case-insensitive. */
    private static void checkTlsVersion(OptionValues values, String keyword) throws ConnInfoException {
        String value = values.get(keyword);
        if (value != null && !value.isEmpty() && !TLS_VERSIONS.contains(value.toLowerCase(Locale.ROOT))) {
            throw new ConnInfoException(LibpqChange.SSL_PROTOCOL_VERSION_NAME_QUOTED.in(values.libpq())
                    ? "invalid \"" + keyword + "\" value: \"" + value + "\""
                    : "invalid " + keyword + " value: \"" + value + "\"");
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
