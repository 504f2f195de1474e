package org.jdblink.bridge;

import java.nio.charset.StandardCharsets;

/** Text crosses JNI as UTF-8 byte arrays (C converts from/to the database encoding). */
final class Utf8 {
    private Utf8() {}

    static String decode(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] encode(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
