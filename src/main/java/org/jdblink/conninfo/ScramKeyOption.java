package org.jdblink.conninfo;

import java.io.ByteArrayOutputStream;

/**
 * libpq 18's scram_client_key and scram_server_key: a SCRAM-SHA-256 ClientKey or ServerKey
 * (32 bytes) in base64, which the client authenticates with (and verifies the server
 * with) instead of a password. dblink passes a session's own keys on this way
 * (use_scram_passthrough). Read as connectOptions2 reads them, with its texts.
 */
public final class ScramKeyOption {
    /** SCRAM-SHA-256's key length (SCRAM_MAX_KEY_LEN). */
    public static final int KEY_LENGTH = 32;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private ScramKeyOption() {}

    /**
     * The key of a set option, or null when it is not set; {@code side} is "client" or
     * "server", as the texts name it.
     */
    public static byte[] decode(String value, String side) throws ConnInfoException {
        if (value == null) {
            return null;
        }
        byte[] key = pgBase64Decode(value);
        if (key == null) {
            throw new ConnInfoException("invalid SCRAM " + side + " key");
        }
        if (key.length != KEY_LENGTH) {
            throw new ConnInfoException("invalid SCRAM " + side + " key length: " + key.length);
        }
        return key;
    }

    /**
     * pg_b64_decode of src/common: stricter than java.util.Base64 (a blank is an error)
     * and laxer after padding ('=' only starts the end in the third or fourth place of a
     * group; later characters are decoded, each group giving as many bytes as the first
     * padded one). Null when the text is not base64 to it.
     */
    private static byte[] pgBase64Decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int position = 0;
        int end = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int bits;
            if (c == '=') {
                if (end == 0) {
                    if (position == 2) {
                        end = 1;
                    } else if (position == 3) {
                        end = 2;
                    } else {
                        return null;
                    }
                }
                bits = 0;
            } else {
                bits = ALPHABET.indexOf(c);
                if (bits < 0) {
                    return null;
                }
            }
            buffer = (buffer << 6) + bits;
            if (++position == 4) {
                out.write(buffer >> 16);
                if (end != 1) {
                    out.write(buffer >> 8);
                }
                if (end == 0) {
                    out.write(buffer);
                }
                buffer = 0;
                position = 0;
            }
        }
        return position == 0 ? out.toByteArray() : null;
    }
}
