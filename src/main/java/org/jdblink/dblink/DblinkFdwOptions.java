package org.jdblink.dblink;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.conninfo.LibpqOption;
import org.jdblink.conninfo.LibpqOptions;

/**
 * dblink_fdw's option rules on a host of one release: which options a server or user
 * mapping may carry (dblink_fdw_validator), and how a foreign server's options become a
 * connection string. The options are those of the host's libpq (they grow with every
 * release) without the debug ones (replication), client_encoding, which dblink sets
 * itself, and from 18 on the oauth_* ones; user and the secret options belong in user
 * mappings, all others on the server. Options of the wrapper itself (not libpq's) are
 * valid everywhere and are never passed to libpq.
 */
public final class DblinkFdwOptions {
    /** The validator's limit for "Perhaps you meant …" (16+). */
    private static final int MAX_HINT_DISTANCE = 4;
    /** dblink_fdw's own options, each with the change that brought it. */
    private static final Map<String, DblinkChange> WRAPPER_OPTIONS =
            Map.of(ScramPassthrough.OPTION, DblinkChange.SCRAM_PASSTHROUGH);

    private final HostVersion host;
    private final Charset encoding;
    /** The host's libpq options by keyword, in libpq's order (the validator's hints follow it). */
    private final Map<String, LibpqOption> libpq = new LinkedHashMap<>();

    /**
     * @param host     the local server's release
     * @param options  its libpq's options, in PQconndefaults order
     * @param encoding the database encoding (the validator's closest match measures names in it)
     */
    DblinkFdwOptions(HostVersion host, List<LibpqOption> options, Charset encoding) {
        this.host = host;
        this.encoding = encoding;
        for (LibpqOption option : options) {
            libpq.put(option.keyword(), option);
        }
    }

    /** The rules of {@code backend}'s release, with its libpq's options, in its database's encoding. */
    public static DblinkFdwOptions forBackend(LocalBackend backend) {
        HostVersion host = backend.hostVersion();
        return new DblinkFdwOptions(host, LibpqOptions.all(host), new DatabaseEncoding(backend.databaseEncoding()).charset());
    }

    /** is_valid_dblink_fdw_option: whether {@code name} may be written in {@code context}. */
    boolean isValid(String name, FdwOptionContext context) {
        DblinkChange wrapperOption = WRAPPER_OPTIONS.get(name);
        return wrapperOption != null && wrapperOption.in(host) || isConnectionOption(name, context);
    }

    /** is_valid_dblink_option: a libpq option that dblink passes on from {@code context}. */
    private boolean isConnectionOption(String name, FdwOptionContext context) {
        LibpqOption option = libpq.get(name);
        if (option == null || option.isDebug() || name.equals("client_encoding")
                || DblinkChange.OAUTH_OPTIONS_EXCLUDED.in(host) && name.startsWith("oauth_")) {
            return false;
        }
        boolean personal = name.equals("user") || option.isSecret();
        return context == (personal ? FdwOptionContext.USER_MAPPING : FdwOptionContext.SERVER);
    }

    /** dblink_fdw_validator: the first invalid name raises HV00J, with the release's HINT. */
    public void validate(List<String> names, FdwOptionContext context) {
        for (String name : names) {
            if (!isValid(name, context)) {
                throw new DblinkException(SqlStates.FDW_INVALID_OPTION_NAME, "invalid option \"" + name + "\"", null,
                        hint(name, context));
            }
        }
    }

    /**
     * Up to 15 the valid options of the context, all of them; from 16 on the closest one
     * (or no HINT when none is close). Either way a context without any valid option says so.
     */
    private String hint(String invalid, FdwOptionContext context) {
        List<String> valid = libpq.keySet().stream().filter(keyword -> isConnectionOption(keyword, context)).toList();
        if (valid.isEmpty()) {
            return "There are no valid options in this context.";
        }
        if (!DblinkChange.VALIDATOR_SUGGESTS_CLOSEST_OPTION.in(host)) {
            return "Valid options in this context are: " + String.join(", ", valid);
        }
        ClosestMatch closest = new ClosestMatch(invalid, MAX_HINT_DISTANCE, encoding);
        valid.forEach(closest::consider);
        return closest.match() == null ? null : "Perhaps you meant the option \"" + closest.match() + "\".";
    }

    /**
     * get_connect_string: {@code key='value' } for each libpq option valid where it is
     * stored (others, e.g. those of another wrapper or the wrapper's own, are skipped),
     * quotes and backslashes in the value escaped with a backslash.
     */
    public String connectionString(List<FdwOption> options) {
        return options.stream()
                .filter(option -> isConnectionOption(option.name(), option.context()))
                .map(option -> option.name() + "='" + escaped(option.value()) + "' ")
                .collect(Collectors.joining());
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
