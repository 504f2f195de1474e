package org.jdblink.dblink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.protocol.QueryInterruptedException;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.ResultFormats;
import org.jdblink.protocol.RowDescription;

/**
 * A scripted stand-in for DblinkSession, which bridge/test/smoke.sh has the bridge serve
 * (-Djdblink.session) so the C bridge can be tested on its own: the SQL text of
 * dblink() / dblink_exec() names what to produce (see the switch statements).
 */
public final class ScriptedSession implements DblinkFunctions {
    private final LocalBackend backend;
    private final ConnectionStringSource servers;
    private final List<String> names = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    /** The SQL texts of the queries abandoned after a local error, for exec('abandoned'). */
    private final List<String> abandoned = new ArrayList<>();

    /** The constructor the bridge calls, with its backend and its catalog lookup. */
    public ScriptedSession(LocalBackend backend, ConnectionStringSource servers) {
        this.backend = backend;
        this.servers = servers;
    }

    public String connect(String connname, String connstr) {
        if (connname != null) names.add(connname);
        if ("notice".equals(connstr)) notices.add(Notice.of(new ServerMessage("01000", "a notice", "nd", "nh", "nc1\nnc2")));
        return "OK";
    }
    public String disconnect(String connname) { names.remove(connname); return "OK"; }
    public String[] connectionNames() { return names.isEmpty() ? null : names.toArray(new String[0]); }
    public ResultStream connections() { throw new UnsupportedOperationException("connections"); }
    public String errorMessage(String connname) { return "OK " + connname; }

    /** The scripted results are text: what C offered for binary is not used. */
    public ResultFormats binaryColumns(int[] localTypes) { return null; }

    public ResultStream query(String target, QueryText text, boolean failOnError, ResultFormats formats) {
        String sql = text.toString();
        String[] w = sql.split(" ");
        return new ResultStream() {
            int step = 0;
            public String remoteParameter(String name) {
                if (w[0].equals("dates")) return name.equals("DateStyle") ? "German, DMY" : "postgres_verbose";
                return name.equals("DateStyle") ? "ISO, MDY" : "postgres";
            }
            public boolean pump(RowSink sink) {
                switch (w[0]) {
                    case "rows": {
                        int n = Integer.parseInt(w[1]), c = Integer.parseInt(w[2]);
                        if (step == 0) sink.beginResult(RowDescription.untyped(c));
                        while (step < n) {
                            step++;
                            String[] v = new String[c];
                            for (int i = 0; i < c; i++) v[i] = (i == 1 && step % 3 == 0) ? null : String.valueOf(step * 10 + i);
                            row(sink, v);
                            if (sink.full()) return true;
                        }
                        return false;
                    }
                    case "dates": sink.beginResult(RowDescription.untyped(2)); row(sink, "21.11.2026", "1 day 02:00:00"); return false;
                    case "big": sink.beginResult(RowDescription.untyped(1)); row(sink, "x".repeat(Integer.parseInt(w[1]))); return false;
                    case "large": {
                        // rows handed over as large rows (C memory); column 2 NULL in row 2
                        if (step == 0) sink.beginResult(RowDescription.untyped(2));
                        String x = "x".repeat(Integer.parseInt(w[1]));
                        while (step < 3) {
                            step++;
                            largeRow(sink, x, step == 2 ? null : "r" + step);
                            if (sink.full()) return true;
                        }
                        return false;
                    }
                    case "multi": sink.beginResult(RowDescription.untyped(1)); row(sink, "1"); sink.commandStatus("INSERT 0 1"); return false;
                    case "multi2": sink.commandStatus("INSERT 0 1"); sink.beginResult(RowDescription.untyped(1)); row(sink, "7"); return false;
                    case "error":
                        if (step++ == 0) { sink.beginResult(RowDescription.untyped(1)); row(sink, "1"); return true; }
                        if (!failOnError) { notices.add(Notice.of(new ServerMessage("22012", "division by zero", null, null, "while executing query on unnamed dblink connection"))); return false; }
                        throw new DblinkException(new ServerMessage("22012", "division by zero", "det", "hin", "remote context\nwhile executing query on unnamed dblink connection"));
                    case "wait":
                        sink.beginResult(RowDescription.untyped(1));
                        while (!backend.interrupts().pending()) { try { Thread.sleep(20); } catch (InterruptedException e) { throw new RuntimeException(e); } }
                        throw new QueryInterruptedException();
                    default: throw new IllegalArgumentException(sql);
                }
            }
            // the notice cannot be raised while the local error propagates: it goes to the server log
            public void abandon() { abandoned.add(sql); notices.add(Notice.of(new ServerMessage("01000", "abandoned " + sql, null, null, null))); }
        };
    }

    private static void row(RowSink sink, String... values) {
        byte[] body = body(values);
        sink.row(body, 0, body.length);
    }

    private static void largeRow(RowSink sink, String... values) {
        byte[] body = body(values);
        try {
            sink.largeRow(body.length, into -> into.put(body));
        } catch (org.jdblink.protocol.PgIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(values.length >> 8); out.write(values.length);
        for (String v : values) {
            if (v == null) { out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array()); continue; }
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    public String exec(String target, QueryText text, boolean failOnError) {
        String sql = text.toString();
        if (sql.equals("env")) return String.valueOf(backend.environment().getenv(target));
        if (sql.equals("home")) return backend.environment().homeDirectory();
        if (sql.equals("enc")) return backend.databaseEncoding();
        if (sql.equals("su")) return String.valueOf(backend.isSuperuser());
        if (sql.equals("server")) return servers.connectionStringFor(target);
        if (sql.equals("args")) return target + "|" + failOnError;
        if (sql.equals("badstate")) throw new DblinkException("4x", "bad", null, null);
        if (sql.equals("abandoned")) return String.join(", ", abandoned);
        if (sql.startsWith("levels")) {
            // one notice at each level, as jdblink.remote_notices = client queues remote ones
            for (Notice.Level level : Notice.Level.values()) {
                notices.add(new Notice(level, new ServerMessage(level == Notice.Level.WARNING ? "01000" : "00000",
                        "a remote " + level, "d " + level, "h " + level, "received message via unnamed dblink connection")));
            }
            if (sql.equals("levels error")) throw new DblinkException("22012", "division by zero", null, null);
            return "levels";
        }
        return "exec:" + target + ":" + sql + ":" + failOnError;
    }

    public List<Notice> takeNotices() {
        List<Notice> taken = new ArrayList<>(notices);
        notices.clear();
        return taken;
    }

    /** Not scripted: the cursor and asynchronous functions are tested against real servers. */
    public List<DescribedColumn> describe(String connNameOrString, QueryText sql) {
        throw new UnsupportedOperationException("describe");
    }
    public void refusePasswordInDefinition(String connNameOrString) {
        throw new UnsupportedOperationException("refusePasswordInDefinition");
    }
    public Cursors cursors() { throw new UnsupportedOperationException("cursors"); }
    public AsyncQueries async() { throw new UnsupportedOperationException("async"); }
    public ResultStream queryAll(List<String> conns, QueryText sql, int columns) {
        throw new UnsupportedOperationException("queryAll");
    }
}
