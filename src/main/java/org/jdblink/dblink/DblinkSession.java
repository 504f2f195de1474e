package org.jdblink.dblink;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdblink.conninfo.ConnInfoParser;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.Interrupts;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.ResultFormats;

/**
 * All dblink state of one backend: the unnamed connection and the named ones, the last
 * error of each, and notices waiting to be raised. The bridge calls one method per SQL
 * function; argument conventions follow dblink 1.2 (a null connection name means the
 * unnamed connection).
 *
 * <p>Notices are queued even when the call then fails (a name truncation NOTICE precedes
 * a "duplicate connection name" ERROR): the bridge raises them before the error.
 */
public final class DblinkSession implements DblinkFunctions {
    private final ConnectionStringSource servers;
    private final RemoteConnector connector;
    private final ConnectionRegistry registry;
    private final NoticeQueue notices = new NoticeQueue();
    // Anonymous classes, not lambdas or method references: see docs/jvm.md, "No lambdas
    // on the first call's path".
    /** Where calls queue dblink's own NOTICEs; one instance for every call, as calls are many. */
    private final Consumer<ServerMessage> noticeQueue = new Consumer<>() {
        @Override
        public void accept(ServerMessage notice) {
            notices.add(Notice.of(notice));
        }
    };
    /** The open named connection of a name, or dblink's error. */
    private final Function<String, RemoteConnection> byName = new Function<>() {
        @Override
        public RemoteConnection apply(String connname) {
            return registered(connname);
        }
    };
    /** Cursor and asynchronous functions, in classes of their own over this session's connections. */
    /** How many rows recent query texts returned: binary transfer's describe only where it pays. */
    private final ResultSizes resultSizes = new ResultSizes();
    private final Cursors cursors = new Cursors(byName, noticeQueue, resultSizes);
    private final AsyncQueries async;
    /** The host's release, whose libpq rules read connection strings. */
    private final HostVersion hostVersion;
    /** The local database's encoding, which cannot change while the backend runs. */
    private final Charset encoding;
    /** The local backend's interrupts, which a query on many connections at once polls itself. */
    private final Interrupts interrupts;

    public DblinkSession(LocalBackend backend) {
        this(backend, ConnectionStringSource.NONE);
    }

    /** {@code servers} turns foreign server names into connection strings. */
    public DblinkSession(LocalBackend backend, ConnectionStringSource servers) {
        this.servers = servers;
        this.connector = new RemoteConnector(backend, ConnectionGuard.forBackend(backend), notices);
        this.encoding = new DatabaseEncoding(backend.databaseEncoding()).charset();
        this.interrupts = backend.interrupts();
        this.registry = new ConnectionRegistry(encoding);
        this.hostVersion = backend.hostVersion();
        this.async = new AsyncQueries(hostVersion, byName, new Supplier<>() {
            @Override
            public RemoteConnection get() {
                return unnamedOrNull();
            }
        }, encoding, noticeQueue);
    }

    /** dblink_connect / dblink_connect_u: returns "OK". connname null = the unnamed connection. */
    public String connect(String connname, String connstr) {
        ConnectionTarget resolved = target(connstr);
        connector.check(resolved.connstr());
        if (connname == null) {
            RemoteConnection old = registry.replaceUnnamed(connector.connect(resolved, RemoteWait.CONNECT, null));
            if (old != null) {
                old.close();
            }
            return "OK";
        }
        String key = key(connname);
        if (!key.equals(connname)) {
            notices.add(Notice.of(ConnectionName.truncationNotice(connname, key)));
        }
        registry.reserve(key);
        boolean connected = false;
        try {
            registry.fill(key, connector.connect(resolved, RemoteWait.CONNECT, key));
            connected = true;
        } finally {
            if (!connected) {
                registry.removeNamed(key);
            }
        }
        return "OK";
    }

    /** dblink_disconnect: returns "OK". */
    public String disconnect(String connname) {
        RemoteConnection conn = connname == null ? registry.replaceUnnamed(null) : registry.removeNamed(key(connname));
        if (conn == null) {
            throw DblinkErrors.notAvailable(connname);
        }
        conn.close();
        return "OK";
    }

    /**
     * jdblink_connections: a row for each open connection, the unnamed one first, then
     * the named ones in dblink_get_connections order ({@link ConnectionRow}).
     */
    public ResultStream connections() {
        List<String[]> rows = new ArrayList<>();
        RemoteConnection unnamed = registry.unnamed();
        if (unnamed != null) {
            rows.add(ConnectionRow.of(null, unnamed));
        }
        for (String name : registry.names()) {
            rows.add(ConnectionRow.of(name, registry.named(name)));
        }
        return new LocalRows(ConnectionRow.COLUMNS, rows, encoding);
    }

    /** dblink_get_connections: names of open named connections, or null when there are none. */
    public String[] connectionNames() {
        List<String> names = registry.names();
        return names.isEmpty() ? null : names.toArray(new String[0]);
    }

    /**
     * dblink_error_message: libpq's text for the last failure on the named connection
     * without its final newline, or "OK" when the last operation did not fail.
     * (SQL passes a name; null, which SQL cannot pass, means the unnamed connection.)
     */
    public String errorMessage(String connname) {
        RemoteConnection conn = registered(connname);
        String text = Texts.chomp(conn.errorMessage());
        return text.isEmpty() ? "OK" : text;
    }

    /**
     * dblink(): {@code connNameOrString} null means the unnamed connection; otherwise a
     * named connection if one is open, else a connection string used once and closed.
     */
    @Override
    public ResultStream query(String connNameOrString, QueryText sql, boolean failOnError, ResultFormats formats) {
        BorrowedConnection target = borrow(connNameOrString);
        boolean sent = false;
        try {
            target.conn().send(sql, resultSizes.formatsFor(sql, formats));
            sent = true;
        } catch (PgIOException e) {
            target.conn().drainPendingResults(); // dblink's cleanup: a query in flight is read to its end
            throw DblinkErrors.couldNotSendQuery(e.getMessage());
        } finally {
            if (!sent) {
                target.release();
            }
        }
        return new QueryResultStream(target, failOnError, noticeQueue).counted(resultSizes, sql);
    }

    @Override
    public ResultFormats binaryColumns(int[] localTypes) {
        return BinaryColumns.of(localTypes, hostVersion);
    }

    /** dblink_exec: the command status, or "ERROR" when it failed and failOnError is false. */
    public String exec(String connNameOrString, QueryText sql, boolean failOnError) {
        BorrowedConnection target = borrow(connNameOrString);
        RemoteOutcome outcome;
        try {
            outcome = CommandExecution.run(target.conn(), sql);
        } finally {
            target.release();
        }
        if (outcome instanceof RemoteOutcome.Command command) {
            return command.tag();
        }
        if (outcome instanceof RemoteOutcome.Failed failed) {
            failed.report(CommandExecution.ACTION, target.contextName(), failOnError, noticeQueue);
            return "ERROR";
        }
        throw DblinkErrors.statementReturnsResults();
    }

    public List<DescribedColumn> describe(String connNameOrString, QueryText sql) {
        BorrowedConnection target = borrow(connNameOrString);
        try {
            return new QueryDescriber(target, noticeQueue).describe(sql);
        } finally {
            target.release();
        }
    }

    public void refusePasswordInDefinition(String connNameOrString) {
        boolean connectionString = connNameOrString != null && registry.named(key(connNameOrString)) == null
                && servers.connectionStringFor(connNameOrString) == null;
        if (connectionString && ConnInfoParser.givesPassword(connNameOrString, hostVersion)) {
            throw DblinkErrors.passwordInDefinition();
        }
    }

    /**
     * jdblink_query_all: each element of {@code conns} gives its connection as dblink()'s
     * first argument does, in order; then {@code sql} runs on all at once.
     */
    public ResultStream queryAll(List<String> conns, QueryText sql, int columns) {
        List<FanOutBranch> branches = FanOutStart.open(conns, this::borrow, sql);
        return new FanOutStream(branches, new FanOutSink(columns), interrupts);
    }

    /** dblink_open, dblink_fetch, dblink_close. */
    public Cursors cursors() {
        return cursors;
    }

    /** dblink_send_query, dblink_is_busy, dblink_get_result, dblink_cancel_query, dblink_get_notify. */
    public AsyncQueries async() {
        return async;
    }

    /**
     * The notices queued since the last take, oldest first: NOTICEs of fail_on_error=false
     * paths and name truncation, remote notices when they are shown; the queue is emptied.
     */
    public List<Notice> takeNotices() {
        return notices.take();
    }

    /**
     * dblink_get_conn: the unnamed connection (null), an open named connection, else a
     * foreign server's or the text's own connection string, connected for this call only.
     */
    private BorrowedConnection borrow(String connNameOrString) {
        if (connNameOrString == null) {
            RemoteConnection unnamed = registry.unnamed();
            if (unnamed == null) {
                throw DblinkErrors.notAvailable(null);
            }
            return new BorrowedConnection(unnamed, null, false);
        }
        RemoteConnection named = registry.named(key(connNameOrString));
        if (named != null) {
            return new BorrowedConnection(named, connNameOrString, false);
        }
        ConnectionTarget target = target(connNameOrString);
        connector.check(target.connstr());
        return new BorrowedConnection(connector.connect(target, RemoteWait.GET_CONNECT, null), null, true);
    }

    /** A registered connection, or "connection … not available". */
    private RemoteConnection registered(String connname) {
        RemoteConnection conn = connname == null ? registry.unnamed() : registry.named(key(connname));
        if (conn == null) {
            throw DblinkErrors.notAvailable(connname);
        }
        return conn;
    }

    private RemoteConnection unnamedOrNull() {
        return registry.unnamed();
    }

    /** get_connect_string's fallback: a foreign server's connection string, else the text itself. */
    private ConnectionTarget target(String serverNameOrConnstr) {
        String fromServer = servers.connectionStringFor(serverNameOrConnstr);
        return fromServer != null ? new ConnectionTarget(fromServer, key(serverNameOrConnstr))
                : new ConnectionTarget(serverNameOrConnstr, null);
    }

    private String key(String connname) {
        return ConnectionName.truncate(connname, encoding);
    }
}
