package org.jdblink.dblink;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.ResultFormats;

/**
 * How many rows the last run of each recent query text returned in this session, so that
 * binary transfer's describe round trip is spent only where it pays (docs/binary-transfer.md):
 * a text that returned few rows last time runs as a simple Query, in text. Both paths give
 * the same values; only the cost differs. A round trip costs about what the binary format
 * saves on some hundreds of rows, so a query run in a loop for one row at a time is as
 * cheap as without binary transfer, after its first run.
 */
final class ResultSizes {
    /** Fewer rows than this: the next run of the same text skips the describe. */
    static final int FEW_ROWS = 1000;
    /** Texts remembered, the least recently used forgotten first. */
    static final int TEXTS = 256;
    /** Longer texts are not remembered (nor described any differently): memory stays small. */
    static final int LONGEST_TEXT = 4096;

    private final Map<String, Long> rows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > TEXTS;
        }
    };

    /** The formats to ask for {@code sql}: none (text) when it returned few rows last time, else {@code formats}. */
    ResultFormats formatsFor(QueryText sql, ResultFormats formats) {
        Long last = formats == null ? null : rows.get(key(sql));
        return last != null && last < FEW_ROWS ? null : formats;
    }

    /** {@code sql} ended normally with {@code count} rows. */
    void record(QueryText sql, long count) {
        String key = key(sql);
        if (key != null) {
            rows.put(key, count);
        }
    }

    private static String key(QueryText sql) {
        if (sql.isLarge()) {
            return null;
        }
        String text = sql.toString();
        return text.length() <= LONGEST_TEXT ? text : null;
    }
}
