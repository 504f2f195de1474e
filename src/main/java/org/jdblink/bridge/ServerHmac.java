package org.jdblink.bridge;

import org.jdblink.protocol.HmacRounds;

/**
 * SCRAM's HMAC rounds on the server's own HMAC-SHA-256 (pg_hmac: OpenSSL's where
 * PostgreSQL was built with it), in bridge/scram.c.
 */
final class ServerHmac implements HmacRounds {
    @Override
    public void run(byte[] key, byte[] u, byte[] result, int count) {
        rounds0(key, u, result, count);
    }

    private static native void rounds0(byte[] key, byte[] u, byte[] result, int count);
}
