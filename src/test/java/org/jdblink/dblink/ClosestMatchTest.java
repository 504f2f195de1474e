package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosestMatchTest {
    private static final String LONGEST = "h".repeat(ClosestMatch.MAX_NAME_BYTES);

    @ParameterizedTest(name = "\"{0}\" to \"{1}\", limit {2}: {3}")
    @CsvSource({
        "host, host, 4, 0",
        "hots, hot, 4, 1",
        "hots, host, 4, 2",
        "kitten, sitting, 4, 3",
        "'', abcd, 4, 4",
        "password, passfile, 4, 4",
        // beyond the limit the answer is the limit plus one
        "zzzzzzzzzz, host, 4, 5",
        "kitten, sitting, 2, 3",
        "a, b, 0, 1",
        "same, same, 0, 0",
        // characters count, not bytes
        "hôst, host, 4, 1",
        "ho😀st, host, 4, 1",
    })
    void distanceCountsEditsUpToTheLimitPlusOne(String a, String b, int max, int expected) {
        assertEquals(expected, ClosestMatch.distanceAtMost(a.codePoints().toArray(), b.codePoints().toArray(), max));
    }

    /** {@code candidates} separated by spaces, offered in that order; "none": no match. */
    @ParameterizedTest(name = "\"{0}\" among [{1}] in {2}: {3}")
    @CsvSource(nullValues = "none", value = {
        "hots, hostaddr host port, UTF-8, host",
        // equally close: the first offered stays
        "pxrt, port part, UTF-8, port",
        "pxrt, part port, UTF-8, part",
        // a later, closer candidate replaces an earlier one (3 edits, then 1)
        "hostadr, host hostaddr, UTF-8, hostaddr",
        "hostadr, host hostess, UTF-8, host",
        // within 4 edits and half the source's length
        "password, passfile, UTF-8, passfile",
        "user, host, UTF-8, none",
        "dbnam, dbname, UTF-8, dbname",
        "zzzzzzzzzz, host port, UTF-8, none",
        "hst, host2, UTF-8, none",
        "hst, host, UTF-8, host",
        "x, y, UTF-8, none",
        // half the length in bytes of the database encoding: 4 in UTF-8, 2 in LATIN1
        "éé, ab, UTF-8, ab",
        "éé, ab, ISO-8859-1, none",
    })
    void theClosestCandidateWithinTheLimitsWins(String source, String candidates, String encoding, String expected) {
        assertEquals(expected, closest(source, Charset.forName(encoding), candidates.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "an empty source, '', a, ",
        "an empty candidate, host, '', ",
        "a source over 255 bytes, hLONGEST, LONGEST, ",
        "255 bytes, LONGEST, LONGEST-1, LONGEST-1",
        "128 two-byte characters, é*128, é*127, ",
    })
    void emptyAndOverlongNamesAreNotCompared(String what, String source, String candidate, String expected) {
        assertEquals(expand(expected), closest(expand(source), StandardCharsets.UTF_8, expand(candidate)));
    }

    private static String closest(String source, Charset encoding, String... candidates) {
        ClosestMatch match = new ClosestMatch(source, 4, encoding);
        Arrays.stream(candidates).forEach(match::consider);
        return match.match();
    }

    /** LONGEST, LONGEST-1 (one character less), c*n (c n times), anything else as it is. */
    private static String expand(String spec) {
        if (spec == null) {
            return null;
        }
        if (spec.endsWith("LONGEST")) {
            return spec.substring(0, spec.length() - "LONGEST".length()) + LONGEST;
        }
        if (spec.equals("LONGEST-1")) {
            return LONGEST.substring(1);
        }
        int star = spec.indexOf('*');
        return star < 0 ? spec : spec.substring(0, star).repeat(Integer.parseInt(spec.substring(star + 1)));
    }
}
