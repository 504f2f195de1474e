package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PgConnection#sendDescribe}: the server parses and describes a statement without
 * running it; its answer is the columns' names, type OIDs and modifiers, or NoData, or an
 * error; the connection is ready for the next query either way.
 */
class DescribeIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    private static PgConnection connection() throws PgConnectException {
        return PgConnection.connect(Settings.user("postgres", null, Settings.unix(pg.cluster().socketDir(), pg.cluster().port())),
                Interrupts.NONE);
    }

    /** The events of a describe up to READY, and the row description if one came. */
    private static List<Event> describe(PgConnection c, String sql) throws PgIOException {
        List<Event> events = new ArrayList<>();
        c.sendDescribe(QueryText.of(sql));
        for (Event e = c.next(); e != Event.READY; e = c.next()) {
            events.add(e);
        }
        return events;
    }

    @Test
    void aQueryIsDescribedWithNamesTypesAndModifiers() throws Exception {
        try (PgConnection c = connection()) {
            assertEquals(List.of(Event.ROW_DESCRIPTION),
                    describe(c, "SELECT 1 AS id, 'x'::varchar(20) AS task, 1.5::numeric(10,2) AS price, ARRAY[1] AS a"));
            RowDescription d = c.rowDescription();
            assertEquals(4, d.columnCount());
            assertEquals(List.of("id", "task", "price", "a"), List.of(d.name(0), d.name(1), d.name(2), d.name(3)));
            assertEquals(List.of(23, 1043, 1700, 1007), List.of(d.typeOid(0), d.typeOid(1), d.typeOid(2), d.typeOid(3)));
            assertEquals(-1, d.typmod(0));
            assertEquals(20 + 4, d.typmod(1), "varchar(20) is 24 with its header");
            assertEquals((10 << 16) + 2 + 4, d.typmod(2), "numeric(10,2)");
        }
    }

    @Test
    void nothingRuns() throws Exception {
        try (PgConnection c = connection()) {
            c.sendQuery("CREATE TEMP TABLE t (a int)");
            while (c.next() != Event.READY) {
                // created
            }
            assertEquals(List.of(Event.ROW_DESCRIPTION), describe(c, "INSERT INTO t VALUES (1) RETURNING a"));
            assertEquals(List.of(Event.NO_DATA), describe(c, "INSERT INTO t VALUES (2)"));
            c.sendQuery("SELECT count(*) FROM t");
            List<String> rows = new ArrayList<>();
            for (Event e = c.next(); e != Event.READY; e = c.next()) {
                rows.add(EventLines.of(c, e));
            }
            assertEquals(List.of("columns 1", "row [0]", "tag SELECT 1"), rows);
        }
    }

    @Test
    void anErrorEndsTheDescribeAndTheConnectionGoesOn() throws Exception {
        try (PgConnection c = connection()) {
            assertEquals(List.of(Event.ERROR), describe(c, "SELECT * FROM nowhere"));
            assertEquals("42P01", c.error().sqlState());
            assertEquals(List.of(Event.ERROR), describe(c, "SELECT 1; SELECT 2"));
            assertEquals("42601", c.error().sqlState());
            assertEquals(List.of(Event.NO_DATA), describe(c, ""));
            assertFalse(c.queryInProgress());
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            assertEquals(List.of(Event.ROW_DESCRIPTION), describe(c, "SELECT 1"));
        }
    }

    @Test
    void aLargeTextIsNotDescribed() throws Exception {
        try (PgConnection c = connection()) {
            QueryText large = QueryText.of(java.nio.ByteBuffer.wrap(new byte[QueryText.LARGE_BYTES + 1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(large.isLarge());
            assertThrows(IllegalArgumentException.class, () -> c.sendDescribe(large));
            assertEquals(List.of(Event.ROW_DESCRIPTION), describe(c, "SELECT 1"));
        }
    }
}
