package org.jdblink.protocol;

/**
 * The inner loop of SCRAM's Hi(): {@code count} more rounds of U = HMAC-SHA-256(key, U),
 * each U xor-ed into {@code result}. {@code u} and {@code result} are 32 bytes and are
 * updated in place. A call must be short (some milliseconds): interrupts are polled
 * between calls, not during one.
 */
public interface HmacRounds {
    void run(byte[] key, byte[] u, byte[] result, int count);
}
