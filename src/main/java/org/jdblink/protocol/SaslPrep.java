package org.jdblink.protocol;

import com.ongres.scram.common.StringPreparation;
import java.nio.charset.StandardCharsets;

/**
 * The password as SCRAM hashes it, prepared as libpq's pg_saslprep does: a pure ASCII
 * password exactly as given (libpq does not look further, so even control characters,
 * which SASLprep would refuse, stay), any other normalized with SASLprep, or as given
 * where SASLprep refuses it. The ASCII case, nearly every password, also spares the
 * backend the Unicode tables of the SCRAM library, whose methods are large enough that
 * compiling them held megabytes of the backend's memory.
 */
final class SaslPrep {
    private SaslPrep() {}

    /** The prepared password, UTF-8. */
    static byte[] prepare(String password) {
        for (int i = 0; i < password.length(); i++) {
            if (password.charAt(i) >= 0x80) {
                return new String(StringPreparation.POSTGRESQL_PREPARATION.normalize(password.toCharArray()))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return password.getBytes(StandardCharsets.US_ASCII);
    }
}
