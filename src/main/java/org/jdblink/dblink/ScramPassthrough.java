package org.jdblink.dblink;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jdblink.conninfo.ConnInfoException;
import org.jdblink.conninfo.ConnInfoParser;
import org.jdblink.conninfo.HostVersion;

/**
 * dblink 18's SCRAM pass-through: with {@code use_scram_passthrough} on a foreign server
 * (or, when the server does not have the option, on the user mapping), a session whose
 * client logged in with SCRAM connects with the keys of that login instead of a password
 * (libpq's scram_client_key / scram_server_key, with require_auth=scram-sha-256 so that
 * nothing else is accepted in their place). Only the session's own keys count as its
 * credentials: the checks before and after connecting accept a connection string that
 * still carries them as dblink put them, whatever a server or mapping option added later.
 */
public final class ScramPassthrough {
    /** The dblink_fdw option (18) that asks for pass-through. */
    static final String OPTION = "use_scram_passthrough";
    private static final String METHOD = "scram-sha-256";

    private ScramPassthrough() {}

    /**
     * What get_connect_string puts before all other options: the session's keys and
     * require_auth, each followed by a space; "" when the session has no keys or the
     * foreign server does not ask for pass-through.
     *
     * @throws DblinkException use_scram_passthrough is not a Boolean (42601), only raised
     *         when the session has keys, as dblink only looks at the option then
     */
    public static String connectionStringPrefix(List<FdwOption> options, SessionScramKeys keys) {
        if (keys == null || !requested(options)) {
            return "";
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return "scram_client_key='" + base64.encodeToString(keys.clientKey()) + "' "
                + "scram_server_key='" + base64.encodeToString(keys.serverKey()) + "' "
                + "require_auth='" + METHOD + "' ";
    }

    /**
     * UseScramPassthrough: the server's first use_scram_passthrough decides; only a server
     * without it leaves the decision to the user mapping's. The wrapper's options do not count.
     */
    static boolean requested(List<FdwOption> options) {
        for (FdwOptionContext context : List.of(FdwOptionContext.SERVER, FdwOptionContext.USER_MAPPING)) {
            for (FdwOption option : options) {
                if (option.context() == context && option.name().equals(OPTION)) {
                    return booleanValue(option);
                }
            }
        }
        return false;
    }

    /**
     * dblink_connstr_has_required_scram_options: the session has keys and the string
     * (the last value of each keyword counting) still has both keys, non-empty, and
     * require_auth exactly scram-sha-256. A string that does not parse has none of them.
     */
    static boolean carriedBy(String connstr, LocalBackend backend) {
        if (backend.scramKeys() == null) {
            return false;
        }
        Map<String, String> options;
        try {
            options = ConnInfoParser.parse(connstr, backend.hostVersion());
        } catch (ConnInfoException unparsable) {
            return false;
        }
        return METHOD.equals(options.get("require_auth")) && isNotEmpty(options.get("scram_client_key"))
                && isNotEmpty(options.get("scram_server_key"));
    }

    /**
     * defGetBoolean of an option from the catalog, which is always a string: true, false,
     * on or off in any (ASCII) case.
     */
    private static boolean booleanValue(FdwOption option) {
        String value = asciiLowerCase(option.value());
        if (value.equals("true") || value.equals("on")) {
            return true;
        }
        if (value.equals("false") || value.equals("off")) {
            return false;
        }
        throw new DblinkException(SqlStates.SYNTAX_ERROR, option.name() + " requires a Boolean value", null, null);
    }

    /** pg_strcasecmp folds ASCII letters only (Java's case rules would also match, say, "ſ" with "s"). */
    private static String asciiLowerCase(String value) {
        StringBuilder folded = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    private static boolean isNotEmpty(String value) {
        return value != null && !value.isEmpty();
    }
}
