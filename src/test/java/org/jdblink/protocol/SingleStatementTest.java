package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.CharBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SingleStatementTest {
    private static void expect(boolean expected, boolean standardConformingStrings, String... texts) {
        for (String sql : texts) {
            assertEquals(expected, SingleStatement.returnsRowsAlone(sql, standardConformingStrings), sql);
        }
    }

    /** With standard_conforming_strings on, the server default. */
    private static void single(String... texts) {
        expect(true, true, texts);
    }

    private static void notSingle(String... texts) {
        expect(false, true, texts);
    }

    /** With standard_conforming_strings off: backslashes escape in plain strings too. */
    private static void singleWithoutScs(String... texts) {
        expect(true, false, texts);
    }

    private static void notSingleWithoutScs(String... texts) {
        expect(false, false, texts);
    }

    @Test
    void eachRowKeywordInAnyCase() {
        single("SELECT 1", "select 1", "SeLeCt 1", "VALUES (1), (2)", "values(1)", "TABLE t",
                "WITH x AS (SELECT 1) SELECT * FROM x", "with x as (select 1) table x",
                "wItH x AS (VALUES (1)) SELECT 1", "FETCH 10 FROM c", "fetch all in c");
    }

    @Test
    void otherStatementsAreNot() {
        notSingle("INSERT INTO t VALUES (1) RETURNING *", "UPDATE t SET a = 1 RETURNING a",
                "DELETE FROM t RETURNING *", "EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT 1",
                "SHOW work_mem", "DECLARE c CURSOR FOR SELECT 1", "MOVE 10 IN c", "SET x = 1",
                "BEGIN", "CREATE TABLE t AS SELECT 1");
    }

    @Test
    void theKeywordMustBeAWholeUnquotedWord() {
        notSingle("\"select\" 1", "\"SELECT\" * FROM t", "U&\"select\" 1", "'select'", "E'select'",
                "$$select$$", "$s$select$s$", "selectx 1", "select$ 1", "SELECT$$a$$", "select_1", "select1",
                "tables", "with_x", "_select 1");
        // Only ASCII letters fold, as in the server's keyword lookup.
        notSingle("s\u00e9lect 1", "\uff33\uff25\uff2c\uff25\uff23\uff34 1", "FETC\u0130 1");
    }

    @Test
    void theKeywordMayTouchWhatFollows() {
        single("SELECT'a'", "SELECT(1)", "select*from t", "SELECT--c\n1", "SELECT/*c*/1",
                "VALUES(1)", "SELECT\"a\" FROM t");
    }

    @Test
    void leadingBlanksCommentsAndParenthesesAreSkipped() {
        single("  \n\t\r\fSELECT 1", "-- note\nSELECT 1", "-- note\rSELECT 1",
                "/* a */ /* b /* nested */ */ SELECT 1", "((SELECT 1))", "( /* x */ (VALUES (1)))",
                "(-- c\nSELECT 1) UNION (SELECT 2)", "/**/(/**/(/**/WITH a AS (SELECT 1) SELECT 2))");
        notSingle("-- SELECT 1", "/* SELECT 1 */", "/* SELECT 1 /* */ SELECT 2", "[SELECT 1]", ")SELECT 1",
                "+SELECT 1", "1", "(1)");
    }

    @Test
    void emptyOrOnlyCommentsAndSemicolonsIsNot() {
        notSingle("", "   ", "\n", "-- only", "/* only */", ";", ";;", " ; -- x", "(", "((", "/* a */ ; /* b */");
    }

    @Test
    void trailingSemicolonsBlanksAndCommentsAreStillOne() {
        single("SELECT 1;", "SELECT 1 ;; -- x", "SELECT 1;\n\t;  /* done */ ;", "SELECT 1; -- a\n-- b\n",
                "SELECT 1;/* /* nested */ */;", "SELECT 1 -- x ; SELECT 2", "SELECT 1 /* ; SELECT 2 */");
    }

    @Test
    void aSecondStatementOrTokenIsNot() {
        notSingle("SELECT 1; SELECT 2", "SELECT 1;SELECT 2;", "SELECT 1; x", "SELECT 1;;;2",
                "SELECT 1; /* c */ (", "SELECT 1;'a'", "SELECT 1;$$ $$", "SELECT 1;\"a\"",
                "WITH x AS (SELECT 1) SELECT * FROM x; DELETE FROM t", "SELECT 1 -- c\n; SELECT 2",
                "SELECT 1 -- c\r; SELECT 2", "SELECT 1 /* c */ ; SELECT 2", ";SELECT 1", "; SELECT 1",
                "SELECT (1; 2)");
    }

    @Test
    void semicolonsInsideStandardStrings() {
        single("SELECT ';'", "SELECT 'a'';'", "SELECT ''';'''", "SELECT N';'", "SELECT n';'",
                "SELECT U&';'", "SELECT u&'a'';'", "SELECT B';'", "SELECT x';'", "SELECT 'a\\' ';'");
        notSingle("SELECT ';' ; SELECT 2", "SELECT 'a\\';'", "SELECT 'a''' ; SELECT 2");
    }

    @Test
    void backslashEscapesInEStrings() {
        single("SELECT E'\\';'", "SELECT e'\\';'", "SELECT E'a'';'", "SELECT E'\\\\'", "SELECT E'\\\\\\';'",
                "SELECT E'\\x27;'");
        notSingle("SELECT E'\\\\'; SELECT 2", "SELECT E'\\';' ; SELECT 2", "SELECT E'\\'");
    }

    @Test
    void aLetterInsideAWordDoesNotStartAnEString() {
        // If xe' opened an E string, '\'' would hide the semicolon.
        notSingle("SELECT xe'\\'; SELECT 2 --'", "SELECT ab'\\'; SELECT 2 --'", "SELECT 1 AS type'\\'; SELECT 2 --'");
    }

    @Test
    void withoutStandardConformingStringsPlainStringsTakeBackslashes() {
        singleWithoutScs("SELECT 'a\\';'", "SELECT '\\\\'", "SELECT N'\\';'", "SELECT 'a'';'");
        notSingleWithoutScs("SELECT '\\\\'; SELECT 2", "SELECT 'a\\';' ; SELECT 2", "SELECT 'a\\'");
        // U&'...', B'...' and X'...' never do.
        notSingleWithoutScs("SELECT U&'\\'; SELECT 2 --'", "SELECT B'\\'; SELECT 2 --'",
                "SELECT X'\\'; SELECT 2 --'");
        notSingle("SELECT 'a\\';'");
    }

    @Test
    void bitStringsHaveNoDoubledQuote() {
        // B'1' ends at its second quote; '\'' that follows is a new plain string, with escapes.
        notSingleWithoutScs("SELECT B'1''\\'' ; SELECT 2 -- '");
        singleWithoutScs("SELECT B'1''\\'; SELECT 2 --'");
        single("SELECT B'1''0'", "SELECT X'1'';'");
    }

    @Test
    void stringsContinuedAcrossANewlineKeepTheirQuoting() {
        // The continuation of an E string takes backslashes: \' does not end it.
        single("SELECT E'x'\n'\\'; SELECT 2 --'", "SELECT E'x' -- c\n  -- d\n\t'\\'; SELECT 2 --'",
                "SELECT E'x'\r\n\r\n'\\'; SELECT 2 --'", "SELECT 'a'\n'b'", "SELECT B'1'\n'0'");
        notSingle("SELECT E'x'\n'\\'' ; SELECT 2 -- '", "SELECT 'a'\n'b", "SELECT E'x'\n-- c\n'\\'");
        // No continuation without a newline, or across a block comment: a new plain string.
        single("SELECT E'x' '\\'' ; SELECT 2 -- '", "SELECT E'x' /* c */\n'\\'' ; SELECT 2 -- '");
        notSingle("SELECT E'x' '\\'; SELECT 2 --'", "SELECT E'x' /* c */\n'\\'; SELECT 2 --'");
        // With standard_conforming_strings off a continued U&'...' still has no escapes.
        notSingleWithoutScs("SELECT U&'x'\n'\\'; SELECT 2 --'");
    }

    @Test
    void semicolonsInsideQuotedIdentifiers() {
        single("SELECT \";\"", "SELECT \"a\"\";\"", "SELECT U&\";\"", "SELECT u&\"a\"\";\"");
        notSingle("SELECT \"a\"; SELECT 2", "SELECT \"a\\\"; SELECT 2", "SELECT \"\"\"; SELECT 2");
    }

    @Test
    void dollarQuotes() {
        single("SELECT $$;$$", "SELECT $a$ ; $b$ ; $a$", "SELECT $a$ $b$; $a$", "SELECT $_x1$;$_x1$",
                "SELECT $\u00e9$;$\u00e9$", "SELECT $a$ x$a $b$a$", "SELECT $ab$ $a$; $ab$",
                "SELECT $a$ $A$ ; $a$", "SELECT $a$';$a$", "SELECT $a$--$a$", "SELECT $a$/*$a$",
                "SELECT $$'$$", "SELECT 'a'$$;$$", "SELECT \"a\"$$;$$", "SELECT 1+$$;$$",
                "SELECT $a$ $$ ; $$ $a$", "SELECT $$ $a$ ; $a$ $$");
        notSingle("SELECT $$;$$; SELECT 2", "SELECT $a$ ; $b$ ; SELECT 2",
                "SELECT $A$ ; $a$", "SELECT $$ ; $ $", "SELECT $a$ ; $a $");
    }

    @Test
    void aDollarAfterAWordBelongsToIt() {
        single("SELECT a$b;", "SELECT x1$;", "SELECT a$b$c FROM t", "SELECT \u00e9$ FROM t");
        // If a$x$ opened a quote, it would hide the semicolon up to the last $x$.
        notSingle("SELECT a$x$ FROM t; $x$", "SELECT _$$; $$", "SELECT x1$a$; $a$");
    }

    @Test
    void parametersAndFailedTags() {
        single("SELECT $1;", "SELECT $1 + $22", "SELECT $12::int", "SELECT $ 1");
        // $a without a closing $ is no quote: the semicolon after it is outside.
        notSingle("SELECT $a; SELECT 2", "SELECT $a ; $a$", "SELECT $1; SELECT 2", "SELECT $1;$2");
    }

    @Test
    void aDollarTouchingANumberIsInDoubt() {
        // The number ends before the $, where exactly depends on the server's version, and the
        // $ may open a quote there: no.
        notSingle("SELECT 1$a$;$a$", "SELECT $1$a$;$a$", "SELECT 0x1F$a$;$a$", "SELECT 1e$a$;$a$",
                "SELECT .5$a$;$a$", "SELECT 1$");
        single("SELECT 1.5e3", "SELECT 0x1F", "SELECT 1_000", "SELECT 1.$a$;$a$");
    }

    @Test
    void lineComments() {
        single("SELECT 1 -- ; SELECT 2", "SELECT 1 --", "SELECT 1 -- c\n", "SELECT 1 +-- ;\n 2",
                "SELECT 'a'--';\n");
        notSingle("SELECT 1 -- c\n; SELECT 2", "SELECT 1 - - 1; SELECT 2");
    }

    @Test
    void blockCommentsNest() {
        single("SELECT 1 /* ; */", "SELECT 1 /* /* ; */ ; */", "SELECT 1 /* /* */ ; SELECT 2 */",
                "SELECT 2 */* ; */ 3", "SELECT 1 /*/ ; */ */", "SELECT 1 /* **/", "SELECT 1 /* ' */",
                "SELECT 1 /* $$ */", "SELECT 1 /* -- */ ;", "SELECT 1 /*/*/*/ ; */*/*/");
        notSingle("SELECT 1 /* */ ; SELECT 2 */", "SELECT 1 /* /* ; */",
                "SELECT 1 /*", "SELECT 1 /* *", "SELECT 1 /**/ ; SELECT 2", "SELECT 1 */ ; SELECT 2");
    }

    @Test
    void unterminatedConstructsAreNot() {
        notSingle("SELECT 'abc", "SELECT E'abc\\'", "SELECT E'\\", "SELECT 'a''", "SELECT \"abc",
                "SELECT \"a\"\"", "SELECT U&\"a", "SELECT U&'a", "SELECT B'01", "SELECT X'0F",
                "SELECT N'a", "SELECT $$abc", "SELECT $a$abc$b$", "SELECT $a$abc$a", "SELECT $a$abc$A$",
                "SELECT 1 /* abc", "SELECT 1 /* /* */", "SELECT 1; 'abc");
        notSingleWithoutScs("SELECT 'a\\'", "SELECT 'a\\");
    }

    @Test
    void anyCharSequenceIsRead() {
        assertTrue(SingleStatement.returnsRowsAlone(new StringBuilder("SELECT ';'"), true));
        assertTrue(SingleStatement.returnsRowsAlone(CharBuffer.wrap("xSELECT $$;$$").subSequence(1, 13), true));
        assertFalse(SingleStatement.returnsRowsAlone(CharBuffer.wrap("SELECT 1; SELECT 2"), true));
    }

    @Test
    void aMegabyteIsReadInLinearTime() {
        int size = 1 << 20;
        String tag = "t".repeat(100_000);
        // Each $...$ in the body has the delimiter's length but not its text: a search that
        // compared the delimiter at every position would take some 10^11 steps.
        String nearMiss = "$" + tag.substring(1) + "u";
        StringBuilder body = new StringBuilder();
        while (body.length() < size) {
            body.append(nearMiss);
        }
        String dollar = "SELECT $" + tag + "$" + body + "$" + tag + "$";
        String nested = "SELECT 1 " + "/*".repeat(size / 4) + "*/".repeat(size / 4);
        String unclosed = "SELECT 1 " + "/*".repeat(size / 4) + "*/".repeat(size / 4 - 1);
        String string = "SELECT '" + "x;".repeat(size / 2) + "'";
        String continued = "SELECT E'a'" + "\n '\\';'".repeat(size / 8);
        String blanks = "SELECT 'a'" + " ".repeat(size) + "-- x";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            single(dollar, nested, string, continued, blanks);
            notSingle(dollar + ";x", unclosed, string + ";x", continued + ";x");
        });
    }
}
