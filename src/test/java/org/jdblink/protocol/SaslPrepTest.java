package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The password bytes SCRAM hashes, as libpq's pg_saslprep leaves them. */
class SaslPrepTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void asciiIsKeptAsItIsEvenWhereSaslPrepWouldRefuseIt() {
        assertArrayEquals(utf8("auth_scram_pw"), SaslPrep.prepare("auth_scram_pw"));
        assertArrayEquals(utf8(""), SaslPrep.prepare(""));
        // a control character is prohibited output of SASLprep, but libpq never looks at ASCII
        assertArrayEquals(utf8("pass\u0007word\u007f"), SaslPrep.prepare("pass\u0007word\u007f"));
    }

    @Test
    void otherPasswordsAreNormalized() {
        // soft hyphen is mapped to nothing, no-break space to a space, "ﬁ" (NFKC) to "fi"
        assertArrayEquals(utf8("IX"), SaslPrep.prepare("I\u00ADX"));
        assertArrayEquals(utf8("a b"), SaslPrep.prepare("a\u00A0b"));
        assertArrayEquals(utf8("fin"), SaslPrep.prepare("\uFB01n"));
    }

    @Test
    void passwordsSaslPrepRefusesAreKeptAsTheyAre() {
        // a right-to-left character followed by a left-to-right one breaks the bidi rule
        assertArrayEquals(utf8("\u05D0a"), SaslPrep.prepare("\u05D0a"));
        // an unassigned code point
        assertArrayEquals(utf8("\u0221x"), SaslPrep.prepare("\u0221x"));
    }
}
