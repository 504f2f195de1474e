package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PgConnection#sendQuery(QueryText, ResultFormats)}: one statement that returns
 * rows is described, then run with the chosen result formats; its events are those of a
 * simple Query. Anything else runs as a simple Query, with the simple Query's results and
 * errors.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExtendedQueryIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    private static PgConnection connection(Interrupts interrupts) throws PgConnectException {
        return PgConnection.connect(Settings.user("postgres", null, Settings.unix(pg.cluster().socketDir(), pg.cluster().port())),
                interrupts);
    }

    /** Binary for every column of the given types (int4 unless told); remembers what it was asked. */
    private static class Int4Binary implements ResultFormats {
        final List<RowDescription> asked = new ArrayList<>();
        private final Set<Integer> types;

        Int4Binary() {
            this(Set.of(23));
        }

        Int4Binary(Set<Integer> types) {
            this.types = types;
        }

        @Override
        public short[] choose(RowDescription described, PgConnection remote) {
            asked.add(described);
            short[] formats = new short[described.columnCount()];
            for (int i = 0; i < formats.length; i++) {
                formats[i] = types.contains(described.typeOid(i)) ? BINARY : TEXT;
            }
            return formats;
        }
    }

    /** The events as lines; a binary column's values in hex. */
    private static List<String> run(PgConnection c, String sql, ResultFormats formats) throws PgIOException {
        c.sendQuery(QueryText.of(sql), formats);
        List<String> out = new ArrayList<>();
        for (Event e = c.next(); e != Event.READY; e = c.next()) {
            if (e == Event.DATA_ROW && c.rowDescription().binary(0)) {
                byte[] b = c.rowBuffer();
                int length = c.rowLength();
                out.add("row 0x" + HexFormat.of().formatHex(b, c.rowOffset() + 2 + 4, c.rowOffset() + length));
            } else {
                out.add(EventLines.of(c, e));
            }
        }
        return out;
    }

    @Test
    void oneStatementRunsWithTheChosenFormats() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            Int4Binary formats = new Int4Binary();
            assertEquals(List.of("columns 1", "row 0x00000007", "row 0x00000008", "tag SELECT 2"),
                    run(c, "SELECT g FROM generate_series(7, 8) g;", formats));
            assertEquals(1, formats.asked.size());
            assertEquals(List.of("columns 2", "row [x, \u0000\u0000\u0000\u0007]", "tag SELECT 1"),
                    run(c, "select 'x'::text, 7 -- the int4 second", formats), "the int4's four bytes, read as text");
            assertTrue(c.rowDescription().binary(1));
            assertFalse(c.rowDescription().binary(0));
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @Test
    void severalStatementsAndStatementsWithoutRowsRunAsSimpleQueries() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            Int4Binary formats = new Int4Binary();
            assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1", "columns 1", "row [2]", "tag SELECT 1"),
                    run(c, "SELECT 1; SELECT 2", formats));
            assertEquals(List.of("tag CREATE TABLE"), run(c, "CREATE TEMP TABLE t (a int)", formats));
            assertEquals(List.of("columns 1", "row [3]", "tag INSERT 0 1"), run(c, "INSERT INTO t VALUES (3) RETURNING a", formats));
            assertEquals(List.of(), formats.asked, "nothing was described");
        }
    }

    @Test
    void aStatementWithoutRowsIsRunAfterItsDescribe() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            Int4Binary formats = new Int4Binary();
            assertEquals(List.of("tag SELECT 1"), run(c, "SELECT 5 AS a INTO TEMP s", formats));
            assertEquals(List.of(), formats.asked, "no columns to choose formats for");
            assertEquals(List.of("columns 1", "row [5]", "tag SELECT 1"), run(c, "TABLE s", null));
        }
    }

    @Test
    void aStatementWithParametersFailsAsASimpleQueryDoes() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            Int4Binary formats = new Int4Binary();
            assertEquals(List.of("error 42P02"), run(c, "SELECT $1::int", formats));
            assertEquals("there is no parameter $1", c.error().message());
            assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"), run(c, "SELECT 1::text", formats));
        }
    }

    @Test
    void aParseErrorIsTheQuerysErrorAndTheTransactionFailsAsWithASimpleQuery() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            Int4Binary formats = new Int4Binary();
            assertEquals(List.of("tag BEGIN"), run(c, "BEGIN", formats));
            assertEquals(List.of("error 42P01"), run(c, "SELECT * FROM nowhere", formats));
            assertTrue(c.errorMessage().contains("LINE 1: SELECT * FROM nowhere\n"), c.errorMessage());
            assertEquals(TransactionStatus.INERROR, c.transactionStatus());
            assertEquals(List.of("error 25P02"), run(c, "SELECT 1", formats));
            assertEquals(List.of("tag ROLLBACK"), run(c, "ROLLBACK", formats));
            assertEquals(List.of("columns 1", "row 0x00000001", "tag SELECT 1"), run(c, "SELECT 1", formats));
        }
    }

    @Test
    void aFetchIsDescribedByItsCursor() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            Int4Binary formats = new Int4Binary();
            run(c, "BEGIN", null);
            run(c, "DECLARE c CURSOR FOR SELECT g FROM generate_series(1, 3) g", null);
            assertEquals(List.of("columns 1", "row 0x00000001", "row 0x00000002", "tag FETCH 2"), run(c, "FETCH 2 FROM c", formats));
            assertEquals(List.of("error 34000"), run(c, "FETCH 2 FROM nocursor", formats));
            run(c, "ROLLBACK", null);
        }
    }

    @Test
    void aRuntimeErrorAfterRowsEndsTheResultAsInASimpleQuery() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            assertEquals(List.of("columns 1", "row 0x00000001", "error 22012"),
                    run(c, "SELECT 1 / (2 - g) FROM generate_series(1, 2) g", new Int4Binary()));
            assertNull(c.closedAfterInterrupt());
            assertFalse(c.queryInProgress());
        }
    }

    /**
     * A describe that waits for a lock is cancelled by a local interrupt like any query;
     * the statement never runs and the connection stays usable.
     */
    @Test
    void anInterruptDuringTheDescribeCancelsIt() throws Exception {
        AtomicBoolean interrupt = new AtomicBoolean();
        Interrupts interrupts = interrupt::get;
        try (PgConnection locker = connection(Interrupts.NONE); PgConnection c = connection(interrupts)) {
            run(locker, "CREATE TABLE locked (a int)", null);
            run(locker, "BEGIN", null);
            run(locker, "LOCK TABLE locked IN ACCESS EXCLUSIVE MODE", null);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    run(c, "SELECT a FROM locked", new Int4Binary());
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            waiter.start();
            Thread.sleep(500);
            interrupt.set(true);
            waiter.join(10_000);
            assertTrue(thrown.get() instanceof QueryInterruptedException, String.valueOf(thrown.get()));
            interrupt.set(false);
            assertNull(c.closedAfterInterrupt());
            assertEquals(List.of("columns 1", "row 0x0000002a", "tag SELECT 1"), run(c, "SELECT 42", new Int4Binary()));
            run(locker, "ROLLBACK", null);
            run(locker, "DROP TABLE locked", null);
        }
    }

    /**
     * Binary floats are what the remote holds; as text they are exact only while the
     * remote's extra_float_digits is above 0, so below that they stay text. The remote is
     * asked in the statement's own transaction, and its statement does not remain.
     */
    @Test
    void floatsTravelInBinaryOnlyWhereTextWouldBeExact() throws Exception {
        try (PgConnection c = connection(Interrupts.NONE)) {
            Int4Binary formats = new Int4Binary(Set.of(23, 701));
            String sql = "SELECT 0.1::float8 + 0.2::float8, 7";
            assertEquals(List.of("columns 2", "row 0x3fd3333333333334000000040000000" + "7", "tag SELECT 1"), run(c, sql, formats));
            assertTrue(c.rowDescription().binary(0) && c.rowDescription().binary(1));
            run(c, "SET extra_float_digits = 0", null);
            List<String> rounded = run(c, sql, formats);
            assertFalse(c.rowDescription().binary(0), "rounded as text, as a simple Query gives it");
            assertTrue(c.rowDescription().binary(1), "the int4 is still binary");
            assertEquals(List.of("columns 2", "row [0.3, \u0000\u0000\u0000\u0007]", "tag SELECT 1"), rounded);
            run(c, "BEGIN", null);
            run(c, "SET LOCAL extra_float_digits = 2", null);
            run(c, sql, formats);
            assertTrue(c.rowDescription().binary(0), "the setting as the statement's transaction has it");
            run(c, "COMMIT", null);
            assertEquals(List.of("columns 1", "row [0]", "tag SELECT 1"), run(c, "SELECT count(*) FROM pg_prepared_statements", null));
            assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1"),
                    run(c, "SELECT 1::float8::text", formats), "no float column in binary: nothing asked");
        }
    }
}

