package org.jdblink.bridge;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jdblink.protocol.QueryText;

/**
 * How text crosses JNI. Normally UTF-8: C converts from and to the database encoding with
 * the server's own routines. A SQL_ASCII database has no encoding to convert from, so C
 * passes its bytes unchanged and they are read here as ISO-8859-1, which maps every byte
 * to one char and back: the bytes reach the remote exactly as given (the remote
 * connection's client_encoding is SQL_ASCII too), as they do with C dblink.
 */
final class BackendText {
    private static Charset charset = StandardCharsets.UTF_8;

    private BackendText() {}

    /** Called once at start with GetDatabaseEncodingName(). */
    static void useDatabaseEncoding(String encoding) {
        charset = "SQL_ASCII".equals(encoding) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    static String decode(byte[] bytes) {
        return bytes == null ? null : new String(bytes, charset);
    }

    /**
     * A SQL argument, which C passes as a direct buffer over its own bytes (converted as
     * above): decoded when small, else kept as bytes that never become a String (see
     * {@link QueryText}). Valid during the SQL call only.
     */
    static QueryText sql(ByteBuffer bytes) {
        return QueryText.of(bytes, charset);
    }

    static byte[] encode(String text) {
        return text == null ? null : text.getBytes(charset);
    }
}
