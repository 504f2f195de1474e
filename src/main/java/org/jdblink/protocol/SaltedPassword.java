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
public final class SaltedPassword {
    /** Iterations between interrupt polls: some milliseconds of work. */
    private static final int POLL_EVERY = 4096;
    private static final String HMAC = "HmacSHA256";

    /** Java's HMAC, unless the bridge put the server's in its place ({@link #useHmacRounds}). */
    private static HmacRounds rounds = new JavaRounds();

    private SaltedPassword() {}

    /**
     * Where the iterations run from now on. Inside a backend the bridge gives the
     * server's own HMAC: Java's SHA-256, compiled without the optimizing compiler, runs
     * some times slower than OpenSSL's on the CPU's SHA instructions, and a SCRAM login
     * costs 4096 iterations or more.
     */
    public static void useHmacRounds(HmacRounds serverRounds) {
        rounds = serverRounds;
    }

    /**
     * @param password the password as SASLprep left it, UTF-8
     * @throws QueryInterruptedException when {@code interrupts} asks to stop
     */
    static byte[] compute(byte[] password, byte[] salt, int iterations, Interrupts interrupts) {
        // HMAC pads short keys with zero bytes, so the empty key (which SecretKeySpec
        // refuses) is the same key as a single zero byte
        byte[] key = password.length == 0 ? new byte[1] : password;
        Mac mac = mac(key);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int done = 1; done < iterations; done += POLL_EVERY) {
            if (done > 1 && interrupts.pending()) {
                throw new QueryInterruptedException();
            }
            rounds.run(key, u, result, Math.min(POLL_EVERY, iterations - done));
        }
        return result;
    }

    /** Java's HMAC (a class, not a method reference: see docs/jvm.md, "No lambdas on the first call's path"). */
    private static final class JavaRounds implements HmacRounds {
        @Override
        public void run(byte[] key, byte[] u, byte[] result, int count) {
            javaRounds(key, u, result, count);
        }
    }

    private static void javaRounds(byte[] key, byte[] u, byte[] result, int count) {
        Mac mac = mac(key);
        try {
            for (int i = 0; i < count; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 output fits its own length", e);
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }
}
