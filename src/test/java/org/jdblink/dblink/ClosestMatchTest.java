package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestMatchTest {
    private static String closest(String source, List<String> candidates) {
        return closest(source, candidates, StandardCharsets.UTF_8);
    }

    private static String closest(String source, List<String> candidates, Charset encoding) {
        ClosestMatch match = new ClosestMatch(source, 4, encoding);
        candidates.forEach(match::consider);
        return match.match();
    }

    private static int distance(String a, String b, int max) {
        return ClosestMatch.distanceAtMost(a.codePoints().toArray(), b.codePoints().toArray(), max);
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, distance("host", "host", 4));
        assertEquals(1, distance("hots", "hot", 4));
        assertEquals(2, distance("hots", "host", 4));
        assertEquals(1, distance("passwd", "passwdx", 4));
        assertEquals(3, distance("kitten", "sitting", 4));
        assertEquals(4, distance("", "abcd", 4));
        assertEquals(4, distance("password", "passfile", 4));
    }

    @Test
    void distanceBeyondTheLimitIsTheLimitPlusOne() {
        assertEquals(5, distance("zzzzzzzzzz", "host", 4));
        assertEquals(3, distance("kitten", "sitting", 2));
        assertEquals(1, distance("a", "b", 0));
        assertEquals(0, distance("same", "same", 0));
    }

    @Test
    void distanceCountsCharactersNotBytes() {
        assertEquals(1, distance("hôst", "host", 4));
        assertEquals(1, distance("ho😀st", "host", 4));
    }

    @Test
    void theClosestCandidateWinsAndTheFirstOfEquallyCloseOnes() {
        assertEquals("host", closest("hots", List.of("hostaddr", "host", "port")));
        assertEquals("port", closest("pxrt", List.of("port", "part")));
        assertEquals("part", closest("pxrt", List.of("part", "port")));
        // a later, closer candidate replaces an earlier one (3 edits, then 1)
        assertEquals("hostaddr", closest("hostadr", List.of("host", "hostaddr")));
        assertEquals("host", closest("hostadr", List.of("host", "hostess")));
    }

    @Test
    void aMatchMustBeWithinFourAndHalfTheSourceLength() {
        assertEquals("passfile", closest("password", List.of("passfile")));
        // "user" is 4 long: at most 2 edits, and "host" needs 4
        assertNull(closest("user", List.of("host")));
        assertEquals("dbname", closest("dbnam", List.of("dbname")));
        // 10 long, but "host" is more than 4 edits away
        assertNull(closest("zzzzzzzzzz", List.of("host", "port")));
        // half of 3 is 1: one edit is the most that counts
        assertNull(closest("hst", List.of("host2")));
        assertEquals("host", closest("hst", List.of("host")));
        // a one-character source never matches (half of 1 is 0) unless it is the candidate
        assertNull(closest("x", List.of("y")));
    }

    @Test
    void halfTheSourceLengthIsMeasuredInBytesOfTheDatabaseEncoding() {
        // "éé" is 2 characters, 4 bytes in UTF-8: 2 edits are allowed; 2 bytes in LATIN1: 1 edit
        assertEquals("ab", closest("éé", List.of("ab")));
        assertNull(closest("éé", List.of("ab"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void emptyAndOverlongNamesAreNotCompared() {
        assertNull(closest("", List.of("", "a")));
        assertNull(closest("host", List.of("")));
        String longSource = "h".repeat(ClosestMatch.MAX_NAME_BYTES + 1);
        assertNull(closest(longSource, List.of(longSource.substring(1))));
        String longest = "h".repeat(ClosestMatch.MAX_NAME_BYTES);
        assertEquals(longest.substring(1), closest(longest, List.of(longest.substring(1))));
        // 128 two-byte characters are 256 bytes: too long, though only 128 characters
        assertNull(closest("é".repeat(128), List.of("é".repeat(127))));
    }
}
