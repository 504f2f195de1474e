package org.jdblink.protocol;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM's SaltedPassword, Hi(password, salt, i) of RFC 5802 (PBKDF2 with HMAC-SHA-256),
 * computed here rather than by the SCRAM library so that it can be interrupted: the
 * server chooses the iteration count, libpq accepts any, and a hostile server asking for
 * 10^9 iterations would otherwise hold the backend for minutes, deaf to cancel and
 * terminate.
 */
final class SaltedPassword {
    /** Iterations between interrupt polls: some milliseconds of work. */
    private static final int POLL_EVERY = 4096;
    private static final String HMAC = "HmacSHA256";

    private SaltedPassword() {}

    /**
     * @param password the password as SASLprep left it, UTF-8
     * @throws QueryInterruptedException when {@code interrupts} asks to stop
     */
    static byte[] compute(byte[] password, byte[] salt, int iterations, Interrupts interrupts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // HMAC pads short keys with zero bytes, so the empty key (which SecretKeySpec
            // refuses) is the same key as a single zero byte
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, HMAC));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                if (i % POLL_EVERY == 0 && interrupts.pending()) {
                    throw new QueryInterruptedException();
                }
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }
}
