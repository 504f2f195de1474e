package org.jdblink.dblink;

import org.jdblink.protocol.QueryText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle: each case runs once through C dblink (psql, VERBOSITY verbose) and once
 * through {@link DblinkSession}, both with a connection named "x" open, and the NOTICEs
 * and ERROR each raises must be the same (SQLSTATE, message, DETAIL, HINT, CONTEXT).
 */
class CDblinkParityIT {
    private static final Pattern REPORT_START = Pattern.compile("^(ERROR|NOTICE|WARNING):  ([0-9A-Z]{5}): (.*)$");
    private static final Pattern FIELD = Pattern.compile("^(DETAIL|HINT|CONTEXT|LOCATION):  (.*)$");

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture();

    /** A report as the client sees it. */
    record Raised(String level, ServerMessage report) {}

    @BeforeAll
    static void createOracle() throws Exception {
        fx.cluster().psql("create extension dblink");
    }

    static Stream<Arguments> cases() {
        // runs after @BeforeAll: the cluster is up
        String cs = fx.connstr().trim();
        String longName = "l".repeat(70);
        return Stream.of(
                c("select dblink_connect('x', '%CS%')", s -> s.connect("x", cs)),
                c("select dblink_connect('" + longName + "', '%CS%'); select dblink_connect('" + longName + "', 'dbname=nosuch')",
                        s -> { s.connect(longName, cs); s.connect(longName, "dbname=nosuch"); }),
                c("select dblink_connect('y', 'dbname=nosuch')", s -> s.connect("y", cs.replace("dbname=postgres", "dbname=nosuch"))),
                c("select dblink_connect('y', 'hello')", s -> s.connect("y", "hello")),
                c("select dblink_connect('y', 'host=''%SOCK%'' port=%PORT% dbname=postgres user=nosuchuser')",
                        s -> s.connect("y", cs.replace("user=postgres", "user=nosuchuser"))),
                c("select dblink_disconnect('nope')", s -> s.disconnect("nope")),
                c("select dblink_disconnect()", s -> s.disconnect(null)),
                c("select dblink_error_message('')", s -> s.errorMessage("")),
                c("select * from dblink('select 1') as t(a text)", s -> s.query(null, QueryText.of("select 1"), true)),
                c("select * from dblink('x', 'select 1/0') as t(a text)", s -> pump(s.query("x", QueryText.of("select 1/0"), true))),
                c("select * from dblink('x', 'select 1; select 1/0', false) as t(a text)", s -> pump(s.query("x", QueryText.of("select 1; select 1/0"), false))),
                c("select * from dblink('x', 'selec 1') as t(a text)", s -> pump(s.query("x", QueryText.of("selec 1"), true))),
                c("select * from dblink('x', 'do $$begin raise exception ''boom'' using detail = ''d'', hint = ''h'', errcode = ''22023''; end$$') as t(a text)",
                        s -> pump(s.query("x", QueryText.of("do $$begin raise exception 'boom' using detail = 'd', hint = 'h', errcode = '22023'; end$$"), true))),
                c("select * from dblink('x', '') as t(a text)", s -> pump(s.query("x", QueryText.of(""), true))),
                c("select * from dblink('x', ';', false) as t(a text)", s -> pump(s.query("x", QueryText.of(";"), false))),
                c("select * from dblink('%CS%', 'select 1/0', false) as t(a text)", s -> pump(s.query(cs, QueryText.of("select 1/0"), false))),
                c("select * from dblink('%CS%', 'select 1/0') as t(a text)", s -> pump(s.query(cs, QueryText.of("select 1/0"), true))),
                c("select * from dblink('x', 'do $$begin raise warning ''w''; raise notice ''n''; end$$') as t(a text)",
                        s -> pump(s.query("x", QueryText.of("do $$begin raise warning 'w'; raise notice 'n'; end$$"), true))),
                c("select * from dblink('x', 'select pg_terminate_backend(pg_backend_pid())', false) as t(a text); "
                        + "select dblink_exec('x', 'select 1', false); select * from dblink('x', 'select 1') as t(a text)",
                        s -> {
                            pump(s.query("x", QueryText.of("select pg_terminate_backend(pg_backend_pid())"), false));
                            s.exec("x", QueryText.of("select 1"), false);
                            pump(s.query("x", QueryText.of("select 1"), true));
                        }),
                c("select dblink_exec('x', 'select 1')", s -> s.exec("x", QueryText.of("select 1"), true)),
                c("select dblink_exec('x', 'select 1/0; select 2/0', false)", s -> s.exec("x", QueryText.of("select 1/0; select 2/0"), false)),
                c("select dblink_exec('x', '', false)", s -> s.exec("x", QueryText.of(""), false)),
                c("select dblink_exec('x', 'begin'); select dblink_exec('x', 'select 1/0', false); select dblink_exec('x', 'select 1')",
                        s -> { s.exec("x", QueryText.of("begin"), true); s.exec("x", QueryText.of("select 1/0"), false); s.exec("x", QueryText.of("select 1"), true); }),
                c("select dblink_exec('hello', 'select 1')", s -> s.exec("hello", QueryText.of("select 1"), true)),
                c("select dblink_exec('%CS%', 'create table nosuch.t()')", s -> s.exec(cs, QueryText.of("create table nosuch.t()"), true)));
    }

    private static Arguments c(String sql, Consumer<DblinkSession> java) {
        String concrete = sql.replace("%CS%", fx.connstr().trim()).replace("%SOCK%", fx.cluster().socketDir())
                .replace("%PORT%", Integer.toString(fx.cluster().port()));
        return Arguments.of(concrete, java);
    }

    private static void pump(ResultStream stream) {
        while (stream.pump(new RecordingSink())) {
            // to the end
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameReportsAsCDblink(String sql, Consumer<DblinkSession> java) throws Exception {
        // an empty list is a real expectation too: remote WARNING/NOTICE are not relayed
        assertEquals(viaC(sql), viaJava(java), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "select g from generate_series(1, 3) g|true",
        "select 1 where false|true",
        "select 1; set work_mem = '1MB'; select 2|true",
        "select 1; set work_mem = '1MB'|true",
        "select 1;;|true",
        "select 1; select 1/0|false",
        "select 1; set work_mem = '1MB'; select 1/0|false",
        "select g from generate_series(1,5) g; select 10/(3-g) from generate_series(1,5) g|false",
        "select 1/0|false",
    })
    void sameRowsAsCDblink(String sql, boolean failOnError) throws Exception {
        String c = fx.cluster().psql("select dblink_connect('x', '" + fx.connstr().trim() + "'); "
                + "select * from dblink('x', $q$" + sql + "$q$, " + failOnError + ") as t(a text)");
        List<String> lines = List.of(c.split("\n"));
        List<String> expected = lines.subList(1, lines.size()); // after dblink_connect's "OK"

        DblinkSession session = new DblinkSession(new TestLocalBackend());
        session.connect("x", fx.connstr());
        RecordingSink sink = RecordingSink.drain(session.query("x", QueryText.of(sql), failOnError));
        session.disconnect("x");
        assertEquals(expected, sink.kept, sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "set work_mem = 1024",
        "select 1/0",
        "selec 1",
        "select 1,\n  nosuch",
        "do $$begin raise exception 'boom' using detail = 'd', hint = 'h'; end$$",
        "\"\"",
        "select pg_terminate_backend(pg_backend_pid())",
    })
    void sameErrorMessageAsCDblink(String sql) throws Exception {
        String query = sql.replace("\\n", "\n");
        String c = fx.cluster().psql("select dblink_connect('x', '" + fx.connstr().trim() + "'); "
                + "select dblink_exec('x', $q$" + query + "$q$, false); select dblink_error_message('x')");
        List<String> lines = List.of(c.split("\n"));
        String expected = String.join("\n", lines.subList(2, lines.size())); // after "OK" and dblink_exec's result

        DblinkSession session = new DblinkSession(new TestLocalBackend());
        session.connect("x", fx.connstr());
        session.exec("x", QueryText.of(query), false);
        String actual = session.errorMessage("x");
        session.disconnect("x");
        assertEquals(expected, actual, query);
    }

    private static List<Raised> viaJava(Consumer<DblinkSession> action) {
        TestLocalBackend backend = new TestLocalBackend();
        DblinkSession session = new DblinkSession(backend);
        session.connect("x", fx.connstr());
        List<Raised> raised = new ArrayList<>();
        try {
            action.accept(session);
        } catch (DblinkException e) {
            session.takeNotices().forEach(n -> raised.add(new Raised(n.level().name(), n.message())));
            raised.add(new Raised("ERROR", e.report()));
            return raised;
        } finally {
            String[] names = session.connectionNames();
            for (String n : names == null ? new String[0] : names) {
                session.disconnect(n);
            }
        }
        session.takeNotices().forEach(n -> raised.add(new Raised(n.level().name(), n.message())));
        return raised;
    }

    private static List<Raised> viaC(String sql) throws IOException, InterruptedException {
        String cs = fx.connstr().trim();
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "VERBOSITY=verbose", "-v", "SHOW_CONTEXT=always",
                "-h", fx.cluster().socketDir(), "-p", Integer.toString(fx.cluster().port()), "-U", "postgres", "-d", "postgres",
                "-c", "select dblink_connect('x', '" + cs + "')", "-c", sql);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return parse(new String(err, StandardCharsets.UTF_8));
    }

    /** psql's verbose reports: a start line, then DETAIL/HINT/CONTEXT/LOCATION fields, each possibly multi-line. */
    static List<Raised> parse(String stderr) {
        List<Raised> out = new ArrayList<>();
        String level = null;
        String[] f = null; // sqlstate, message, detail, hint, context
        int current = -1;
        for (String line : stderr.split("\n", -1)) {
            Matcher start = REPORT_START.matcher(line);
            Matcher field = FIELD.matcher(line);
            if (start.matches()) {
                if (level != null) {
                    out.add(raised(level, f));
                }
                level = start.group(1);
                f = new String[] {start.group(2), start.group(3), null, null, null};
                current = 1;
            } else if (level != null && field.matches()) {
                current = switch (field.group(1)) {
                    case "DETAIL" -> 2;
                    case "HINT" -> 3;
                    case "CONTEXT" -> 4;
                    default -> -1;
                };
                if (current > 0) {
                    f[current] = field.group(2);
                }
            } else if (level != null && current > 0 && !line.isEmpty()) {
                f[current] += "\n" + line;
            }
        }
        if (level != null) {
            out.add(raised(level, f));
        }
        return out;
    }

    private static Raised raised(String level, String[] f) {
        return new Raised(level, new ServerMessage(f[0], f[1], f[2], f[3], f[4]));
    }
}
