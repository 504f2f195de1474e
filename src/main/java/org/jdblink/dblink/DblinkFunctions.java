package org.jdblink.dblink;

import java.util.List;
import org.jdblink.protocol.QueryText;

/**
 * dblink's SQL functions as the bridge calls them, one method each (see
 * {@link DblinkSession}, the implementation). An interface so that the C bridge can be
 * tested on its own against a scripted session (bridge/test/fake/).
 */
public interface DblinkFunctions {
    String connect(String connname, String connstr);

    String disconnect(String connname);

    String[] connectionNames();

    String errorMessage(String connname);

    ResultStream query(String connNameOrString, QueryText sql, boolean failOnError);

    String exec(String connNameOrString, QueryText sql, boolean failOnError);

    Cursors cursors();

    AsyncQueries async();

    List<Notice> takeNotices();
}
