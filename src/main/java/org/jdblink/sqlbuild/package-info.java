/**
 * The SQL text of dblink_build_sql_insert, dblink_build_sql_update and
 * dblink_build_sql_delete, built from a local table's shape and key values.
 *
 * <p>What needs the server stays in C: opening the relation with its privilege check,
 * quoting identifiers (the server's keyword list and {@code quote_all_identifiers}
 * decide), and running the query that fetches the source row. This package validates the
 * key arguments, writes the query that finds the source row, and writes the statement
 * from that row's values, with dblink's errors ({@link org.jdblink.dblink.DblinkException}).
 */
package org.jdblink.sqlbuild;
