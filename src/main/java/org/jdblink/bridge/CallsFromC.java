package org.jdblink.bridge;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.dblink.ConnectionStringSource;
import org.jdblink.dblink.DblinkFdwOptions;
import org.jdblink.dblink.DblinkFunctions;
import org.jdblink.dblink.DblinkSession;
import org.jdblink.dblink.DescribedColumn;
import org.jdblink.dblink.FdwOptionContext;
import org.jdblink.dblink.LocalBackend;
import org.jdblink.dblink.Notice;
import org.jdblink.dblink.ServerMessage;
import org.jdblink.protocol.SaltedPassword;
import org.jdblink.protocol.Sockets;

/**
 * The static methods the C bridge calls (listed in bridge/jdblink.h, JDBLINK_JAVA_METHODS),
 * one per SQL function plus the plumbing for results, notices and exceptions. Text arrives and leaves as UTF-8 byte arrays (SQL texts
 * as direct buffers over C's bytes, see {@link BackendText#sql}); a null
 * connection name means the unnamed connection. All methods run on the backend's main
 * thread; the C side checks for a pending exception after each of them.
 */
final class CallsFromC {
    /**
     * Names a class to serve instead of {@link DblinkSession}: bridge/test/smoke.sh's
     * scripted session, given in jdblink.jvm_options (a superuser-only setting).
     */
    private static final String SESSION_PROPERTY = "jdblink.session";

    /** Texts per column in {@link #describeQuery}'s answer (bridge/typed_results.c reads them). */
    private static final int DESCRIBED_FIELDS = 6;

    private static DblinkFunctions session;
    /** dblink_fdw's option rules on this host. */
    private static DblinkFdwOptions fdwOptions;

    private CallsFromC() {}

    /** Called once after the JVM is created and the natives are registered. */
    static void start() throws ReflectiveOperationException {
        JniLocalBackend backend = new JniLocalBackend();
        BackendText.useDatabaseEncoding(backend.databaseEncoding());
        SaltedPassword.useHmacRounds(new ServerHmac());
        Sockets.use(NativeSocket.OPENER);
        fdwOptions = DblinkFdwOptions.forBackend(backend);
        session = newSession(backend, new CatalogServers(fdwOptions));
    }

    private static DblinkFunctions newSession(LocalBackend backend, ConnectionStringSource servers)
            throws ReflectiveOperationException {
        String replacement = System.getProperty(SESSION_PROPERTY);
        if (replacement == null) {
            return new DblinkSession(backend, servers);
        }
        return Class.forName(replacement).asSubclass(DblinkFunctions.class)
                .getConstructor(LocalBackend.class, ConnectionStringSource.class).newInstance(backend, servers);
    }

    static byte[] connect(byte[] connname, byte[] connstr) {
        return BackendText.encode(session.connect(BackendText.decode(connname), BackendText.decode(connstr)));
    }

    static byte[] disconnect(byte[] connname) {
        return BackendText.encode(session.disconnect(BackendText.decode(connname)));
    }

    /** Names of the open named connections, or null when there are none. */
    static byte[][] connectionNames() {
        String[] names = session.connectionNames();
        if (names == null) {
            return null;
        }
        byte[][] encoded = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            encoded[i] = BackendText.encode(names[i]);
        }
        return encoded;
    }

    /** jdblink_connections(): a row for each open connection. */
    static QueryPump connections() {
        return new QueryPump(session.connections());
    }

    static byte[] errorMessage(byte[] connname) {
        return BackendText.encode(session.errorMessage(BackendText.decode(connname)));
    }

    static byte[] exec(byte[] connNameOrString, ByteBuffer sql, boolean failOnError) {
        return BackendText.encode(session.exec(BackendText.decode(connNameOrString), BackendText.sql(sql), failOnError));
    }

    static QueryPump query(byte[] connNameOrString, ByteBuffer sql, boolean failOnError, int[] binaryTypes) {
        return new QueryPump(session.query(BackendText.decode(connNameOrString), BackendText.sql(sql), failOnError,
                session.binaryColumns(binaryTypes)));
    }

    /**
     * jdblink_describe and the functions built on it: per column, in order, {@link
     * #DESCRIBED_FIELDS} texts (name, type OID and modifier in decimal, the remote's
     * format_type, the type's schema and name: the last two null when the remote has no
     * such type).
     */
    static byte[][] describeQuery(byte[] connNameOrString, ByteBuffer sql) {
        List<DescribedColumn> columns = session.describe(BackendText.decode(connNameOrString), BackendText.sql(sql));
        byte[][] fields = new byte[columns.size() * DESCRIBED_FIELDS][];
        int at = 0;
        for (DescribedColumn c : columns) {
            fields[at++] = BackendText.encode(c.name());
            fields[at++] = BackendText.encode(Integer.toUnsignedString(c.typeOid()));
            fields[at++] = BackendText.encode(Integer.toString(c.typmod()));
            fields[at++] = BackendText.encode(c.remoteType());
            fields[at++] = BackendText.encode(c.typeSchema());
            fields[at++] = BackendText.encode(c.typeName());
        }
        return fields;
    }

    static void refusePasswordInDefinition(byte[] connNameOrString) {
        session.refusePasswordInDefinition(BackendText.decode(connNameOrString));
    }

    /**
     * dblink_build_sql_insert / _update / _delete ({@code kind} 'I', 'U', 'D'): the
     * relation's quoted name, its physical columns' quoted names (null = dropped), the key
     * attribute numbers and count, the source key values (null for DELETE) and the target
     * key values.
     */
    static BuildSqlCall buildSql(byte kind, byte[] relation, byte[][] columns, short[] attnums, int count,
            byte[][] source, byte[][] target) {
        return BuildSqlCall.start(kind, relation, columns, attnums, count, source, target);
    }

    /**
     * dblink_fdw_validator: {@code context} is 'S' (server), 'U' (user mapping) or 'O'
     * (anything else).
     */
    static void validateFdwOptions(byte[][] names, char context) {
        fdwOptions.validate(decodeAll(names), switch (context) {
            case 'S' -> FdwOptionContext.SERVER;
            case 'U' -> FdwOptionContext.USER_MAPPING;
            default -> FdwOptionContext.OTHER;
        });
    }

    // Cursors, asynchronous queries and notifications (dblink_open … dblink_get_notify).

    static byte[] open(byte[] connname, byte[] curname, ByteBuffer sql, boolean failOnError) {
        return BackendText.encode(session.cursors().open(BackendText.decode(connname), BackendText.decode(curname), BackendText.sql(sql), failOnError));
    }

    static QueryPump fetch(byte[] connname, byte[] curname, int howmany, boolean failOnError, int[] binaryTypes) {
        return new QueryPump(session.cursors().fetch(BackendText.decode(connname), BackendText.decode(curname), howmany,
                failOnError, session.binaryColumns(binaryTypes)));
    }

    static byte[] close(byte[] connname, byte[] curname, boolean failOnError) {
        return BackendText.encode(session.cursors().close(BackendText.decode(connname), BackendText.decode(curname), failOnError));
    }

    static int sendQuery(byte[] connname, ByteBuffer sql) {
        return session.async().sendQuery(BackendText.decode(connname), HeldQueryText.of(BackendText.sql(sql)));
    }

    static int isBusy(byte[] connname) {
        return session.async().isBusy(BackendText.decode(connname));
    }

    static QueryPump getResult(byte[] connname, boolean failOnError) {
        return new QueryPump(session.async().getResult(BackendText.decode(connname), failOnError));
    }

    static byte[] cancelQuery(byte[] connname) {
        return BackendText.encode(session.async().cancelQuery(BackendText.decode(connname)));
    }

    /** connname null: the unnamed connection. */
    static QueryPump notifications(byte[] connname) {
        return new QueryPump(session.async().notifications(BackendText.decode(connname)));
    }

    // jdblink's own functions.

    /**
     * jdblink_query_all: {@code conns} (no nulls) each name a connection as dblink()'s
     * first argument does; {@code columns} is how many the remote rows must have (the
     * column definition list's but the first, which C fills with the connection's element).
     */
    static QueryPump queryAll(byte[][] conns, ByteBuffer sql, int columns) {
        return new QueryPump(session.queryAll(decodeAll(conns), BackendText.sql(sql), columns));
    }

    private static List<String> decodeAll(byte[][] texts) {
        List<String> decoded = new ArrayList<>(texts.length);
        for (byte[] text : texts) {
            decoded.add(BackendText.decode(text));
        }
        return decoded;
    }

    /** Queued notices in the {@link Reports} format, or null. */
    static byte[] takeNotices() {
        return session == null ? null : Reports.notices(session.takeNotices());
    }

    /**
     * Queued notices that cannot be raised, as C cleans up while an error propagates (a
     * remote query's rest read after a local error): to the server log, where
     * {@code jdblink.remote_notices = log} would have written them, rather than raised
     * later with a call they do not belong to.
     */
    static void logNotices() {
        if (session != null) {
            for (Notice notice : session.takeNotices()) {
                ServerMessage message = notice.message();
                ServerLog.write(ServerLog.noticeText(notice.level().name(), message.message(), message.detail(), message.hint()));
            }
        }
    }

    /** An exception thrown by any of the above, in the {@link Reports} format. */
    static byte[] describe(Throwable thrown) {
        return Reports.describe(thrown);
    }
}
