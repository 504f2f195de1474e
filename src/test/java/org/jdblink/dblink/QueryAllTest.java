package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdblink.protocol.QueryInterruptedException;
import org.jdblink.protocol.QueryText;
import org.jdblink.testing.FakeMessage;
import org.jdblink.testing.FakePgServer;
import org.jdblink.testing.FakeScenario;
import org.jdblink.testing.FakeScenarios;
import org.junit.jupiter.api.Test;

/**
 * jdblink_query_all's logic ({@link DblinkSession#queryAll}: FanOutStart, FanOutStream,
 * FanOutBranch, FanOutSink) against {@link FakePgServer}s: queries that mention "fake" get
 * the scenario's answer ({@code well_behaved}: one column x, rows a and b; {@code silence}:
 * nothing until cancelled, for 5 s otherwise). The bounds on time asserted are generous.
 */
class QueryAllTest {
    private static final long GENEROUS_NANOS = 3_000_000_000L;
    private static final QueryText FAKE = QueryText.of("select fake");

    private final TestLocalBackend backend = new TestLocalBackend();
    private final DblinkSession session = new DblinkSession(backend);

    private static String connstr(FakePgServer server) {
        return "host=127.0.0.1 port=" + server.port() + " user=postgres dbname=postgres sslmode=disable";
    }

    private static FakePgServer start(String scenario) throws Exception {
        return FakePgServer.start(FakeScenarios.byName(scenario));
    }

    /** A server whose queries fail as a missing table does. */
    private static FakePgServer failing() throws Exception {
        return FakePgServer.start((s, sql) -> s.send(
                FakeMessage.of('E').byte1('S').cstring("ERROR").byte1('V').cstring("ERROR").byte1('C').cstring("42P01")
                        .byte1('M').cstring("relation \"orders\" does not exist").byte1('D').cstring("a detail")
                        .byte1('H').cstring("a hint").byte1(0),
                s.ready()));
    }

    /** A server whose queries give the command statuses {@code tags}, then the rows of {@code rows} (if any). */
    private static FakePgServer commands(List<String> tags, String... rows) throws Exception {
        FakeScenario scenario = (s, sql) -> {
            for (String tag : tags) {
                s.send(FakeMessage.commandComplete(tag));
            }
            if (rows.length > 0) {
                s.send(FakeMessage.rowDescription("x"));
                for (String row : rows) {
                    s.send(FakeMessage.dataRow(row));
                }
                s.send(FakeMessage.commandComplete("SELECT " + rows.length));
            }
            s.send(s.ready());
        };
        return FakePgServer.start(scenario);
    }

    /** "element:row" for every row the sink got, each under the element last announced. */
    private static Set<String> rowsByElement(RecordingSink sink) {
        Set<String> rows = new TreeSet<>();
        String from = null;
        for (String event : sink.events) {
            if (event.startsWith("from ")) {
                from = event.substring(5);
            } else if (event.startsWith("row ")) {
                assertTrue(from != null, "a row before any remote was announced");
                rows.add(from + ":" + event.substring(4));
            }
        }
        return rows;
    }

    private ServerMessage failure(List<String> conns, int columns) {
        return assertThrows(DblinkException.class, () -> RecordingSink.drain(session.queryAll(conns, FAKE, columns))).report();
    }

    /** A named connection is idle and usable: it runs a command. */
    private void assertIdle(String name) {
        assertEquals(0, session.async().isBusy(name), name + " busy");
        assertEquals("SET", session.exec(name, QueryText.of("set x = 1"), true));
    }

    @Test
    void theRowsOfEveryRemoteComeMarkedWithTheirElement() throws Exception {
        try (FakePgServer one = start("well_behaved"); FakePgServer two = start("well_behaved")) {
            session.connect("shard1", connstr(one));
            RecordingSink sink = RecordingSink.drain(session.queryAll(List.of("shard1", connstr(two)), FAKE, 1));
            assertEquals(Set.of("0:a", "0:b", "1:a", "1:b"), rowsByElement(sink));
            assertFalse(sink.events.stream().anyMatch(e -> e.startsWith("begin") || e.startsWith("status")), sink.events.toString());
            assertEquals(1, backend.filesInUse, "the connection made for the call is closed");
            assertIdle("shard1");
        }
    }

    @Test
    void rowsGoOnAcrossBatchesAndEachRemoteIsAnnouncedWhenItsRowsFollowAnother() throws Exception {
        try (FakePgServer one = start("well_behaved"); FakePgServer two = start("well_behaved")) {
            RecordingSink sink = RecordingSink.drainInBatches(session.queryAll(List.of(connstr(one), connstr(two)), FAKE, 1), 1);
            assertEquals(Set.of("0:a", "0:b", "1:a", "1:b"), rowsByElement(sink));
            assertTrue(sink.events.contains("batch"));
            for (int i = 1; i < sink.events.size(); i++) {
                if (sink.events.get(i).startsWith("from ")) {
                    // announced only when the remote changes
                    String previous = null;
                    for (int j = i - 1; j >= 0 && previous == null; j--) {
                        if (sink.events.get(j).startsWith("from ")) {
                            previous = sink.events.get(j);
                        }
                    }
                    assertFalse(sink.events.get(i).equals(previous), sink.events.toString());
                }
            }
        }
    }

    @Test
    void anEmptyArrayGivesNoRows() {
        RecordingSink sink = RecordingSink.drain(session.queryAll(List.of(), FAKE, 1));
        assertEquals(List.of(), sink.events);
    }

    @Test
    void allRemotesRunAtOnce() throws Exception {
        // each answers after 1 s: three in turn would take 3 s
        FakeScenario slow = (s, sql) -> {
            Thread.sleep(1000);
            s.send(FakeMessage.rowDescription("x"), FakeMessage.dataRow("late"), FakeMessage.commandComplete("SELECT 1"), s.ready());
        };
        try (FakePgServer server = FakePgServer.start(slow)) {
            List<String> conns = List.of(connstr(server), connstr(server) + " application_name=b", connstr(server) + " application_name=c");
            long start = System.nanoTime();
            RecordingSink sink = RecordingSink.drain(session.queryAll(conns, FAKE, 1));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Set.of("0:late", "1:late", "2:late"), rowsByElement(sink));
            assertTrue(millis < 2500, "took " + millis + " ms");
        }
    }

    @Test
    void aRemoteErrorCancelsTheOthersAndNamesItsConnection() throws Exception {
        try (FakePgServer quiet = start("silence"); FakePgServer bad = failing()) {
            session.connect("shard1", connstr(quiet));
            session.connect("shard2", connstr(bad));
            long start = System.nanoTime();
            ServerMessage report = failure(List.of("shard1", "shard2", connstr(quiet)), 1);
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
            assertEquals(new ServerMessage("42P01", "relation \"orders\" does not exist", "a detail", "a hint",
                    "while executing query on dblink connection named \"shard2\""), report);
            assertEquals(2, quiet.cancelRequests(), "both queries on the silent server were cancelled");
            assertEquals(0, bad.cancelRequests(), "the failed query was not");
            assertIdle("shard1");
            assertIdle("shard2");
            assertEquals(2, backend.filesInUse);
        }
    }

    @Test
    void anUnnamedConnectionIsNamedByItsPositionInTheArray() throws Exception {
        try (FakePgServer good = start("well_behaved"); FakePgServer bad = failing()) {
            ServerMessage report = failure(List.of(connstr(good), connstr(bad)), 1);
            assertEquals("while executing query on unnamed dblink connection (array element 2)", report.context());
            assertEquals(0, backend.filesInUse);
        }
    }

    @Test
    void aConnectFailureClosesWhatWasOpenedAndSaysWhichElementFailed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (FakePgServer good = start("well_behaved")) {
            ServerMessage report = failure(List.of(connstr(good), "host=127.0.0.1 port=" + closedPort + " sslmode=disable"), 1);
            assertEquals("08001", report.sqlstate());
            assertEquals("could not establish connection", report.message());
            assertTrue(report.detail().contains("Connection refused"), report.detail());
            assertEquals("while opening unnamed dblink connection (array element 2)", report.context());
            assertEquals(0, backend.filesInUse);
            assertEquals(0, good.queriesReceived(), "nothing is sent before every connection is made");
        }
    }

    @Test
    void nonSuperusersFollowDblinksPasswordRules() throws Exception {
        backend.superuser = false;
        try (FakePgServer good = start("well_behaved")) {
            ServerMessage report = failure(List.of(connstr(good)), 1);
            assertEquals(new ServerMessage("2F003", "password is required",
                    "Non-superusers must provide a password in the connection string.", null,
                    "while opening unnamed dblink connection (array element 1)"), report);
            // with a password the server does not ask for (trust): refused after connecting
            report = failure(List.of(connstr(good) + " password=secret"), 1);
            assertEquals("Non-superuser cannot connect if the server does not request a password.", report.detail());
            assertEquals(0, backend.filesInUse);
        }
    }

    @Test
    void aConnectionMayComeOnlyOnce() throws Exception {
        ServerMessage report = failure(List.of("a", "b", "a"), 1);
        assertEquals(new ServerMessage("42710", "duplicate connection in array",
                "Array elements 1 and 3 are the same connection.", null, null), report);
        try (FakePgServer good = start("well_behaved")) {
            // two names that truncate to the same key name one connection
            String longName = "n".repeat(70);
            session.connect(longName, connstr(good));
            report = failure(List.of(longName, longName.substring(0, 65)), 1);
            assertEquals("Array elements 1 and 2 are the same connection.", report.detail());
            assertEquals(0, good.queriesReceived());
        }
    }

    @Test
    void aNamedConnectionWithAnAsynchronousQueryInProgressIsRefusedAndItsQueryKept() throws Exception {
        try (FakePgServer quiet = start("silence"); FakePgServer good = start("well_behaved")) {
            session.connect("busy", connstr(quiet));
            session.connect("free", connstr(good));
            assertEquals(1, session.async().sendQuery("busy", FAKE));
            ServerMessage report = failure(List.of("free", "busy"), 1);
            assertEquals("55006", report.sqlstate());
            assertEquals("could not send query: another command is already in progress", report.message());
            assertEquals("while executing query on dblink connection named \"busy\"", report.context());
            assertEquals(1, session.async().isBusy("busy"), "its own query goes on");
            assertEquals(0, good.queriesReceived());
            assertEquals("OK", session.async().cancelQuery("busy"));
        }
    }

    @Test
    void aResultOfTheWrongShapeIsRefusedNamingItsConnectionAndTheOthersAreCancelled() throws Exception {
        try (FakePgServer good = start("well_behaved"); FakePgServer quiet = start("silence")) {
            session.connect("wide", connstr(good));
            session.connect("slow", connstr(quiet));
            ServerMessage report = failure(List.of("slow", "wide"), 2);
            assertEquals(new ServerMessage("42804", "remote query result rowtype does not match the specified FROM clause rowtype",
                    "The remote result has 1 column; the column definition list has 2 columns after the connection name.",
                    null, "while executing query on dblink connection named \"wide\""), report);
            assertEquals(1, quiet.cancelRequests());
            assertIdle("wide");
            assertIdle("slow");
        }
    }

    @Test
    void aRemoteThatRunsOnlyCommandsGivesOneRowWithTheLastStatus() throws Exception {
        try (FakePgServer ddl = commands(List.of("SET", "CREATE TABLE")); FakePgServer mixed = commands(List.of("SET"), "r")) {
            RecordingSink sink = RecordingSink.drain(session.queryAll(List.of(connstr(ddl), connstr(mixed)), FAKE, 1));
            assertEquals(Set.of("0:CREATE TABLE", "1:r"), rowsByElement(sink));
            // a status is one column
            ServerMessage report = failure(List.of(connstr(ddl)), 2);
            assertEquals("The remote result has 1 column; the column definition list has 2 columns after the connection name.",
                    report.detail());
        }
    }

    @Test
    void aLocalInterruptCancelsEveryRemoteAndLeavesNamedConnectionsUsable() throws Exception {
        try (FakePgServer quiet = start("silence")) {
            session.connect("shard1", connstr(quiet));
            session.connect("shard2", connstr(quiet));
            ResultStream stream = session.queryAll(List.of("shard1", "shard2", connstr(quiet)), FAKE, 1);
            backend.interruptSoon();
            long start = System.nanoTime();
            assertThrows(QueryInterruptedException.class, () -> RecordingSink.drain(stream));
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS);
            assertEquals(3, quiet.cancelRequests());
            assertIdle("shard1");
            assertIdle("shard2");
            assertEquals(2, backend.filesInUse);
        }
    }

    @Test
    void rowsThatArrivedGoToCWhileOthersRunAndALocalErrorThenCancelsThem() throws Exception {
        try (FakePgServer good = start("well_behaved"); FakePgServer quiet = start("silence")) {
            session.connect("slow", connstr(quiet));
            ResultStream stream = session.queryAll(List.of("slow", connstr(good)), FAKE, 1);
            RecordingSink sink = new RecordingSink();
            long start = System.nanoTime();
            while (rowsByElement(sink).size() < 2) {
                assertTrue(stream.pump(sink), "more to come from the silent remote");
            }
            assertTrue(System.nanoTime() - start < GENEROUS_NANOS, "the rows that came were not held back");
            assertEquals(Set.of("1:a", "1:b"), rowsByElement(sink));
            stream.abandon(); // as C does when a value does not fit its column
            assertEquals(1, quiet.cancelRequests());
            assertIdle("slow");
            assertEquals(1, backend.filesInUse);
            assertFalse(stream.pump(new RecordingSink()));
        }
    }
}
