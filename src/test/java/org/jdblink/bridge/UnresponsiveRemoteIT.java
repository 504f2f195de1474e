package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.testing.ClassCluster;
import org.jdblink.testing.PsqlSession;
import org.jdblink.testing.FakePgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every wait for a remote ends when the local statement is stopped, whatever the remote
 * does: a statement_timeout or pg_cancel_backend returns within a second (asserted with a
 * generous 5 s), pg_terminate_backend of the local backend ends it within half a second
 * (asserted: 5 s). Remotes: a normal one (the remote query is cancelled and the connection
 * stays usable), a frozen one (SIGSTOP of its postmaster and of the connection's backend,
 * always resumed) and one whose listen queue is full, so the CancelRequest's connect
 * never completes ({@link FakePgServer}, scenario {@code never_answers}, its queue filled). A connection whose query could not be confirmed
 * cancelled is closed, and dblink_error_message and the next use say why. The measured
 * times (medians of three) are printed, not asserted. Needs `make install` first.
 */
class UnresponsiveRemoteIT {
    @RegisterExtension
    static final ClassCluster local = new ClassCluster(false);
    @RegisterExtension
    static final ClassCluster remote = new ClassCluster(false);

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String REMOTE_QUERY = "SELECT pg_sleep(30)::text";
    private static final String CLOSED_REASON =
            "the server did not confirm the cancellation of the interrupted query within 650 ms; connection closed";
    private static final List<String> timings = new ArrayList<>();
    /** Numbers the remote connections, so that each has an application_name of its own. */
    private static int runs;

    @BeforeAll
    static void createExtension() throws Exception {
        local.cluster().psql("CREATE EXTENSION jdblink");
    }

    @AfterAll
    static void printTimings() {
        System.out.println("UnresponsiveRemoteIT measured waits (ms from the interrupt to the end):");
        timings.forEach(t -> System.out.println("  " + t));
    }

    /** How the local statement is stopped. */
    private enum Stop { STATEMENT_TIMEOUT, CANCEL, TERMINATE }

    /** A remote reached by dblink_connect, made to stop answering once the connection is up. */
    private interface Remote extends AutoCloseable {
        String connstr();

        /** Called once the dblink connection is up, before the query that is to hang is sent. */
        void stopAnswering() throws Exception;

        /** Called once the local statement is waiting, before it is cancelled or terminated. */
        default void awaitQueryRunning() throws Exception {}

        /** Whether the remote query can be confirmed cancelled (the connection then stays). */
        boolean answersCancel();

        @Override
        void close() throws Exception;
    }

    private static final class NormalRemote implements Remote {
        private final String application = "victim_remote_" + runs++;

        @Override public String connstr() {
            return "host=127.0.0.1 port=" + remote.cluster().port() + " dbname=postgres application_name=" + application;
        }

        @Override public void stopAnswering() {}

        /** So that the cancel reaches a query that is running, not one still on its way. */
        @Override public void awaitQueryRunning() throws Exception {
            remote.cluster().awaitValue("SELECT state FROM pg_stat_activity WHERE application_name = '" + application + "'", "active");
        }

        @Override public boolean answersCancel() { return true; }

        @Override public void close() {}
    }

    /** The remote cluster's postmaster and the connection's backend, stopped with SIGSTOP. */
    private static final class FrozenRemote implements Remote {
        private final String application = "frozen_remote_" + runs++;
        private final List<Long> stopped = new ArrayList<>();

        @Override public String connstr() {
            return "host=127.0.0.1 port=" + remote.cluster().port() + " dbname=postgres application_name=" + application;
        }

        /** Freezing before the query arrives looks the same to jdblink as freezing during it. */
        @Override public void stopAnswering() throws Exception {
            long backend = Long.parseLong(remote.cluster().psql(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = '" + application + "'"));
            stopped.add(remote.cluster().postmasterPid());
            stopped.add(backend);
            signal("STOP", stopped);
        }

        @Override public boolean answersCancel() { return false; }

        @Override public void close() throws Exception {
            if (!stopped.isEmpty()) {
                signal("CONT", stopped);
            }
        }
    }

    /** A server that never answers a query, whose listen queue is filled once the connection is up. */
    private static final class QueueFullRemote implements Remote {
        private final FakePgServer server;

        QueueFullRemote() throws IOException {
            server = FakePgServer.startHangingRemote();
        }

        @Override public String connstr() {
            return "host=127.0.0.1 port=" + server.port() + " dbname=postgres user=postgres";
        }

        @Override public void stopAnswering() throws Exception {
            server.fillListenQueue();
            assertFalse(server.acceptsConnectionsWithin(300), "this kernel completes connects to a full listen queue");
        }

        @Override public boolean answersCancel() { return false; }

        @Override public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void normalRemote() throws Exception {
        for (Stop stop : Stop.values()) {
            measure("normal remote", NormalRemote::new, stop);
        }
    }

    @Test
    void frozenRemote() throws Exception {
        for (Stop stop : Stop.values()) {
            measure("frozen remote", FrozenRemote::new, stop);
        }
    }

    @Test
    void remoteWithAFullListenQueue() throws Exception {
        for (Stop stop : Stop.values()) {
            measure("full listen queue", QueueFullRemote::new, stop);
        }
    }

    private interface RemoteFactory {
        Remote create() throws IOException;
    }

    /** Three runs of dblink() on a named connection stopped by {@code stop}; prints the median. */
    private static void measure(String label, RemoteFactory remotes, Stop stop) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (Remote r = remotes.create(); PsqlSession victim = PsqlSession.open(local.cluster(), "postgres")) {
                assertEquals("OK\n", victim.run("SELECT dblink_connect('c', '" + r.connstr() + "');"));
                r.stopAnswering();
                millis.add(stopDuring(victim, r, "SELECT * FROM dblink('c', '" + REMOTE_QUERY + "') AS t(x text);", stop));
                if (stop != Stop.TERMINATE) {
                    assertAfterwards(victim, r, "SELECT * FROM dblink('c', 'SELECT 42') AS t(x int);", "42\n");
                }
            }
        }
        millis.sort(null);
        timings.add(String.format("%-18s %-17s median %4d ms (runs %s)", label, stop, millis.get(1), millis));
    }

    /**
     * Sends {@code hanging} in the victim session, stops the statement and returns the
     * milliseconds from the stop to its end (for a termination: until psql sees its backend
     * gone), asserted below the bound.
     */
    private static long stopDuring(PsqlSession victim, Remote r, String hanging, Stop stop) throws Exception {
        String pid = victim.run("SELECT pg_backend_pid();").strip();
        if (stop == Stop.STATEMENT_TIMEOUT) {
            victim.run("SET statement_timeout = '300ms';");
        }
        victim.send(stop == Stop.STATEMENT_TIMEOUT
                ? "SELECT extract(epoch FROM clock_timestamp());\n" + hanging + "\nSELECT extract(epoch FROM clock_timestamp());"
                : hanging);
        if (stop == Stop.STATEMENT_TIMEOUT) {
            String[] out = victim.result(BOUND.plusSeconds(1)).split("\n");
            assertTrue(String.join("\n", out).contains("ERROR:  57014: canceling statement due to statement timeout"), String.join("\n", out));
            long elapsed = Math.round((Double.parseDouble(out[out.length - 1]) - Double.parseDouble(out[0])) * 1000) - 300;
            victim.run("RESET statement_timeout;");
            return withinBound(elapsed);
        }
        local.cluster().awaitValue("SELECT state FROM pg_stat_activity WHERE pid = " + pid, "active");
        r.awaitQueryRunning();
        String function = stop == Stop.CANCEL ? "pg_cancel_backend" : "pg_terminate_backend";
        double sent = Double.parseDouble(local.cluster().psql(
                "SELECT extract(epoch FROM clock_timestamp()) FROM " + function + "(" + pid + ")"));
        if (stop == Stop.TERMINATE) {
            Instant exited = victim.exitTime(BOUND);
            assertNotNull(exited, "the local backend did not end");
            long elapsed = Math.round((epochSeconds(exited) - sent) * 1000);
            assertEquals("0", local.cluster().psql("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid));
            return withinBound(elapsed);
        }
        String out = victim.result(BOUND.plusSeconds(1));
        double ended = Double.parseDouble(victim.run("SELECT extract(epoch FROM clock_timestamp());").strip());
        assertTrue(out.contains("ERROR:  57014: canceling statement due to user request"), out);
        return withinBound(Math.round((ended - sent) * 1000));
    }

    /** After the stop: a remote that answered keeps the connection, else it was closed and says so. */
    private static void assertAfterwards(PsqlSession victim, Remote r, String nextUse, String expected) throws Exception {
        if (r.answersCancel()) {
            assertEquals(expected, victim.run(nextUse));
            return;
        }
        assertEquals(CLOSED_REASON + "\n", victim.run("SELECT dblink_error_message('c');").replace(
                "PQcancel() -- connect() failed: Connection timed out\n", ""));
        String out = victim.run(nextUse);
        assertTrue(out.startsWith("ERROR:  08006: no connection to the server\nDETAIL:  " + CLOSED_REASON), out);
        assertTrue(out.contains("HINT:  jdblink closed the connection after a local cancel or statement timeout; "
                + "dblink_disconnect it and dblink_connect again."), out);
        assertTrue(victim.run("SELECT dblink_error_message('c');").startsWith(CLOSED_REASON), "the reason stays");
        assertEquals("OK\n", victim.run("SELECT dblink_disconnect('c');"));
    }

    @Test
    void cancelRequestThatCannotConnectIsReported() throws Exception {
        try (QueueFullRemote r = new QueueFullRemote(); PsqlSession victim = PsqlSession.open(local.cluster(), "postgres")) {
            assertEquals("OK\n", victim.run("SELECT dblink_connect('c', '" + r.connstr() + "');"));
            r.stopAnswering();
            stopDuring(victim, r, "SELECT * FROM dblink('c', 'SELECT 1') AS t(x int);", Stop.CANCEL);
            assertEquals(CLOSED_REASON + "\nPQcancel() -- connect() failed: Connection timed out\n",
                    victim.run("SELECT dblink_error_message('c');"));
            // the calls that do not need the server answer as for any lost connection
            assertEquals("0\n", victim.run("SELECT dblink_is_busy('c');"));
            assertEquals("PQcancel() -- no cancel object supplied\n", victim.run("SELECT dblink_cancel_query('c');"));
            assertEquals("", victim.run("SELECT * FROM dblink_get_notify('c');"));
            assertEquals("c\n", victim.run("SELECT unnest(dblink_get_connections());"), "still registered");
        }
    }

    @Test
    void everyKindOfCallOnAFrozenRemoteEnds() throws Exception {
        String[][] calls = {
            {"", "SELECT dblink_exec('c', '" + REMOTE_QUERY + "');"},
            {"SELECT dblink_open('c', 'cur', '" + REMOTE_QUERY + "');", "SELECT * FROM dblink_fetch('c', 'cur', 10) AS t(x text);"},
            {"SELECT dblink_send_query('c', '" + REMOTE_QUERY + "');", "SELECT * FROM dblink_get_result('c') AS t(x text);"},
        };
        for (String[] call : calls) {
            try (FrozenRemote r = new FrozenRemote(); PsqlSession victim = PsqlSession.open(local.cluster(), "postgres")) {
                assertEquals("OK\n", victim.run("SELECT dblink_connect('c', '" + r.connstr() + "');"));
                if (!call[0].isEmpty()) {
                    victim.run(call[0]);
                }
                r.stopAnswering();
                stopDuring(victim, r, call[1], Stop.CANCEL);
                assertAfterwards(victim, r, call[1], null);
            }
        }
    }

    @Test
    void oneShotConnectionOnAFullListenQueueEnds() throws Exception {
        try (FakePgServer server = FakePgServer.startHangingRemote(); PsqlSession victim = PsqlSession.open(local.cluster(), "postgres")) {
            String connstr = "host=127.0.0.1 port=" + server.port() + " dbname=postgres";
            Remote oneShot = new Remote() {
                @Override public String connstr() { return connstr; }

                @Override public void stopAnswering() {}

                /** The connection is made by the statement itself: its queue fills once the query is there. */
                @Override public void awaitQueryRunning() throws Exception {
                    for (int i = 0; i < 500 && server.queriesReceived() == 0; i++) {
                        Thread.sleep(10);
                    }
                    assertEquals(1, server.queriesReceived());
                    server.fillListenQueue();
                }

                @Override public boolean answersCancel() { return false; }

                @Override public void close() {}
            };
            stopDuring(victim, oneShot, "SELECT * FROM dblink('" + connstr + "', 'SELECT 1') AS t(x int);", Stop.CANCEL);
            assertEquals("1\n", victim.run("SELECT 1;"), "the session goes on");
            assertEquals(0, server.cancelRequests());
        }
    }

    @Test
    void cancelWhileConnectingToAServerThatNeverAnswers() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             PsqlSession victim = PsqlSession.open(local.cluster(), "postgres")) {
            String connstr = "host=127.0.0.1 port=" + mute.getLocalPort() + " dbname=postgres";
            victim.run("SELECT dblink_get_connections();"); // the JVM starts now, not during the measured connect
            Remote never = new Remote() {
                @Override public String connstr() { return connstr; }

                @Override public void stopAnswering() {}

                @Override public boolean answersCancel() { return false; }

                @Override public void close() {}
            };
            for (Stop stop : List.of(Stop.CANCEL, Stop.STATEMENT_TIMEOUT)) {
                long millis = stopDuring(victim, never, "SELECT dblink_connect('c', '" + connstr + "');", stop);
                timings.add(String.format("%-18s %-17s once   %4d ms", "silent at connect", stop, millis));
            }
            // connect_timeout keeps libpq's meaning: the attempt fails, the session goes on
            String out = victim.run("SELECT dblink_connect('c', '" + connstr + " connect_timeout=2');");
            assertTrue(out.contains("ERROR:  08001: could not establish connection\nDETAIL:  connection to server at \"127.0.0.1\", port "
                    + mute.getLocalPort() + " failed: timeout expired"), out);
        }
    }

    private static long withinBound(long elapsedMillis) {
        assertTrue(elapsedMillis < BOUND.toMillis(), "the wait took " + elapsedMillis + " ms");
        return elapsedMillis;
    }

    private static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor(), "kill -" + signal + " " + pids);
    }
}
