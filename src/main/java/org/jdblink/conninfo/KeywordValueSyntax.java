package org.jdblink.conninfo;

/**
 * The {@code keyword = value ...} form: values may be single-quoted, and a backslash
 * takes the next character literally, inside quotes or not.
 */
final class KeywordValueSyntax {
    private final String text;
    private final OptionValues values;
    private int pos;

    KeywordValueSyntax(String text, OptionValues values) {
        this.text = text;
        this.values = values;
    }

    void parse() throws ConnInfoException {
        while (true) {
            skipSpace();
            if (atEnd()) {
                return;
            }
            String keyword = readKeyword();
            skipSpace();
            String value = atEnd() || text.charAt(pos) != '\'' ? readBareValue() : readQuotedValue();
            values.store(keyword, value);
        }
    }

    /** The keyword up to '=' (spaces may come before the '='), consuming the '='. */
    private String readKeyword() throws ConnInfoException {
        int start = pos;
        while (!atEnd() && text.charAt(pos) != '=' && !isSpace(text.charAt(pos))) {
            pos++;
        }
        String keyword = text.substring(start, pos);
        skipSpace();
        if (atEnd() || text.charAt(pos) != '=') {
            throw new ConnInfoException("missing \"=\" after \"" + keyword + "\" in connection info string");
        }
        pos++;
        return keyword;
    }

    /** An unquoted value ends at the first unescaped space; the space is consumed. */
    private String readBareValue() {
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (isSpace(c)) {
                break;
            }
            if (c == '\\') {
                if (!atEnd()) {
                    value.append(text.charAt(pos++));
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private String readQuotedValue() throws ConnInfoException {
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new ConnInfoException("unterminated quoted string in connection info string");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                return value.toString();
            }
            if (c == '\\') {
                if (!atEnd()) {
                    value.append(text.charAt(pos++));
                }
            } else {
                value.append(c);
            }
        }
    }

    private void skipSpace() {
        while (!atEnd() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    /** C's isspace() in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
