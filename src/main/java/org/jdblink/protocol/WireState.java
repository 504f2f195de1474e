package org.jdblink.protocol;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLSession;
import org.jdblink.conninfo.HostTarget;

/**
 * What one connection knows of its wire to the server, shared by startup
 * ({@link Connector}, {@link Authenticator}) and query processing ({@link PgConnection}):
 * the transport, the framing of messages in both directions, the parameters the server
 * reported and the keys a CancelRequest needs. Not a dblink session (that is
 * {@code DblinkSession}): one of these exists per connection attempt.
 */
final class WireState {
    /** libpq's text for an unexpected end of the server's stream. */
    static final String SERVER_CLOSED = "server closed the connection unexpectedly\n"
            + "\tThis probably means the server terminated abnormally\n"
            + "\tbefore or while processing the request.";

    final Transport transport;
    final MessageReader reader = new MessageReader();
    /** The body of a framed message too large to buffer (a DataRow or CopyData), while it is unread. */
    final StreamedBody streamedBody = new StreamedBody(reader);
    final MessageWriter writer = new MessageWriter();
    final CancelTarget cancelTarget;
    /** How the transport's waits are reported: what for, and for how long. */
    final SocketWaits waits;
    private final Map<String, String> parameters = new HashMap<>();
    private Charset charset;
    private boolean wideColumns;
    int backendPid;
    /** BackendKeyData's secret: 4 bytes, or (protocol 3.2) 4 to 256; zeros until it arrives. */
    byte[] cancelKey = new byte[4];
    boolean passwordUsed;
    /** Whether the transport is TLS (sslmode prefer/allow decide retries on it). */
    final boolean encrypted;
    /** What the TLS handshake learnt of the server's certificate request; null without TLS. */
    CertificateRequest certificateRequest;
    /** What the connection has done; its transport counts the bytes. */
    final ConnectionActivity activity;
    /** Where the connection was made (the target that succeeded); null until it is. */
    HostTarget target;
    /** The database and user asked for in the startup packet (PQdb, PQuser). */
    String dbname;
    String user;

    WireState(Transport transport, boolean encrypted, CancelTarget cancelTarget, SocketWaits waits, Charset initialCharset,
            ConnectionActivity activity) {
        this.transport = transport;
        this.encrypted = encrypted;
        this.cancelTarget = cancelTarget;
        this.waits = waits;
        this.activity = activity;
        setCharset(initialCharset);
    }

    /** The TLS session, or null without TLS. */
    SSLSession tlsSession() {
        return transport instanceof TlsTransport tls ? tls.session() : null;
    }

    /**
     * Waits up to {@code waitMillis} for one complete message. A streamed body the caller
     * left unread is skipped first (one chunk per call: false until it is gone). A message
     * framed by its header alone ({@link MessageReader#streamed()}) leaves its body in
     * {@link #streamedBody}.
     *
     * @return true when a message is framed in {@link #reader}
     * @throws PgIOException when the server closed the connection or the read failed
     */
    boolean receive(int waitMillis) throws PgIOException {
        if (streamedBody.pending() && !streamedBody.skip(transport, waitMillis)) {
            return false;
        }
        if (frameNext()) {
            return true;
        }
        return reader.fillOrFail(transport, waitMillis) > 0 && frameNext();
    }

    private boolean frameNext() throws PgIOException {
        if (!reader.nextBuffered()) {
            return false;
        }
        if (reader.streamed()) {
            streamedBody.begin(reader.bodyLength());
        }
        return true;
    }

    /** Records a ParameterStatus body; client_encoding switches the charset. */
    void takeParameterStatus() throws PgIOException {
        String name = reader.cstring(charset);
        String value = reader.cstring(charset);
        parameters.put(name, value);
        if (name.equals("client_encoding")) {
            setCharset(PgCharsets.forEncoding(value));
        }
    }

    /** Parses an ErrorResponse/NoticeResponse body. */
    PgError takeErrorFields() throws PgIOException {
        Map<Character, String> fields = new HashMap<>();
        for (int code = reader.byte1(); code != 0; code = reader.byte1()) {
            fields.put((char) code, reader.cstring(charset));
        }
        return new PgError(fields);
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    Charset charset() {
        return charset;
    }

    boolean wideColumns() {
        return wideColumns;
    }

    private void setCharset(Charset cs) {
        charset = cs;
        wideColumns = !PgCharsets.isSingleByte(cs);
    }
}
