package org.jdblink.protocol;

/**
 * Chooses the format of each result column of a described statement, once its columns
 * are known and before it runs (the result format codes of Bind). Binary is chosen only
 * where the reader knows the type's binary form and it gives the same values as text.
 */
public interface ResultFormats {
    short TEXT = 0;
    short BINARY = 1;

    /** Per column {@link #TEXT} or {@link #BINARY}; null for all text. */
    short[] choose(RowDescription described, PgConnection remote);
}
