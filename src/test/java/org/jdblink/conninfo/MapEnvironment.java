package org.jdblink.conninfo;

import java.util.HashMap;
import java.util.Map;

/** A fixed environment for tests: variables from a map, a given home and OS user. */
final class MapEnvironment implements Environment {
    private final Map<String, String> variables;
    private final String home;
    private final String user;

    MapEnvironment(Map<String, String> variables, String home, String user) {
        this.variables = new HashMap<>(variables);
        this.home = home;
        this.user = user;
    }

    /** The environment the golden files were generated in: root, home /root, no system service file. */
    static MapEnvironment golden(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>();
        all.put("PGSYSCONFDIR", "/nonexistent");
        all.putAll(variables);
        return new MapEnvironment(all, "/root", "root");
    }

    @Override public String getenv(String name) { return variables.get(name); }
    @Override public String homeDirectory() { return home; }
    @Override public String osUserName() { return user; }
}
