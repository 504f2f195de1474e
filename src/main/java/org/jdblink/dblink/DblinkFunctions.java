package org.jdblink.dblink;

import java.util.List;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.ResultFormats;

/**
 * dblink's SQL functions as the bridge calls them, one method each (see
 * {@link DblinkSession}, the implementation). An interface so that the C bridge can be
 * tested on its own against a scripted session (bridge/test/fake/).
 */
public interface DblinkFunctions {
    String connect(String connname, String connstr);

    String disconnect(String connname);

    String[] connectionNames();

    /** jdblink_connections(). */
    ResultStream connections();

    String errorMessage(String connname);

    /** dblink(); columns travel in the formats {@code formats} chooses (null: all text). */
    ResultStream query(String connNameOrString, QueryText sql, boolean failOnError, ResultFormats formats);

    /** dblink() with every column as text. */
    default ResultStream query(String connNameOrString, QueryText sql, boolean failOnError) {
        return query(connNameOrString, sql, failOnError, null);
    }

    /**
     * The formats of dblink()'s and dblink_fetch's columns, given per column of the FROM
     * clause the type the bridge offers for binary or 0; null (no offer) gives null.
     */
    ResultFormats binaryColumns(int[] localTypes);

    String exec(String connNameOrString, QueryText sql, boolean failOnError);

    /**
     * jdblink_describe (and jdblink_column_list, jdblink_create_view): the columns that
     * {@code sql} would return, asked of the remote without running it; the target is as
     * dblink()'s first argument.
     */
    List<DescribedColumn> describe(String connNameOrString, QueryText sql);

    /**
     * jdblink_create_view: refuses a connection string that gives a password, which the
     * view's definition would show to everyone who may read the catalogs.
     */
    void refusePasswordInDefinition(String connNameOrString);

    Cursors cursors();

    AsyncQueries async();

    /**
     * jdblink_query_all: {@code sql} on the connection of each element of {@code conns} at
     * once; their rows make one result, whose first column C fills with the element (see
     * {@link RowSink#rowsFrom}), and {@code columns} is how many the rows must have.
     */
    ResultStream queryAll(List<String> conns, QueryText sql, int columns);

    List<Notice> takeNotices();
}
