package org.jdblink.dblink;

import java.nio.charset.Charset;

/**
 * Connection names are identifiers: like truncate_identifier, names longer than
 * NAMEDATALEN - 1 bytes (in the database encoding) are cut at a character boundary.
 */
final class ConnectionName {
    /** NAMEDATALEN - 1. */
    static final int MAX_BYTES = 63;

    private ConnectionName() {}

    /** The name as dblink stores and looks it up. */
    static String truncate(String name, Charset encoding) {
        if (name.getBytes(encoding).length <= MAX_BYTES) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int next = name.offsetByCodePoints(end, 1);
            int width = name.substring(end, next).getBytes(encoding).length;
            if (bytes + width > MAX_BYTES) {
                break;
            }
            bytes += width;
            end = next;
        }
        return name.substring(0, end);
    }

    /** The NOTICE truncate_identifier raises when a name is being created. */
    static ServerMessage truncationNotice(String name, String truncated) {
        return new ServerMessage(SqlStates.NAME_TOO_LONG,
                "identifier \"" + name + "\" will be truncated to \"" + truncated + "\"", null, null, null);
    }
}
