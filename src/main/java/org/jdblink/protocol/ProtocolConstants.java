package org.jdblink.protocol;

/**
 * The numbers of protocol v3 that this client speaks, named as PostgreSQL's "Message
 * Formats" documentation names them. Backend and frontend types are kept apart because
 * one letter can name different messages in the two directions (a frontend 'D' is
 * Describe, a backend 'D' DataRow).
 */
final class ProtocolConstants {
    private ProtocolConstants() {}

    /** Type bytes of the messages the server sends. */
    static final class Backend {
        private Backend() {}

        /** Every AuthenticationXXX message; its first int32 is an {@link Auth} code. */
        static final char AUTHENTICATION = 'R';
        static final char BACKEND_KEY_DATA = 'K';
        static final char COMMAND_COMPLETE = 'C';
        static final char COPY_DATA = 'd';
        static final char COPY_DONE = 'c';
        static final char COPY_IN_RESPONSE = 'G';
        static final char COPY_OUT_RESPONSE = 'H';
        static final char COPY_BOTH_RESPONSE = 'W';
        static final char DATA_ROW = 'D';
        static final char EMPTY_QUERY_RESPONSE = 'I';
        static final char ERROR_RESPONSE = 'E';
        static final char FUNCTION_CALL_RESPONSE = 'V';
        static final char NEGOTIATE_PROTOCOL_VERSION = 'v';
        static final char NOTICE_RESPONSE = 'N';
        static final char NOTIFICATION_RESPONSE = 'A';
        /** Describe of a statement that returns no rows (extended protocol). */
        static final char NO_DATA = 'n';
        static final char BIND_COMPLETE = '2';
        static final char CLOSE_COMPLETE = '3';
        static final char PARAMETER_DESCRIPTION = 't';
        static final char PARSE_COMPLETE = '1';
        static final char PARAMETER_STATUS = 'S';
        static final char READY_FOR_QUERY = 'Z';
        static final char ROW_DESCRIPTION = 'T';
    }

    /** Type bytes of the messages this client sends. */
    static final class Frontend {
        private Frontend() {}

        /** Bind, Execute and Flush: a described statement run with chosen result formats. */
        static final char BIND = 'B';
        static final char CLOSE = 'C';
        static final char EXECUTE = 'E';
        static final char FLUSH = 'H';
        /** CopyFail; the only COPY message sent (to refuse a COPY FROM STDIN). */
        static final char COPY_FAIL = 'f';
        /** Describe ('S': a prepared statement), extended protocol. */
        static final char DESCRIBE = 'D';
        static final char PARSE = 'P';
        /** PasswordMessage, SASLInitialResponse and SASLResponse share this type. */
        static final char PASSWORD_MESSAGE = 'p';
        static final char QUERY = 'Q';
        static final char SYNC = 'S';
        static final char TERMINATE = 'X';
    }

    /** The codes in the first word of untyped frontend messages (SSLRequest, CancelRequest; StartupMessage's is a ProtocolVersions number). */
    static final class Untyped {
        private Untyped() {}

        static final int SSL_REQUEST_CODE = 80877103;
        static final int CANCEL_REQUEST_CODE = 80877102;
        /** The single-byte answer to SSLRequest: the server will do TLS. */
        static final char SSL_WILLING = 'S';
        /** The single-byte answer to SSLRequest: the server does not do TLS. */
        static final char SSL_UNWILLING = 'N';
    }

    /** The transaction status byte of ReadyForQuery. */
    static final class TransactionIndicator {
        private TransactionIndicator() {}

        static final char IDLE = 'I';
        static final char IN_TRANSACTION = 'T';
        static final char FAILED_TRANSACTION = 'E';
    }

    /** The codes of the Authentication message ({@link Backend#AUTHENTICATION}). */
    static final class Auth {
        private Auth() {}

        static final int OK = 0;
        static final int KERBEROS_V5 = 2;
        static final int CLEARTEXT_PASSWORD = 3;
        static final int MD5_PASSWORD = 5;
        static final int GSS = 7;
        static final int GSS_CONTINUE = 8;
        static final int SSPI = 9;
        static final int SASL = 10;
        static final int SASL_CONTINUE = 11;
        static final int SASL_FINAL = 12;
    }
}
