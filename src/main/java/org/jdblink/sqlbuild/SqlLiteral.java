package org.jdblink.sqlbuild;

/**
 * PostgreSQL's quote_literal: the value in single quotes with quotes doubled; when it
 * contains a backslash, backslashes are doubled too and the literal is written E'...', so
 * it reads back the same whatever standard_conforming_strings is.
 */
public final class SqlLiteral {
    private SqlLiteral() {}

    public static String quote(String value) {
        boolean backslash = value.indexOf('\\') >= 0;
        StringBuilder out = new StringBuilder(value.length() + 3);
        if (backslash) {
            out.append('E');
        }
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }
}
