package org.jdblink.dblink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgError;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.RowDescription;

/**
 * The columns a remote query would return, without running it: the remote parses and
 * describes the statement (Parse, Describe, Sync), then names the types of its columns
 * from its catalogs in a second, read-only query.
 */
final class QueryDescriber {
    static final String ACTION = "while describing query";

    private final BorrowedConnection target;
    private final Consumer<ServerMessage> notices;

    QueryDescriber(BorrowedConnection target, Consumer<ServerMessage> notices) {
        this.target = target;
        this.notices = notices;
    }

    List<DescribedColumn> describe(QueryText sql) {
        if (sql.isLarge()) {
            throw DblinkErrors.tooLargeToDescribe();
        }
        RowDescription columns = rowDescription(sql);
        if (columns == null) {
            throw DblinkErrors.returnsNoRows();
        }
        if (columns.columnCount() == 0) {
            return List.of();
        }
        List<String[]> types = typeNames(columns);
        List<DescribedColumn> described = new ArrayList<>(columns.columnCount());
        for (int i = 0; i < columns.columnCount(); i++) {
            String[] type = types.get(i);
            described.add(new DescribedColumn(columns.name(i), columns.typeOid(i), columns.typmod(i), type[3], type[1],
                    type[2]));
        }
        return described;
    }

    /** The statement's row description; null when it returns no rows. */
    private RowDescription rowDescription(QueryText sql) {
        RemoteConnection conn = target.conn();
        try {
            conn.sendDescribe(sql);
        } catch (PgIOException e) {
            conn.drainPendingResults();
            throw DblinkErrors.couldNotSendQuery(e.getMessage());
        }
        PgConnection pg = conn.pg();
        RowDescription columns = null;
        RemoteOutcome.Failed failed = null;
        try {
            for (PgConnection.Event e = pg.next(); e != PgConnection.Event.READY; e = pg.next()) {
                if (e == PgConnection.Event.ROW_DESCRIPTION) {
                    columns = pg.rowDescription();
                } else if (e == PgConnection.Event.ERROR && failed == null) {
                    PgError error = pg.error();
                    failed = new RemoteOutcome.Failed(error, conn.errorMessage());
                }
            }
        } catch (PgIOException lost) {
            failed = RemoteOutcome.lost(conn, lost);
        }
        if (failed != null) {
            failed.report(ACTION, target.contextName(), true, notices);
        }
        return columns;
    }

    /**
     * Per column (in order) its position, the type's schema and name, and format_type's
     * text, asked of the remote's catalogs. The query is built of numbers only.
     */
    private List<String[]> typeNames(RowDescription columns) {
        StringBuilder sql = new StringBuilder("SELECT v.i, n.nspname, t.typname, pg_catalog.format_type(v.o, v.m)"
                + " FROM (VALUES ");
        for (int i = 0; i < columns.columnCount(); i++) {
            sql.append(i == 0 ? "(" : ", (").append(i + 1).append(", '")
                    .append(Integer.toUnsignedString(columns.typeOid(i))).append("'::pg_catalog.oid, ")
                    .append(columns.typmod(i)).append(')');
        }
        sql.append(") AS v(i, o, m) LEFT JOIN pg_catalog.pg_type t ON t.oid = v.o"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace ORDER BY v.i");
        TextRows rows = new TextRows(target.conn().pg().charset());
        RemoteOutcome last = CommandExecution.run(target.conn(), QueryText.of(sql.toString()), rows);
        if (last instanceof RemoteOutcome.Failed failed) {
            failed.report(ACTION, target.contextName(), true, notices);
        }
        List<String[]> found = rows.rows();
        if (found.size() != columns.columnCount()) {
            throw DblinkErrors.unexpectedTypeAnswer();
        }
        for (int i = 0; i < found.size(); i++) {
            String[] row = found.get(i);
            if (row.length != 4 || !Integer.toString(i + 1).equals(row[0]) || row[3] == null) {
                throw DblinkErrors.unexpectedTypeAnswer();
            }
        }
        return found;
    }
}
