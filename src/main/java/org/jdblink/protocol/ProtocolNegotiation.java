package org.jdblink.protocol;

import java.nio.charset.StandardCharsets;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.LibpqChange;
import org.jdblink.conninfo.ProtocolVersions;

/**
 * The protocol version of one connection attempt, from the startup message to
 * BackendKeyData, with libpq 18's checks and texts
 * ({@link LibpqChange#PROTOCOL_VERSION_NEGOTIATION}). jdblink's messages are the same in
 * 3.0 and 3.2; only the cancel key's length differs.
 */
final class ProtocolNegotiation {
    /** What libpq 18 prefixes to every complaint about a NegotiateProtocolVersion message. */
    private static final String INVALID = "received invalid protocol negotiation message: ";
    /** The prefix of every protocol extension's name. */
    private static final String EXTENSION_PREFIX = "_pq_.";
    private static final int MIN_KEY_BYTES = 4;
    private static final int MAX_KEY_BYTES = 256;

    private final boolean libpq18;
    private final ProtocolVersions range;
    private int version;
    private boolean negotiated;

    ProtocolNegotiation(ConnectionSettings settings) {
        this.libpq18 = LibpqChange.PROTOCOL_VERSION_NEGOTIATION.in(settings.libpq());
        this.range = ProtocolVersions.of(settings);
        this.version = range.max();
    }

    /** The version the startup message asks for. */
    int requested() {
        return range.max();
    }

    /**
     * A NegotiateProtocolVersion message: the server's newest version and the protocol
     * extensions it does not know. jdblink asks for no extension, so any is an error.
     */
    void negotiate(MessageReader r) throws Connector.AttemptFailed {
        if (!libpq18) {
            return;
        }
        if (negotiated) {
            throw new Connector.AttemptFailed("received duplicate protocol negotiation message");
        }
        try {
            int theirs = r.int32();
            int unsupported = r.int32();
            if (theirs > version) {
                throw invalid("server requested downgrade to a higher-numbered version");
            }
            if (theirs < ProtocolVersions.V3_0) {
                throw invalid("server requested downgrade to pre-3.0 protocol version");
            }
            if (theirs == (3 << 16 | 1)) {
                throw invalid("server requested downgrade to non-existent 3.1 protocol version");
            }
            if (unsupported < 0) {
                throw invalid("server reported negative number of unsupported parameters");
            }
            if (theirs == version && unsupported == 0) {
                throw invalid("server negotiated but asks for no changes");
            }
            if (theirs < range.min()) {
                throw new Connector.AttemptFailed("server only supports protocol version " + ProtocolVersions.name(theirs)
                        + ", but \"min_protocol_version\" was set to " + ProtocolVersions.name(range.min()));
            }
            version = theirs;
            if (unsupported > 0) {
                String name = r.cstring(StandardCharsets.UTF_8);
                throw invalid(name.startsWith(EXTENSION_PREFIX)
                        ? "server reported an unsupported parameter that was not requested (\"" + name + "\")"
                        : "server reported unsupported parameter name without a \"" + EXTENSION_PREFIX + "\" prefix (\""
                                + name + "\")");
            }
        } catch (ProtocolViolation tooShort) {
            throw invalid("message too short");
        }
        negotiated = true;
    }

    /** BackendKeyData after its process ID: the secret a CancelRequest sends back. */
    byte[] cancelKey(MessageReader r) throws Connector.AttemptFailed, ProtocolViolation {
        if (!libpq18) {
            int secret = r.int32();
            return new byte[] {(byte) (secret >>> 24), (byte) (secret >>> 16), (byte) (secret >>> 8), (byte) secret};
        }
        int length = r.remaining();
        String problem = null;
        if (length != MIN_KEY_BYTES && version == ProtocolVersions.V3_0) {
            problem = " not allowed in protocol version 3.0 (must be 4 bytes)";
        } else if (length < MIN_KEY_BYTES) {
            problem = " is too short (minimum 4 bytes)";
        } else if (length > MAX_KEY_BYTES) {
            problem = " is too long (maximum 256 bytes)";
        }
        if (problem != null) {
            throw new Connector.AttemptFailed("received invalid BackendKeyData message: cancel key with length " + length
                    + problem);
        }
        return r.bytes(length);
    }

    private static Connector.AttemptFailed invalid(String why) {
        return new Connector.AttemptFailed(INVALID + why);
    }
}
