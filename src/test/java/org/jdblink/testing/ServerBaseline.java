package org.jdblink.testing;

import java.io.IOException;
import java.util.Set;

/**
 * The databases, and the extensions of database postgres, that an {@link ExistingServer}
 * had when a test class began: the class creates its own with fixed names, so dropping
 * what is new at its end lets the class, or another, run again on the same server.
 */
final class ServerBaseline {
    private static final String DATABASES = "select datname from pg_database";
    private static final String EXTENSIONS = "select extname from pg_extension";

    private final Set<String> databases;
    private final Set<String> extensions;

    private ServerBaseline(Set<String> databases, Set<String> extensions) {
        this.databases = databases;
        this.extensions = extensions;
    }

    static ServerBaseline of(TestCluster server) throws IOException, InterruptedException {
        return new ServerBaseline(names(server, DATABASES), names(server, EXTENSIONS));
    }

    /**
     * Drops what is not in the baseline. "if exists": two fixtures of one class may share
     * the server, and the first to end drops what both saw created.
     */
    void dropWhatIsNew(TestCluster server) throws IOException, InterruptedException {
        for (String extension : names(server, EXTENSIONS)) {
            if (!extensions.contains(extension)) {
                server.psql("drop extension if exists " + identifier(extension) + " cascade");
            }
        }
        for (String database : names(server, DATABASES)) {
            if (!databases.contains(database)) {
                server.psql("drop database if exists " + identifier(database) + " with (force)");
            }
        }
    }

    private static Set<String> names(TestCluster server, String query) throws IOException, InterruptedException {
        String lines = server.psql(query);
        return lines.isEmpty() ? Set.of() : Set.of(lines.split("\n"));
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
