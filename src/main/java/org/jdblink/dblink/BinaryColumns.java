package org.jdblink.dblink;

import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.ResultFormats;
import org.jdblink.protocol.RowDescription;

/**
 * Which result columns of dblink() and dblink_fetch travel in binary (docs/binary-transfer.md):
 * those whose remote type is the very type the caller declared for the column, where C
 * offered that type (the built-in types whose binary form the bridge reads exactly), the
 * two servers agree on the type's binary form, and the remote's text form of it is exact,
 * so that binary gives what text would. Any other column, and every column when the counts
 * differ (the bridge then raises dblink's mismatch error), is text.
 *
 * Dates and timestamps are exact as text only in the ISO DateStyle: the others write the
 * time zone as an abbreviation, which the reader looks up in its own table (IST is
 * Israel's there), and orders fields that a YMD reader may not parse back. Intervals are
 * exact in the postgres IntervalStyle; postgres_verbose writes extreme ones so that they
 * do not parse back.
 */
final class BinaryColumns implements ResultFormats {
    // Built-in type OIDs, the same in every PostgreSQL release.
    private static final int DATE = 1082;
    private static final int TIMESTAMP = 1114;
    private static final int TIMESTAMPTZ = 1184;
    private static final int INTERVAL = 1186;
    private static final int DATE_ARRAY = 1182;
    private static final int TIMESTAMP_ARRAY = 1115;
    private static final int TIMESTAMPTZ_ARRAY = 1185;
    private static final int INTERVAL_ARRAY = 1187;
    /**
     * Before 10 a server may keep dates and times as floats (integer_datetimes off), whose
     * binary form is another; such a remote gets text throughout.
     */
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

    /** What the remote reported of itself that decides which types are exact in binary. */
    record RemoteReport(String serverVersion, String integerDatetimes, String dateStyle, String intervalStyle) {
        static RemoteReport of(PgConnection remote) {
            return new RemoteReport(remote.parameterStatus("server_version"), remote.parameterStatus("integer_datetimes"),
                    remote.parameterStatus("DateStyle"), remote.parameterStatus("IntervalStyle"));
        }
    }

    @Override
    public short[] choose(RowDescription described, PgConnection remote) {
        return formats(described, RemoteReport.of(remote));
    }

    /** {@link #choose}, given what the remote reported. */
    short[] formats(RowDescription described, RemoteReport remote) {
        int major = remoteMajor(remote.serverVersion());
        if (described.columnCount() != localTypes.length || major < FIRST_MAJOR
                || !"on".equals(remote.integerDatetimes())) {
            return null;
        }
        boolean isoDates = remote.dateStyle() != null && remote.dateStyle().startsWith("ISO");
        boolean intervals = (major >= INFINITE_INTERVALS) == host.atLeast(INFINITE_INTERVALS)
                && "postgres".equals(remote.intervalStyle());
        short[] formats = new short[localTypes.length];
        boolean any = false;
        for (int i = 0; i < formats.length; i++) {
            int type = localTypes[i];
            if (type != 0 && type == described.typeOid(i) && exact(type, isoDates, intervals)) {
                formats[i] = BINARY;
                any = true;
            }
        }
        return any ? formats : null;
    }

    private static boolean exact(int type, boolean isoDates, boolean intervals) {
        return switch (type) {
            case INTERVAL, INTERVAL_ARRAY -> intervals;
            case DATE, TIMESTAMP, TIMESTAMPTZ, DATE_ARRAY, TIMESTAMP_ARRAY, TIMESTAMPTZ_ARRAY -> isoDates;
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
