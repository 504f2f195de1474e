package org.jdblink.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.HostTarget;

/** Builds resolved settings by hand (the tests do not depend on the conninfo layer). */
final class Settings {
    private Settings() {}

    static ConnectionSettings of(Map<String, String> values, HostTarget... targets) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("sslmode", "prefer");
        return new ConnectionSettings(all, List.of(targets));
    }

    static HostTarget unix(String dir, int port) {
        return new HostTarget(dir, null, port, true);
    }

    static HostTarget tcp(String host, int port) {
        return new HostTarget(host, null, port, false);
    }

    static ConnectionSettings user(String user, String password, HostTarget target) {
        Map<String, String> v = new HashMap<>(Map.of("user", user, "dbname", "postgres"));
        if (password != null) {
            v.put("password", password);
        }
        return of(v, target);
    }
}
