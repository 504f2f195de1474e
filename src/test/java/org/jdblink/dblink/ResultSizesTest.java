package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.ResultFormats;
import org.jdblink.protocol.RowDescription;
import org.junit.jupiter.api.Test;

class ResultSizesTest {
    private static final ResultFormats BINARY = new ResultFormats() {
        @Override
        public short[] choose(RowDescription described, PgConnection remote) {
            return null;
        }
    };

    private final ResultSizes sizes = new ResultSizes();

    @Test
    void aTextThatReturnedFewRowsLastTimeRunsInText() {
        QueryText q = QueryText.of("SELECT 1");
        assertSame(BINARY, sizes.formatsFor(q, BINARY), "never run: described");
        sizes.record(q, ResultSizes.FEW_ROWS - 1);
        assertNull(sizes.formatsFor(QueryText.of("SELECT 1"), BINARY));
        sizes.record(q, ResultSizes.FEW_ROWS);
        assertSame(BINARY, sizes.formatsFor(q, BINARY), "many rows last time");
        assertNull(sizes.formatsFor(q, null), "binary transfer off stays off");
    }

    @Test
    void onlyRecentShortTextsAreRemembered() {
        QueryText first = QueryText.of("SELECT 0");
        sizes.record(first, 1);
        for (int i = 1; i <= ResultSizes.TEXTS; i++) {
            sizes.record(QueryText.of("SELECT " + i), 1);
        }
        assertSame(BINARY, sizes.formatsFor(first, BINARY), "the least recently used was forgotten");
        QueryText longText = QueryText.of("SELECT '" + "x".repeat(ResultSizes.LONGEST_TEXT) + "'");
        sizes.record(longText, 1);
        assertSame(BINARY, sizes.formatsFor(longText, BINARY));
        byte[] large = new byte[QueryText.LARGE_BYTES + 1];
        QueryText largeText = QueryText.of(ByteBuffer.wrap(large), StandardCharsets.UTF_8);
        sizes.record(largeText, 1);
        assertSame(BINARY, sizes.formatsFor(largeText, BINARY));
    }
}
