package org.jdblink.bridge;

import java.util.ArrayList;
import java.util.List;
import org.jdblink.dblink.ConnectionStringSource;
import org.jdblink.dblink.DblinkFdwOptions;
import org.jdblink.dblink.FdwOption;
import org.jdblink.dblink.FdwOptionContext;
import org.jdblink.dblink.ScramPassthrough;

/**
 * Foreign servers from the local catalog (of any wrapper, as in dblink): the C side finds
 * the server, the current user's mapping and checks USAGE (natives in bridge/catalog.c);
 * the options become a connection string here, after the session's SCRAM keys when the
 * server asks for pass-through (PostgreSQL 18).
 */
final class CatalogServers implements ConnectionStringSource {
    /** The tag of a user mapping's option in what {@link #serverOptions0} returns ('S': the server's). */
    private static final byte USER_MAPPING = 'U';

    private final DblinkFdwOptions fdwOptions;

    CatalogServers(DblinkFdwOptions fdwOptions) {
        this.fdwOptions = fdwOptions;
    }

    @Override
    public String connectionStringFor(String name) {
        byte[][] found = serverOptions0(BackendText.encode(name));
        if (found == null) {
            return null;
        }
        List<FdwOption> options = options(found);
        return ScramPassthrough.connectionStringPrefix(options, JniLocalBackend.sessionScramKeys())
                + fdwOptions.connectionString(options);
    }

    /** Triples (tag, name, value) from C, in catalog order: the server's, then the mapping's. */
    static List<FdwOption> options(byte[][] triples) {
        List<FdwOption> options = new ArrayList<>(triples.length / 3);
        for (int i = 0; i + 2 < triples.length; i += 3) {
            FdwOptionContext context = triples[i][0] == USER_MAPPING ? FdwOptionContext.USER_MAPPING : FdwOptionContext.SERVER;
            options.add(new FdwOption(context, BackendText.decode(triples[i + 1]), BackendText.decode(triples[i + 2])));
        }
        return options;
    }

    /**
     * The foreign server named {@code name} (truncated like an identifier) for the current
     * user: null when there is none; else its options and the user mapping's as triples.
     * Throws {@link BackendError} for a missing user mapping or a missing USAGE privilege.
     */
    private static native byte[][] serverOptions0(byte[] name);
}
