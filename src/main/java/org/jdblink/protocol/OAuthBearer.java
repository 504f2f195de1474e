package org.jdblink.protocol;

import java.util.List;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.LibpqOptions;

/**
 * OAUTHBEARER, the SASL mechanism of PostgreSQL 18's oauth authentication. libpq 18 runs
 * an OAuth flow when a server asks for it (the oauth_* options say with which issuer and
 * client); jdblink has no OAuth flow, so such a server is refused, with libpq's text when
 * the options are missing anyway. Until a server asks, the options change nothing, in
 * libpq as in jdblink.
 */
final class OAuthBearer {
    static final String MECHANISM = "OAUTHBEARER";

    private OAuthBearer() {}

    /**
     * Why a server asking for OAuth is refused, or null when the host's libpq has no OAuth
     * (before 18 OAUTHBEARER is just a mechanism nobody supports).
     */
    static String refusal(ConnectionSettings settings) {
        if (!LibpqOptions.isKnown("oauth_issuer", settings.libpq())) {
            return null;
        }
        if (isEmpty(settings.get("oauth_issuer")) || isEmpty(settings.get("oauth_client_id"))) {
            return "server requires OAuth authentication, but oauth_issuer and oauth_client_id are not both set";
        }
        return "server requires OAuth authentication, which jdblink does not support";
    }

    /** Whether libpq would pick OAUTHBEARER from the server's list: offered, and no SCRAM. */
    static boolean chosenFrom(List<String> offered) {
        return offered.contains(MECHANISM) && !offered.contains(ChannelBinding.SCRAM) && !offered.contains(ChannelBinding.SCRAM_PLUS);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
