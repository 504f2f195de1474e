package org.jdblink.dblink;

import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.ResultFormats;
import org.jdblink.protocol.RowDescription;

/**
 * Which result columns of dblink() and dblink_fetch travel in binary (docs/binary-transfer.md):
 * those whose remote type is the very type the caller declared for the column, where C
 * offered that type (the built-in types whose binary form the bridge reads exactly), and
 * the two servers agree on the type's binary form. Any other column, and every column
 * when the counts differ (the bridge then raises dblink's mismatch error), is text.
 */
final class BinaryColumns implements ResultFormats {
    // Built-in type OIDs, the same in every PostgreSQL release.
    private static final int DATE = 1082;
    private static final int TIME = 1083;
    private static final int TIMESTAMP = 1114;
    private static final int TIMESTAMPTZ = 1184;
    private static final int INTERVAL = 1186;
    private static final int DATE_ARRAY = 1182;
    private static final int TIME_ARRAY = 1183;
    private static final int TIMESTAMP_ARRAY = 1115;
    private static final int TIMESTAMPTZ_ARRAY = 1185;
    private static final int INTERVAL_ARRAY = 1187;
    /** Before 10 a server may keep dates and times as floats; its binary form of them is another. */
    private static final int FIRST_MAJOR = 10;
    /** PostgreSQL 17 gave intervals infinite values, which older releases read as finite ones. */
    private static final int INFINITE_INTERVALS = 17;

    private final int[] localTypes;
    private final HostVersion host;

    private BinaryColumns(int[] localTypes, HostVersion host) {
        this.localTypes = localTypes;
        this.host = host;
    }

    /**
     * For the columns of a FROM clause: per column the type C offers for binary, or 0;
     * null (jdblink.binary_transfer off, or no column offered) gives null: all text.
     */
    static ResultFormats of(int[] localTypes, HostVersion host) {
        return localTypes == null ? null : new BinaryColumns(localTypes, host);
    }

    @Override
    public short[] choose(RowDescription described, PgConnection remote) {
        return formats(described, remote.parameterStatus("server_version"), remote.parameterStatus("integer_datetimes"));
    }

    /** {@link #choose}, given what the remote reported of its version and integer_datetimes. */
    short[] formats(RowDescription described, String serverVersion, String integerDatetimes) {
        int major = remoteMajor(serverVersion);
        if (described.columnCount() != localTypes.length || major < FIRST_MAJOR) {
            return null;
        }
        boolean datetimes = "on".equals(integerDatetimes);
        boolean intervals = (major >= INFINITE_INTERVALS) == host.atLeast(INFINITE_INTERVALS);
        short[] formats = new short[localTypes.length];
        boolean any = false;
        for (int i = 0; i < formats.length; i++) {
            int type = localTypes[i];
            if (type != 0 && type == described.typeOid(i) && agreed(type, datetimes, intervals)) {
                formats[i] = BINARY;
                any = true;
            }
        }
        return any ? formats : null;
    }

    private static boolean agreed(int type, boolean datetimes, boolean intervals) {
        return switch (type) {
            case INTERVAL, INTERVAL_ARRAY -> datetimes && intervals;
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, DATE_ARRAY, TIME_ARRAY, TIMESTAMP_ARRAY, TIMESTAMPTZ_ARRAY -> datetimes;
            default -> true;
        };
    }

    /** The major release in a server_version report ("16.4", "9.6.24", "18beta1"); 0 if unreadable. */
    static int remoteMajor(String serverVersion) {
        int major = 0;
        int i = 0;
        while (serverVersion != null && i < serverVersion.length() && i < 4 && Character.isDigit(serverVersion.charAt(i))) {
            major = major * 10 + (serverVersion.charAt(i++) - '0');
        }
        return major;
    }
}
