package org.jdblink.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes the current DataRow of a connection into strings (test helper). */
final class RowText {
    private RowText() {}

    static List<String> values(PgConnection c) {
        byte[] b = c.rowBuffer();
        int p = c.rowOffset();
        int n = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
        p += 2;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            p += 4;
            if (len < 0) {
                out.add("null");
            } else {
                out.add(new String(b, p, len, StandardCharsets.UTF_8));
                p += len;
            }
        }
        return out;
    }
}
