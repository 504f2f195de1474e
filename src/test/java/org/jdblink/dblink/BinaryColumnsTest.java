package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.RowDescription;
import org.junit.jupiter.api.Test;

class BinaryColumnsTest {
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int TEXT = 25;
    private static final int TIMESTAMPTZ = 1184;
    private static final int TIME = 1083;
    private static final int INTERVAL = 1186;
    private static final int INTERVAL_ARRAY = 1187;

    private static RowDescription remote(int... types) {
        return new RowDescription(new String[types.length], types, new int[types.length]);
    }

    private static final BinaryColumns.RemoteReport ISO15 = report("15.4");

    private static BinaryColumns.RemoteReport report(String version) {
        return new BinaryColumns.RemoteReport(version, "on", "ISO, MDY", "postgres");
    }

    private static BinaryColumns offer(HostVersion host, int... localTypes) {
        return (BinaryColumns) BinaryColumns.of(localTypes, host);
    }

    @Test
    void aColumnIsBinaryWhereTheRemoteTypeIsTheOfferedOne() {
        BinaryColumns columns = offer(HostVersion.PG15, INT4, 0, INT8, TIMESTAMPTZ);
        assertArrayEquals(new short[] {1, 0, 0, 1}, columns.formats(remote(INT4, TEXT, INT4, TIMESTAMPTZ), ISO15),
                "not offered (0), and a remote int4 declared int8: text");
    }

    @Test
    void nothingBinaryIsAllText() {
        assertNull(offer(HostVersion.PG15, INT8).formats(remote(INT4), ISO15));
        assertNull(BinaryColumns.of(null, HostVersion.PG15), "jdblink.binary_transfer off or nothing offered");
    }

    @Test
    void anotherColumnCountIsAllTextAndLeavesTheErrorToTheBridge() {
        assertNull(offer(HostVersion.PG15, INT4, INT4).formats(remote(INT4), ISO15));
    }

    @Test
    void oldRemotesAndFloatDatetimesKeepText() {
        assertNull(offer(HostVersion.PG15, INT4).formats(remote(INT4), report("9.6.24")), "before 10");
        assertNull(offer(HostVersion.PG15, INT4).formats(remote(INT4), report(null)), "no version reported");
        assertNull(offer(HostVersion.PG15, INT4).formats(remote(INT4),
                new BinaryColumns.RemoteReport("10.23", "off", "ISO, MDY", "postgres")), "float datetimes");
    }

    @Test
    void datesAndTimestampsOnlyInTheIsoDateStyleAndIntervalsInThePostgresIntervalStyle() {
        BinaryColumns columns = offer(HostVersion.PG15, INT4, TIMESTAMPTZ, TIME, INTERVAL, INTERVAL_ARRAY);
        RowDescription described = remote(INT4, TIMESTAMPTZ, TIME, INTERVAL, INTERVAL_ARRAY);
        assertArrayEquals(new short[] {1, 1, 1, 1, 1}, columns.formats(described, ISO15));
        assertArrayEquals(new short[] {1, 0, 1, 1, 1},
                columns.formats(described, new BinaryColumns.RemoteReport("15.4", "on", "SQL, DMY", "postgres")),
                "time zone abbreviations");
        assertArrayEquals(new short[] {1, 1, 1, 0, 0},
                columns.formats(described, new BinaryColumns.RemoteReport("15.4", "on", "ISO, DMY", "postgres_verbose")));
        assertArrayEquals(new short[] {1, 1, 1, 0, 0},
                columns.formats(described, new BinaryColumns.RemoteReport("15.4", "on", "ISO, DMY", null)), "unknown style");
    }

    @Test
    void intervalsOnlyBetweenServersOnTheSameSideOf17() {
        HostVersion pg16 = new HostVersion(160004);
        HostVersion pg18 = new HostVersion(180001);
        assertArrayEquals(new short[] {1, 1}, offer(pg16, INTERVAL, INTERVAL_ARRAY).formats(remote(INTERVAL, INTERVAL_ARRAY), report("13.2")));
        assertNull(offer(pg16, INTERVAL, INTERVAL_ARRAY).formats(remote(INTERVAL, INTERVAL_ARRAY), report("17.0")));
        assertNull(offer(pg18, INTERVAL).formats(remote(INTERVAL), report("16.4")));
        assertArrayEquals(new short[] {1}, offer(pg18, INTERVAL).formats(remote(INTERVAL), report("18beta1")));
    }

    @Test
    void theMajorReleaseIsReadFromServerVersion() {
        assertEquals(16, BinaryColumns.remoteMajor("16.4 (Debian 16.4-1.pgdg120+2)"));
        assertEquals(9, BinaryColumns.remoteMajor("9.6.24"));
        assertEquals(18, BinaryColumns.remoteMajor("18beta1"));
        assertEquals(0, BinaryColumns.remoteMajor("x"));
        assertEquals(0, BinaryColumns.remoteMajor(null));
        assertEquals(9999, BinaryColumns.remoteMajor("99999999999"), "at most four digits are read, so it cannot overflow");
    }
}
