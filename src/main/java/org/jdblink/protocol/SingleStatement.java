package org.jdblink.protocol;

/**
 * Whether a query text may go through the extended protocol (Parse, Bind, Execute), where
 * result columns can be asked for in binary: it must be exactly one statement, since a Parse
 * of several fails on the server ("cannot insert multiple commands into a prepared statement")
 * and aborts the caller's transaction, and it must be one that returns rows.
 *
 * <p>The text is lexed the way the server's scanner does for the parts that decide where a
 * statement ends: quoted strings in their variants, quoted identifiers, dollar quotes and
 * comments. Every doubt answers false, because the simple Query path the caller falls back
 * to is always correct. One pass over the text, no allocation: texts reach a megabyte.
 */
public final class SingleStatement {
    /** First keywords of statements that return rows, lower case. */
    private static final String[] ROW_KEYWORDS = {"select", "values", "table", "with", "fetch"};

    /** Returned by the scanners below for a construct that does not end, or is in doubt. */
    private static final int UNSURE = -1;

    /** How a single-quoted string treats its content. */
    private enum Quoting {
        /** '' stands for a quote. */
        STANDARD,
        /** '' stands for a quote and a backslash escapes the next character (E'...'). */
        BACKSLASH,
        /** The first quote ends it, no escape at all (B'...', X'...'). */
        BITS
    }

    private SingleStatement() {}

    /**
     * True only when {@code sql} lexes completely, holds one statement (semicolons may only
     * be followed by blanks, comments and more semicolons) and that statement's first
     * keyword, after blanks, comments and opening parentheses, is SELECT, VALUES, TABLE, WITH
     * or FETCH. {@code standardConformingStrings} is the server's setting: off, a backslash
     * escapes in plain '...' strings too.
     */
    public static boolean returnsRowsAlone(CharSequence sql, boolean standardConformingStrings) {
        int n = sql.length();
        boolean started = false;
        boolean ended = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && charAt(sql, i + 1) == '-') {
                i = lineCommentEnd(sql, i);
            } else if (c == '/' && charAt(sql, i + 1) == '*') {
                i = blockCommentEnd(sql, i);
                if (i == UNSURE) {
                    return false;
                }
            } else if (c == ';' && started) {
                ended = true;
                i++;
            } else if (c == '(' && !started) {
                i++;
            } else if (ended) {
                return false;
            } else {
                int end = tokenEnd(sql, i, standardConformingStrings);
                if (end == UNSURE || !started && !isRowKeyword(sql, i, end)) {
                    return false;
                }
                started = true;
                i = end;
            }
        }
        return started;
    }

    /**
     * The end of the token that starts at {@code i} (not blank, not a comment), or
     * {@link #UNSURE}. Words are taken whole, so that a quote or $ inside one is not
     * mistaken for the start of a literal, as the server's longest-match scanner does.
     */
    private static int tokenEnd(CharSequence s, int i, boolean standardConformingStrings) {
        char c = s.charAt(i);
        char next = charAt(s, i + 1);
        if (c == '\'') {
            return stringEnd(s, i + 1, standardConformingStrings ? Quoting.STANDARD : Quoting.BACKSLASH);
        }
        if (c == '"') {
            return quotedIdentifierEnd(s, i + 1);
        }
        if (c == '$') {
            return isDigit(next) ? numberEnd(s, i + 1) : dollarEnd(s, i);
        }
        if ((c == 'u' || c == 'U') && next == '&') {
            char quote = charAt(s, i + 2);
            if (quote == '\'') {
                // U&'...' never takes backslash escapes (the server rejects it when
                // standard_conforming_strings is off).
                return stringEnd(s, i + 3, Quoting.STANDARD);
            }
            if (quote == '"') {
                return quotedIdentifierEnd(s, i + 3);
            }
        }
        if (next == '\'') {
            if (c == 'e' || c == 'E') {
                return stringEnd(s, i + 2, Quoting.BACKSLASH);
            }
            if (c == 'b' || c == 'B' || c == 'x' || c == 'X') {
                return stringEnd(s, i + 2, Quoting.BITS);
            }
            // N'...' needs nothing of its own: the word N ends at the quote, and what
            // follows is a plain string, as on the server.
        }
        if (isDigit(c)) {
            return numberEnd(s, i);
        }
        if (isIdentStart(c)) {
            int j = i + 1;
            while (j < s.length() && isIdentCont(s.charAt(j))) {
                j++;
            }
            return j;
        }
        return i + 1;
    }

    /**
     * The end of a number (or of a parameter's digits) starting at {@code i}, with any
     * letters stuck to it. A $ there is {@link #UNSURE}: the number ends before it, but where
     * depends on the server's version (0x1F is one number from 16 on, a number and a word
     * before), and the $ may then open a dollar quote or belong to the word.
     */
    private static int numberEnd(CharSequence s, int i) {
        int j = i;
        while (j < s.length() && isIdentCont(s.charAt(j))) {
            if (s.charAt(j) == '$') {
                return UNSURE;
            }
            j++;
        }
        return j;
    }

    /**
     * The end of the string whose content starts at {@code i}, or {@link #UNSURE}. After its
     * closing quote, blanks holding a newline and then a quote continue the same string in
     * the same quoting: E'a'⏎'\'' is one string with escapes all along.
     */
    private static int stringEnd(CharSequence s, int i, Quoting quoting) {
        int n = s.length();
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\' && quoting == Quoting.BACKSLASH) {
                j += 2;
            } else if (c != '\'') {
                j++;
            } else if (quoting != Quoting.BITS && charAt(s, j + 1) == '\'') {
                j += 2;
            } else {
                int continued = continuationQuote(s, j + 1);
                if (continued == UNSURE) {
                    return j + 1;
                }
                j = continued + 1;
            }
        }
        return UNSURE;
    }

    /**
     * Where the quote that continues a string closed just before {@code i} is, or
     * {@link #UNSURE} when none does: spaces and -- comments, a newline, then any blanks
     * and -- comments before the quote (no block comment).
     */
    private static int continuationQuote(CharSequence s, int i) {
        int j = blanksEnd(s, i, false);
        if (j >= s.length() || !isNewline(s.charAt(j))) {
            return UNSURE;
        }
        j = blanksEnd(s, j, true);
        return charAt(s, j) == '\'' ? j : UNSURE;
    }

    /** The end of the spaces and -- comments from {@code i}; newlines too if {@code newlines}. */
    private static int blanksEnd(CharSequence s, int i, boolean newlines) {
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '-' && charAt(s, j + 1) == '-') {
                j = lineCommentEnd(s, j);
            } else if (isSpace(c) && (newlines || !isNewline(c))) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    /** The end of the "..." (or U&"...") identifier whose content starts at {@code i}. */
    private static int quotedIdentifierEnd(CharSequence s, int i) {
        int n = s.length();
        int j = i;
        while (j < n) {
            if (s.charAt(j) != '"') {
                j++;
            } else if (charAt(s, j + 1) == '"') {
                j += 2;
            } else {
                return j + 1;
            }
        }
        return UNSURE;
    }

    /**
     * The end of the dollar-quoted string whose opening $ is at {@code i} (not followed by a
     * digit: that is a parameter), or {@code i + 1} when no $tag$ starts there (the $ is then
     * a token of its own and the tag is read as a word). The string ends at the first exact
     * copy of its delimiter: every $ inside is tried as the start of one, each character
     * being looked at a bounded number of times.
     */
    private static int dollarEnd(CharSequence s, int i) {
        int tagEnd = tagEnd(s, i + 1);
        if (charAt(s, tagEnd) != '$') {
            return i + 1;
        }
        int tagLength = tagEnd - (i + 1);
        int n = s.length();
        int j = tagEnd + 1;
        while (j < n) {
            if (s.charAt(j) != '$') {
                j++;
                continue;
            }
            int candidateEnd = tagEnd(s, j + 1);
            if (charAt(s, candidateEnd) == '$' && candidateEnd - (j + 1) == tagLength
                    && sameChars(s, i + 1, j + 1, tagLength)) {
                return candidateEnd + 1;
            }
            j = candidateEnd;
        }
        return UNSURE;
    }

    /** The end of the dollar-quote tag characters from {@code i}. */
    private static int tagEnd(CharSequence s, int i) {
        int j = i;
        while (j < s.length() && isTagCont(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean sameChars(CharSequence s, int a, int b, int length) {
        for (int k = 0; k < length; k++) {
            if (s.charAt(a + k) != s.charAt(b + k)) {
                return false;
            }
        }
        return true;
    }

    /** The end of the -- comment at {@code i}: the next newline, which stays a blank. */
    private static int lineCommentEnd(CharSequence s, int i) {
        int j = i + 2;
        while (j < s.length() && !isNewline(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The end of the block comment at {@code i}, whose nested comments must close too. */
    private static int blockCommentEnd(CharSequence s, int i) {
        int depth = 1;
        int j = i + 2;
        while (j < s.length()) {
            char c = s.charAt(j);
            char next = charAt(s, j + 1);
            if (c == '/' && next == '*') {
                depth++;
                j += 2;
            } else if (c == '*' && next == '/') {
                if (--depth == 0) {
                    return j + 2;
                }
                j += 2;
            } else {
                j++;
            }
        }
        return UNSURE;
    }

    /** Whether the token from {@code start} to {@code end} is one of {@link #ROW_KEYWORDS}. */
    private static boolean isRowKeyword(CharSequence s, int start, int end) {
        for (String keyword : ROW_KEYWORDS) {
            if (keyword.length() == end - start && sameLetters(s, start, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** ASCII-only case folding, as the server's keyword lookup does. */
    private static boolean sameLetters(CharSequence s, int start, String lowerKeyword) {
        for (int k = 0; k < lowerKeyword.length(); k++) {
            char c = s.charAt(start + k);
            if (c >= 0x80 || (c | 0x20) != lowerKeyword.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The character at {@code i}, or NUL past the end (a NUL cannot be in a query text). */
    private static char charAt(CharSequence s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    /** The scanner's blanks; \v is one from PostgreSQL 16 on, a syntax error before. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || isNewline(c);
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Any non-ASCII character counts as a letter: its bytes are all >= 0x80 on the server. */
    private static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isTagCont(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isIdentCont(char c) {
        return isTagCont(c) || c == '$';
    }
}
