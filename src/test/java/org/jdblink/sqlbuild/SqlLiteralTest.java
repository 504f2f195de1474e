package org.jdblink.sqlbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlLiteralTest {
    @Test
    void plainTextIsSingleQuoted() {
        assertEquals("'abc'", SqlLiteral.quote("abc"));
        assertEquals("''", SqlLiteral.quote(""));
    }

    @Test
    void quotesAreDoubled() {
        assertEquals("'it''s'''", SqlLiteral.quote("it's'"));
    }

    @Test
    void backslashesAreDoubledInAnEscapeString() {
        assertEquals("E'a\\\\b'", SqlLiteral.quote("a\\b"));
        assertEquals("E'it''s \\\\'", SqlLiteral.quote("it's \\"));
    }

    @Test
    void otherCharactersPassUnchanged() {
        assertEquals("'line\nnext\t\u00e9\u20ac\"'", SqlLiteral.quote("line\nnext\t\u00e9\u20ac\""));
    }
}
