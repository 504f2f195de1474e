package org.jdblink.testing;

/**
 * A server already running that the cluster tests use instead of starting their own, named
 * by the system property {@value #PROPERTY} as {@code host=SOCKETDIR port=N [user=postgres]}
 * (for a server of test/cluster.sh: {@code host=$PGHOST port=$PGPORT}). The tests reach it
 * as postgres over that Unix socket and over 127.0.0.1 at the same port, so the value
 * names nothing else.
 */
record ExistingServer(String socketDir, int port) {
    static final String PROPERTY = "jdblink.test.server";

    /** The server the property names, or null when it is not set (or empty). */
    static ExistingServer named() {
        String value = System.getProperty(PROPERTY, "").strip();
        return value.isEmpty() ? null : parse(value);
    }

    private static ExistingServer parse(String value) {
        String socketDir = null;
        int port = 5432;
        for (String setting : value.split("\\s+")) {
            int eq = setting.indexOf('=');
            String key = eq < 0 ? setting : setting.substring(0, eq);
            String v = eq < 0 ? "" : setting.substring(eq + 1);
            switch (key) {
                case "host" -> socketDir = v;
                case "port" -> port = Integer.parseInt(v);
                case "user" -> {
                    if (!v.equals("postgres")) {
                        throw invalid(value, "the tests connect as postgres");
                    }
                }
                default -> throw invalid(value, "only host, port and user=postgres are read");
            }
        }
        if (socketDir == null || !socketDir.startsWith("/")) {
            throw invalid(value, "host must be the directory of the server's Unix socket");
        }
        return new ExistingServer(socketDir, port);
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("-D" + PROPERTY + "=\"" + value + "\": " + why);
    }
}
