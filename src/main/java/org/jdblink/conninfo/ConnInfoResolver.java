package org.jdblink.conninfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a connection string into {@link ConnectionSettings} exactly as libpq does. */
public final class ConnInfoResolver {
    private ConnInfoResolver() {}

    /** As {@link #resolve(String, Environment, HostVersion)} by libpq 15's rules. */
    public static ConnectionSettings resolve(String conninfo, Environment env) throws ConnInfoException {
        return resolve(conninfo, env, HostVersion.PG15);
    }

    /**
     * Parses {@code conninfo} (keyword=value form or a postgresql:// / postgres:// URI) and
     * applies, for keywords not given: the service file's entries, PG* environment
     * variables, then libpq's compiled defaults; expands host/hostaddr/port lists; checks
     * the values. All by the rules of libpq of {@code libpq}'s major version.
     */
    public static ConnectionSettings resolve(String conninfo, Environment env, HostVersion libpq) throws ConnInfoException {
        OptionValues values = ConnInfoParser.parseInto(conninfo, libpq);
        ServiceFile.apply(values, env);
        applyFallbacks(values, env);

        List<HostList.Slot> slots = HostList.expand(values);
        completeIdentity(values, env);
        OptionChecks.check(values);

        List<HostTarget> targets = new ArrayList<>(slots.size());
        for (HostList.Slot slot : slots) {
            targets.add(HostList.toTarget(slot));
        }
        return new ConnectionSettings(values.toOrderedMap(), targets, env.homeDirectory(), libpq);
    }

    /** Environment variables, then compiled-in defaults, for every option still unset. */
    private static void applyFallbacks(OptionValues values, Environment env) {
        for (LibpqOption option : LibpqOptions.all(values.libpq())) {
            String keyword = option.keyword();
            if (values.isSet(keyword)) {
                continue;
            }
            String fromEnv = option.envVar() == null ? null : env.getenv(option.envVar());
            if (fromEnv != null) {
                values.fill(keyword, fromEnv);
            } else if (keyword.equals("sslmode") && startsWithOne(env.getenv("PGREQUIRESSL"))) {
                // The deprecated PGREQUIRESSL still counts, below PGSSLMODE.
                values.fill(keyword, "require");
            } else if (option.compiledDefault() != null) {
                values.fill(keyword, option.compiledDefault());
            } else if (keyword.equals("user") && env.osUserName() != null) {
                values.fill(keyword, env.osUserName());
            }
        }
    }

    /**
     * What libpq fills in once all sources are applied: an empty user is the OS user, an
     * empty dbname is the user, and without a password the password file is
     * ~/.pgpass unless one was named.
     */
    private static void completeIdentity(OptionValues values, Environment env) {
        if (values.isEmpty("user") && env.osUserName() != null) {
            values.replace("user", env.osUserName());
        }
        if (values.isEmpty("dbname") && values.get("user") != null) {
            values.replace("dbname", values.get("user"));
        }
        if (values.isEmpty("password") && values.isEmpty("passfile") && env.homeDirectory() != null) {
            values.replace("passfile", Path.of(env.homeDirectory(), ".pgpass").toString());
        }
    }

    private static boolean startsWithOne(String value) {
        return value != null && value.startsWith("1");
    }
}
