package org.jdblink.protocol;

/**
 * libpq's error-position display: the query line holding the 1-based character position
 * {@code loc}, cut to about 60 screen columns around it (with "..." where cut), and a caret
 * under the character. Lines break at \n, \r and \r\n; tabs show as spaces.
 */
final class ErrorCursor {
    private static final int DISPLAY_SIZE = 60;
    private static final int MIN_RIGHT_CUT = 10;

    private ErrorCursor() {}

    static void append(StringBuilder sb, String query, int loc, boolean wideColumns) {
        append(sb, query, loc, wideColumns, 1);
    }

    /**
     * As above for a part of a query that begins on line {@code firstLine} (see
     * {@link LargeErrorCursor}).
     */
    static void append(StringBuilder sb, String query, int loc, boolean wideColumns, int firstLine) {
        int zeroLoc = loc - 1;
        int[] cps = query.codePoints().toArray();
        int n = cps.length;
        // screen column at which each character starts; entry n is the end
        int[] col = new int[n + 1];
        int line = firstLine;
        int begin = 0;
        int stop = -1;
        int c = 0;
        int i;
        for (i = 0; i < n; i++) {
            col[i] = c;
            int ch = cps[i];
            if (ch == '\r' || ch == '\n') {
                if (i < zeroLoc) {
                    if (ch == '\r' || i == 0 || cps[i - 1] != '\r') {
                        line++;
                    }
                    begin = i + 1;
                } else {
                    stop = i;
                    break;
                }
            }
            c += wideColumns ? width(ch) : 1;
        }
        if (stop < 0) {
            stop = n;
            col[n] = c;
        }
        if (zeroLoc > i) {
            return;
        }
        boolean cutBegin = false;
        boolean cutEnd = false;
        if (col[stop] - col[begin] > DISPLAY_SIZE) {
            if (col[begin] + DISPLAY_SIZE >= col[zeroLoc] + MIN_RIGHT_CUT) {
                while (col[stop] - col[begin] > DISPLAY_SIZE) {
                    stop--;
                }
                cutEnd = true;
            } else {
                while (col[zeroLoc] + MIN_RIGHT_CUT < col[stop]) {
                    stop--;
                    cutEnd = true;
                }
                while (col[stop] - col[begin] > DISPLAY_SIZE) {
                    begin++;
                    cutBegin = true;
                }
            }
        }
        String prefix = "LINE " + line + ": " + (cutBegin ? "..." : "");
        sb.append(prefix);
        for (int k = begin; k < stop; k++) {
            sb.appendCodePoint(cps[k] == '\t' ? ' ' : cps[k]);
        }
        if (cutEnd) {
            sb.append("...");
        }
        sb.append('\n');
        int caretColumn = prefix.length() + col[zeroLoc] - col[begin];
        sb.append(" ".repeat(caretColumn)).append("^\n");
    }

    /** Screen width as PostgreSQL's ucs_wcwidth sees it (zero-width characters count as 1, as libpq does). */
    private static int width(int cp) {
        boolean wide = (cp >= 0x1100 && (cp <= 0x115f
                || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
                || (cp >= 0xac00 && cp <= 0xd7a3)
                || (cp >= 0xf900 && cp <= 0xfaff)
                || (cp >= 0xfe30 && cp <= 0xfe6f)
                || (cp >= 0xff00 && cp <= 0xff5f)
                || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x20000 && cp <= 0x2ffff)));
        return wide ? 2 : 1;
    }
}
