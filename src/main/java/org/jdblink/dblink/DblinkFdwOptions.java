package org.jdblink.dblink;

import java.util.List;
import java.util.stream.Collectors;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.conninfo.LibpqOption;
import org.jdblink.conninfo.LibpqOptions;

/**
 * dblink_fdw's option rules: which libpq options a server or user mapping may carry
 * (dblink_fdw_validator), and how a foreign server's options become a connection string.
 * Valid are libpq's options without the debug ones (replication) and client_encoding,
 * which dblink sets itself; user and the secret options belong in user mappings, all
 * others on the server.
 */
public final class DblinkFdwOptions {
    private DblinkFdwOptions() {}

    /** Whether {@code name} is valid in {@code context}. */
    public static boolean isValid(String name, FdwOptionContext context) {
        LibpqOption option = LibpqOptions.find(name);
        if (option == null || option.isDebug() || name.equals("client_encoding")) {
            return false;
        }
        boolean personal = name.equals("user") || option.isSecret();
        return context == (personal ? FdwOptionContext.USER_MAPPING : FdwOptionContext.SERVER);
    }

    /**
     * dblink_fdw_validator: the first invalid name raises HV00J with the valid ones as HINT.
     * On an 18 host use_scram_passthrough is valid too ({@link ScramPassthrough}).
     */
    public static void validate(List<String> names, FdwOptionContext context, HostVersion host) {
        for (String name : names) {
            if (!isValid(name, context) && !ScramPassthrough.isValidatorOption(name, host)) {
                throw new DblinkException(SqlStates.FDW_INVALID_OPTION_NAME, "invalid option \"" + name + "\"", null,
                        validOptionsHint(context));
            }
        }
    }

    private static String validOptionsHint(FdwOptionContext context) {
        String valid = LibpqOptions.all().stream()
                .map(LibpqOption::keyword)
                .filter(keyword -> isValid(keyword, context))
                .collect(Collectors.joining(", "));
        return valid.isEmpty() ? "There are no valid options in this context." : "Valid options in this context are: " + valid;
    }

    /**
     * get_connect_string: {@code key='value' } for each option valid where it is stored
     * (others, e.g. those of another wrapper, are skipped), quotes and backslashes in the
     * value escaped with a backslash.
     */
    public static String connectionString(List<FdwOption> options) {
        StringBuilder connstr = new StringBuilder();
        for (FdwOption option : options) {
            if (isValid(option.name(), option.context())) {
                connstr.append(option.name()).append("='");
                appendEscaped(connstr, option.value());
                connstr.append("' ");
            }
        }
        return connstr.toString();
    }

    private static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
