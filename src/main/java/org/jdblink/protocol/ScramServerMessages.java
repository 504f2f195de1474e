package org.jdblink.protocol;

import java.util.Base64;

/**
 * Reads the server's SCRAM messages as libpq's fe-auth-scram.c reads them, so that a
 * malformed one fails with libpq's text before the SCRAM library (whose texts differ, and
 * which throws unchecked exceptions for some inputs) sees it.
 */
final class ScramServerMessages {
    /** SCRAM-SHA-256's key and signature length. */
    private static final int KEY_LENGTH = 32;

    private ScramServerMessages() {}

    /** The parts of a server-first-message the client needs. */
    record ServerFirst(String nonce, byte[] salt, int iterations) {}

    /** libpq's checks on every SASL message from the server. */
    static void checkNotEmpty(String message) throws Authenticator.Failure {
        if (message.isEmpty()) {
            throw malformed("empty message");
        }
        if (message.indexOf('\0') >= 0) {
            throw malformed("length mismatch");
        }
    }

    static ServerFirst serverFirst(String message, String clientNonce) throws Authenticator.Failure {
        checkNotEmpty(message);
        Attributes in = new Attributes(message);
        String nonce = in.next('r');
        if (!nonce.startsWith(clientNonce)) {
            throw new Authenticator.Failure("invalid SCRAM response (nonce mismatch)");
        }
        byte[] salt = base64(in.next('s'));
        if (salt == null) {
            throw malformed("invalid salt");
        }
        int iterations = iterationCount(in.next('i'));
        if (iterations < 1) {
            throw malformed("invalid iteration count");
        }
        // libpq notes (but does not fail on) anything after the iteration count
        return new ServerFirst(nonce, salt, iterations);
    }

    /** Checks a server-final-message up to the signature comparison, which the library does. */
    static void serverFinal(String message) throws Authenticator.Failure {
        checkNotEmpty(message);
        Attributes in = new Attributes(message);
        if (message.charAt(0) == 'e') {
            throw new Authenticator.Failure("error received from server in SCRAM exchange: " + in.next('e'));
        }
        byte[] signature = base64(in.next('v'));
        if (signature == null || signature.length != KEY_LENGTH) {
            throw malformed("invalid server signature");
        }
    }

    /**
     * strtol into an int, as libpq does: leading blanks and a sign allowed, nothing after
     * the digits; 0 (refused by the caller) when it does not parse.
     */
    private static int iterationCount(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int digit = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                overflow = true;
            } else {
                value = value * 10 + digit;
            }
        }
        if (i == digitsStart || i != text.length()) {
            return 0;
        }
        // strtol saturates, and libpq stores its long in an int
        long parsed = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -value : value);
        return (int) parsed;
    }

    private static String withoutBlanks(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** pg_b64_decode: blanks are skipped; null when the text is not base64. */
    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(withoutBlanks(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Authenticator.Failure malformed(String what) {
        return new Authenticator.Failure("malformed SCRAM message (" + what + ")");
    }

    /** libpq's read_attr_value over "a=value,b=value". */
    private static final class Attributes {
        private final String text;
        private int at;

        Attributes(String text) {
            this.text = text;
        }

        String next(char attribute) throws Authenticator.Failure {
            if (at >= text.length() || text.charAt(at) != attribute) {
                throw malformed("attribute \"" + attribute + "\" expected");
            }
            if (at + 1 >= text.length() || text.charAt(at + 1) != '=') {
                throw malformed("expected character \"=\" for attribute \"" + attribute + "\"");
            }
            int begin = at + 2;
            int comma = text.indexOf(',', begin);
            int end = comma < 0 ? text.length() : comma;
            at = comma < 0 ? end : comma + 1;
            return text.substring(begin, end);
        }
    }
}
