package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.protocol.PgConnection.Event;
import org.jdblink.testing.ClassCluster;
import org.jdblink.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgConnectionIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    private static PgConnection unixConnection() throws PgConnectException {
        return PgConnection.connect(Settings.user("postgres", null, Settings.unix(pg.cluster().socketDir(), pg.cluster().port())), Interrupts.NONE);
    }

    /** Runs a query to READY and records events as text lines. */
    private static List<String> run(PgConnection c, String sql) throws PgIOException {
        List<String> out = new ArrayList<>();
        c.sendQuery(sql);
        for (Event e = c.next(); e != Event.READY; e = c.next()) {
            String line = EventLines.of(c, e);
            if (line == null) {
                throw new AssertionError(e);
            }
            out.add(line);
        }
        return out;
    }

    @Test
    void unixSocketTrust() throws Exception {
        try (PgConnection c = unixConnection()) {
            assertFalse(c.passwordUsed());
            assertTrue(c.backendPid() > 0);
            assertTrue(c.parameterStatus("server_version").startsWith("15"));
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            assertEquals(List.of("columns 1", "row [" + c.backendPid() + "]", "tag SELECT 1"),
                    run(c, "select pg_backend_pid() as a"));
        }
    }

    @ParameterizedTest
    @CsvSource({"auth_trust,,false", "auth_password,auth_password_pw,true", "auth_md5,auth_md5_pw,true", "auth_scram,auth_scram_pw,true"})
    void tcpAuthMethods(String user, String password, boolean usesPassword) throws Exception {
        try (PgConnection c = PgConnection.connect(Settings.user(user, password, Settings.tcp("127.0.0.1", pg.cluster().port())), Interrupts.NONE)) {
            assertEquals(usesPassword, c.passwordUsed());
            assertEquals(List.of("columns 1", "row [" + user + "]", "tag SELECT 1"), run(c, "select current_user"));
        }
    }

    @Test
    void passwordFromPasswordFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pgpass", "");
        try {
            java.nio.file.Files.writeString(file, "127.0.0.1:" + pg.cluster().port() + ":*:auth_scram:auth_scram_pw\n");
            var s = Settings.of(Map.of("user", "auth_scram", "dbname", "postgres", "passfile", file.toString()),
                    Settings.tcp("127.0.0.1", pg.cluster().port()));
            try (PgConnection c = PgConnection.connect(s, Interrupts.NONE)) {
                assertTrue(c.passwordUsed());
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auth_md5|bad|tcp|postgres",
        "auth_scram|bad|tcp|postgres",
        "auth_password||tcp|postgres",
        "postgres||tcp|nosuchdb",
        "postgres||unix|nosuchdb",
        "nosuchrole||unix|postgres",
        "auth_sslonly||tcp|postgres",
    })
    void connectFailuresMatchPsql(String user, String password, String via, String db) throws Exception {
        if (user.equals("auth_sslonly")) {
            pg.cluster().assumeSsl(false); // a server with SSL lets it in
        }
        boolean unix = via.equals("unix");
        String host = unix ? pg.cluster().socketDir() : "127.0.0.1";
        String conninfo = "host=" + host + " port=" + pg.cluster().port() + " user=" + user + " dbname=" + db
                + (password == null ? "" : " password=" + password);
        var settings = Settings.of(password == null ? Map.of("user", user, "dbname", db) : Map.of("user", user, "dbname", db, "password", password),
                unix ? Settings.unix(host, pg.cluster().port()) : Settings.tcp(host, pg.cluster().port()));
        PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(settings, Interrupts.NONE));
        assertEquals(TestCluster.psqlConnectError(conninfo), e.getMessage());
    }

    @Test
    void unreachableTargetsMatchPsql() throws Exception {
        String conninfo = "host=127.0.0.1,/nonexistent/dir,localhost,no-such-host.invalid port=1,5999,1,1 dbname=postgres user=postgres";
        var settings = Settings.of(Map.of("user", "postgres", "dbname", "postgres"),
                Settings.tcp("127.0.0.1", 1), Settings.unix("/nonexistent/dir", 5999), Settings.tcp("localhost", 1),
                Settings.tcp("no-such-host.invalid", 1));
        PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(settings, Interrupts.NONE));
        assertEquals(TestCluster.psqlConnectError(conninfo), e.getMessage());
        assertTrue(e.getMessage().contains("\n\tIs the server running locally"), e.getMessage());
    }

    /** Integer options libpq reads only while connecting: per TCP address, or (connect_timeout) once a socket is open. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp|keepalives|abc",
        "tcp2|keepalives_idle|x",
        "tcp|tcp_user_timeout|z",
        "tcp|connect_timeout|abc",
        "unix|connect_timeout|abc",
        "unix|keepalives|abc",
    })
    void integerOptionsReadWhileConnectingMatchPsql(String via, String keyword, String value) throws Exception {
        boolean unix = via.equals("unix");
        String host = unix ? pg.cluster().socketDir() : via.equals("tcp2") ? "127.0.0.1,127.0.0.1" : "127.0.0.1";
        String conninfo = "host=" + host + " port=" + pg.cluster().port() + " user=postgres dbname=postgres sslmode=disable "
                + keyword + "=" + value;
        var targets = unix ? new HostTarget[] {Settings.unix(host, pg.cluster().port())}
                : via.equals("tcp2") ? new HostTarget[] {Settings.tcp("127.0.0.1", pg.cluster().port()), Settings.tcp("127.0.0.1", pg.cluster().port())}
                : new HostTarget[] {Settings.tcp("127.0.0.1", pg.cluster().port())};
        var settings = Settings.of(Map.of("user", "postgres", "dbname", "postgres", "sslmode", "disable", keyword, value), targets);
        String expected = TestCluster.psqlConnectError(conninfo);
        if (expected == null) {
            try (PgConnection c = PgConnection.connect(settings, Interrupts.NONE)) {
                assertFalse(c.isBroken());
            }
        } else {
            PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(settings, Interrupts.NONE));
            assertEquals(expected, e.getMessage());
        }
    }

    /** There is no GSSAPI: gssencmode=require fails at the first open socket, as libpq without credentials. */
    @Test
    void gssEncryptionRequiredMatchesPsql() throws Exception {
        var settings = Settings.of(Map.of("user", "postgres", "dbname", "postgres", "gssencmode", "require"),
                Settings.unix(pg.cluster().socketDir(), pg.cluster().port()), Settings.tcp("127.0.0.1", pg.cluster().port()));
        PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(settings, Interrupts.NONE));
        assertEquals(TestCluster.psqlConnectError("host=" + pg.cluster().socketDir() + ",127.0.0.1 port=" + pg.cluster().port()
                + " dbname=postgres user=postgres gssencmode=require"), e.getMessage());
    }

    @Test
    void sslRequiredByNonSslServerMatchesPsql() throws Exception {
        pg.cluster().assumeSsl(false);
        var settings = Settings.of(Map.of("user", "postgres", "dbname", "postgres", "sslmode", "require"), Settings.tcp("127.0.0.1", pg.cluster().port()));
        PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(settings, Interrupts.NONE));
        assertEquals("connection to server at \"127.0.0.1\", port " + pg.cluster().port() + " failed: server does not support SSL, but SSL was required", e.getMessage());
        assertEquals(TestCluster.psqlConnectError("host=127.0.0.1 port=" + pg.cluster().port() + " sslmode=require dbname=postgres user=postgres"), e.getMessage());
    }

    @Test
    void silentServerTimesOutLikePsql() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            var settings = Settings.of(Map.of("user", "postgres", "dbname", "postgres", "connect_timeout", "2", "sslmode", "disable"),
                    Settings.tcp("127.0.0.1", silent.getLocalPort()), Settings.unix(pg.cluster().socketDir(), pg.cluster().port()));
            try (PgConnection c = PgConnection.connect(settings, Interrupts.NONE)) {
                assertFalse(c.isBroken(), "the silent server timed out and the next target answered");
            }
            var only = Settings.of(Map.of("user", "postgres", "dbname", "postgres", "connect_timeout", "2", "sslmode", "disable"),
                    Settings.tcp("127.0.0.1", silent.getLocalPort()));
            PgConnectException e = assertThrows(PgConnectException.class, () -> PgConnection.connect(only, Interrupts.NONE));
            assertEquals("connection to server at \"127.0.0.1\", port " + silent.getLocalPort() + " failed: timeout expired", e.getMessage());
        }
    }

    @Test
    void multiStatementQuery() throws Exception {
        try (PgConnection c = unixConnection()) {
            assertEquals(List.of(
                    "columns 2", "row [1, x]", "row [2, null]", "tag SELECT 2",
                    "tag CREATE TABLE", "tag INSERT 0 3", "columns 1", "row [3]", "tag SELECT 1"),
                    run(c, "select 1 as a, 'x' as b union all select 2, null; create temp table t(i int); "
                            + "insert into t select generate_series(1,3); select count(*) as n from t"));
            assertEquals(List.of("empty"), run(c, ""));
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @Test
    void errorsInLibpqFormat() throws Exception {
        try (PgConnection c = unixConnection()) {
            assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1", "error 22012"), run(c, "select 1; select 1/0; select 2"));
            assertEquals("ERROR:  division by zero\n", c.errorMessage());
            String sql = "select 1;\nselect * from\n  no_such_table where x = 1";
            assertEquals(List.of("columns 1", "row [1]", "tag SELECT 1", "error 42P01"), run(c, sql));
            assertEquals(pg.cluster().psqlStderr(sql), c.errorMessage());
            String plpgsql = "do $$ begin raise exception 'boom' using detail = 'd1', hint = 'h1'; end $$";
            run(c, plpgsql);
            assertEquals(pg.cluster().psqlStderr(plpgsql), c.errorMessage());
            run(c, "begin; select 1/0");
            assertEquals(TransactionStatus.INERROR, c.transactionStatus());
            assertEquals(List.of("tag ROLLBACK"), run(c, "rollback"));
            assertEquals("", c.errorMessage());
        }
    }

    @Test
    void longLineErrorCursorIsCutLikeLibpq() throws Exception {
        try (PgConnection c = unixConnection()) {
            String sql = "select 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', "
                    + "'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', no_such_column, 'cccccccccccccccccccccccccccccccccccccccccccccccc'";
            run(c, sql);
            assertEquals(pg.cluster().psqlStderr(sql), c.errorMessage());
            assertTrue(c.errorMessage().contains("LINE 1: ..."), c.errorMessage());
        }
    }

    @Test
    void cursorCountsCharactersNotBytesAndHandlesTabsAndCrLf() throws Exception {
        try (PgConnection c = unixConnection()) {
            String sql = "select 'ünïcødé',\t'日本語',\r\n\t'x' + no_such_col";
            run(c, sql);
            assertEquals(pg.cluster().psqlStderr(sql), c.errorMessage());
            assertTrue(c.errorMessage().startsWith("ERROR:  column \"no_such_col\" does not exist\nLINE 2:"), c.errorMessage());
        }
    }

    @Test
    void noticesGoToTheListener() throws Exception {
        try (PgConnection c = unixConnection()) {
            List<PgError> notices = new ArrayList<>();
            c.setNoticeListener(notices::add);
            run(c, "do $$ begin raise notice 'hello %', 42; end $$");
            assertEquals(1, notices.size());
            assertEquals("hello 42", notices.get(0).message());
            assertEquals("NOTICE", notices.get(0).severity());
        }
    }

    @Test
    void notificationsAreQueued() throws Exception {
        try (PgConnection c = unixConnection()) {
            run(c, "listen chan1");
            pg.cluster().psql("notify chan1, 'payload-1'");
            Thread.sleep(100);
            run(c, "select 1");
            List<Notification> got = c.takeNotifications();
            assertEquals(1, got.size());
            assertEquals("chan1", got.get(0).channel());
            assertEquals("payload-1", got.get(0).payload());
            assertTrue(c.takeNotifications().isEmpty());
            pg.cluster().psql("notify chan1, 'between-queries'");
            Thread.sleep(200);
            assertEquals("between-queries", c.takeNotifications().get(0).payload());
        }
    }

    @Test
    void copyResponsesDoNotHang() throws Exception {
        try (PgConnection c = unixConnection()) {
            assertEquals(List.of("tag COPY 3"), run(c, "copy (select generate_series(1,3)) to stdout"));
            run(c, "create temp table ct(i int)");
            assertEquals(List.of("error 57014"), run(c, "copy ct from stdin"));
            assertTrue(c.errorMessage().contains("COPY terminated by new PQexec"), c.errorMessage());
            assertEquals(List.of("columns 1", "row [0]", "tag SELECT 1"), run(c, "select count(*) as n from ct"));
        }
    }

    @Test
    void pollDoesNotBlock() throws Exception {
        try (PgConnection c = unixConnection()) {
            c.sendQuery("select pg_sleep(0.5)");
            // a poll that waited for the result would have returned its first event
            assertNull(c.poll());
            assertEquals(TransactionStatus.ACTIVE, c.transactionStatus());
            Event e;
            while ((e = c.poll()) == null) {
                Thread.sleep(10);
            }
            assertEquals(Event.ROW_DESCRIPTION, e);
            while (c.next() != Event.READY) {
                // drain
            }
            assertFalse(c.queryInProgress());
        }
    }

    @Test
    void cancelStopsTheRemoteQuery() throws Exception {
        try (PgConnection c = PgConnection.connect(Settings.user("postgres", null, Settings.tcp("127.0.0.1", pg.cluster().port())), Interrupts.NONE)) {
            c.sendQuery("select pg_sleep(30) /* cancel-me */");
            // a cancel that arrives before the query starts is ignored by the server
            pg.cluster().awaitValue("select count(*) from pg_stat_activity where query like 'select pg_sleep(30) /* cancel-me */%' and state = 'active'", "1");
            assertNull(c.cancel());
            List<String> events = new ArrayList<>();
            for (Event e = c.next(); e != Event.READY; e = c.next()) {
                events.add(e + (e == Event.ERROR ? " " + c.error().sqlState() : ""));
            }
            assertTrue(events.contains("ERROR 57014"), events.toString());
            assertEquals("ERROR:  canceling statement due to user request\n", c.errorMessage());
        }
    }

    @Test
    void interruptCancelsAndLeavesConnectionUsable() throws Exception {
        long[] flipAt = {Long.MAX_VALUE};
        Interrupts interrupts = () -> System.nanoTime() > flipAt[0];
        try (PgConnection c = PgConnection.connect(Settings.user("postgres", null, Settings.unix(pg.cluster().socketDir(), pg.cluster().port())), interrupts)) {
            c.sendQuery("select pg_sleep(60) /* interrupt-me */");
            flipAt[0] = System.nanoTime() + 200_000_000L;
            assertThrows(QueryInterruptedException.class, () -> {
                while (c.next() != Event.READY) {
                    // wait for the interrupt
                }
            });
            flipAt[0] = Long.MAX_VALUE;
            assertFalse(c.isBroken());
            assertFalse(c.queryInProgress());
            assertEquals("0", pg.cluster().psql("select count(*) from pg_stat_activity where query like '%interrupt-me%' and state = 'active' and pid <> pg_backend_pid()"));
            assertEquals(List.of("columns 1", "row [2]", "tag SELECT 1"), run(c, "select 2"));
        }
    }

    @Test
    void interruptDuringConnectThrows() {
        Interrupts always = () -> true;
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            var s = Settings.of(Map.of("user", "postgres", "dbname", "postgres", "sslmode", "disable"), Settings.tcp("127.0.0.1", silent.getLocalPort()));
            assertThrows(QueryInterruptedException.class, () -> PgConnection.connect(s, always));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void terminatedBackendBreaksTheConnection() throws Exception {
        try (PgConnection c = unixConnection()) {
            int pid = c.backendPid();
            c.sendQuery("select pg_sleep(30)");
            Thread.sleep(200);
            pg.cluster().psql("select pg_terminate_backend(" + pid + ")");
            PgIOException e = assertThrows(PgIOException.class, () -> {
                while (c.next() != Event.READY) {
                    // the FATAL error arrives first, then the end of the stream
                }
            });
            assertEquals(WireState.SERVER_CLOSED, e.getMessage());
            assertTrue(c.isBroken());
            assertEquals("FATAL:  terminating connection due to administrator command\n" + WireState.SERVER_CLOSED + "\n", c.errorMessage());
            assertThrows(PgIOException.class, () -> c.sendQuery("select 1"));
        }
    }

    /**
     * As PQconsumeInput + PQisBusy: the error that ends the next result is in the error
     * text once isBusy() has seen it (here after the query's RowDescription), and the end of
     * the stream once isBusy() has met it; next() still returns what arrived, once, then
     * reports the loss.
     */
    @Test
    void isBusyTakesInWhatLibpqParses() throws Exception {
        try (PgConnection c = unixConnection()) {
            int pid = c.backendPid();
            c.sendQuery("select pg_sleep(30)");
            Thread.sleep(200);
            pg.cluster().psql("select pg_terminate_backend(" + pid + ", 10000)");
            String fatal = "FATAL:  terminating connection due to administrator command\n";
            assertFalse(c.isBusy());
            assertEquals(fatal, c.errorMessage());
            assertFalse(c.isBroken());
            assertFalse(c.isBusy());
            assertEquals(fatal + WireState.SERVER_CLOSED + "\n", c.errorMessage());
            assertTrue(c.isBroken());
            assertEquals(Event.ROW_DESCRIPTION, c.next());
            assertEquals(Event.ERROR, c.next());
            assertEquals("57P01", c.error().sqlState());
            assertThrows(PgIOException.class, c::next);
            assertEquals(fatal + WireState.SERVER_CLOSED + "\n", c.errorMessage());
        }
    }

    @Test
    void latin1ClientEncoding() throws Exception {
        var s = Settings.of(Map.of("user", "postgres", "dbname", "postgres", "client_encoding", "LATIN1"), Settings.unix(pg.cluster().socketDir(), pg.cluster().port()));
        try (PgConnection c = PgConnection.connect(s, Interrupts.NONE)) {
            assertEquals("LATIN1", c.parameterStatus("client_encoding"));
            c.sendQuery("select 'é' as \"é\"");
            assertEquals(Event.ROW_DESCRIPTION, c.next());
            assertEquals(Event.DATA_ROW, c.next());
            byte[] row = c.rowBuffer();
            int off = c.rowOffset();
            assertEquals(1, row[off + 5]); // length word of column 1
            assertEquals((byte) 0xE9, row[off + 6]);
            while (c.next() != Event.READY) {
                // drain
            }
            run(c, "select 'ü' from no_such_tablé");
            assertEquals("ERROR:  relation \"no_such_tablé\" does not exist\nLINE 1: select 'ü' from no_such_tablé\n                        ^\n", c.errorMessage());
        }
    }
}
