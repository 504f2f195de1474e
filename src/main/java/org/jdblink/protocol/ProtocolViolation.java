package org.jdblink.protocol;

/**
 * The server sent something the protocol does not allow: the one exception the message
 * decoder throws. The message is libpq's text for the same input, and {@link #scope()}
 * says how much of the conversation libpq gives up for it.
 */
public final class ProtocolViolation extends PgIOException {
    private static final long serialVersionUID = 1L;

    /** What libpq abandons after a violation. */
    public enum Scope {
        /** The message boundaries can no longer be trusted: the connection is closed (handleSyncLoss). */
        CONNECTION,
        /**
         * The current result fails: the rest of its rows and its CommandComplete are
         * dropped, the connection stays usable (libpq's "advance_and_error").
         */
        RESULT,
        /** This message becomes an error result at once; what follows is read afresh. */
        MESSAGE
    }

    private final Scope scope;

    private ProtocolViolation(String libpqMessage, Scope scope) {
        super(libpqMessage);
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    /** A length word no message of that type may have (libpq's handleSyncLoss). */
    static ProtocolViolation syncLoss(char type, int length) {
        return new ProtocolViolation("lost synchronization with server: got message type \"" + type + "\", length " + length, Scope.CONNECTION);
    }

    /** A length the input buffer cannot hold (libpq's pqCheckInBufferSpace, then handleSyncLoss with the body length). */
    static ProtocolViolation cannotBuffer(char type, int bodyLength) {
        return new ProtocolViolation("cannot allocate memory for input buffer\n"
                + syncLoss(type, bodyLength).getMessage(), Scope.CONNECTION);
    }

    /** A field runs past the end of a RowDescription, DataRow or ParameterDescription. */
    static ProtocolViolation insufficientData(char type) {
        return new ProtocolViolation("insufficient data in \"" + type + "\" message", Scope.RESULT);
    }

    /** The body was not read exactly to its end. */
    static ProtocolViolation lengthDisagrees(char type) {
        return new ProtocolViolation("message contents do not agree with length in message type \"" + type + "\"", Scope.MESSAGE);
    }

    /** A DataRow whose column count is not the RowDescription's. */
    static ProtocolViolation unexpectedFieldCount() {
        return new ProtocolViolation("unexpected field count in \"D\" message", Scope.RESULT);
    }

    /** A DataRow outside a tuples result. */
    static ProtocolViolation dataWithoutDescription() {
        return new ProtocolViolation("server sent data (\"D\" message) without prior row description (\"T\" message)", Scope.RESULT);
    }

    /** A message type the protocol does not have here. */
    static ProtocolViolation unexpectedType(char type) {
        return new ProtocolViolation("unexpected response from server; first received character was \"" + type + "\"", Scope.MESSAGE);
    }
}
