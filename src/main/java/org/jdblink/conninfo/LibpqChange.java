package org.jdblink.conninfo;

/**
 * What jdblink's libpq (this package and org.jdblink.protocol) does differently from one
 * PostgreSQL release to the next: on host N jdblink behaves like C dblink N with libpq N,
 * and every place that differs asks the one change here that decides it. Observed on the
 * real builds (docs/versions-observed.md, and the golden files of the conninfo tests,
 * written by each release's libpq).
 *
 * <p>The options a release adds are not listed: {@link LibpqOptions} marks each with its
 * release, and an option's checks and effects apply wherever it exists.
 */
public enum LibpqChange {
    /**
     * 16: {@code sslrootcert=system} means the system's trusted roots (for jdblink, the
     * Java runtime's default trust store). It makes the default sslmode verify-full and
     * refuses any other ("weak sslmode … may not be used with sslrootcert=system"), and the
     * message for a missing root certificate file names it as a third way out.
     */
    SYSTEM_ROOT_CERTIFICATES(16),
    /**
     * 16: a libpq built without GSSAPI, as the reference builds of 16, 17 and 18 are
     * (gssencmode defaults to disable; gssencmode=require is refused before connecting).
     * jdblink has no GSSAPI on any release; on 15 it keeps 1.0's behaviour, that of
     * Debian's GSSAPI-enabled libpq 15 without credentials (docs/differences.md).
     */
    WITHOUT_GSSAPI(16),
    /**
     * 16: dblink connects with libpq's non-blocking PQconnectStart/PQconnectPoll
     * (libpqsrv_connect), which never read connect_timeout: an invalid value is no error.
     * This is dblink's change, not libpq's; jdblink still ends the wait after a valid
     * connect_timeout (docs/differences.md).
     */
    CONNECT_TIMEOUT_UNCHECKED(16),
    /**
     * 18: protocol 3.2. The startup message asks for max_protocol_version's version (3.0
     * unless it or min_protocol_version asks for more); the server's
     * NegotiateProtocolVersion is checked and followed down to min_protocol_version; the
     * cancel key in BackendKeyData has 4 bytes in 3.0 and 4 to 256 in 3.2. Before 18 a
     * NegotiateProtocolVersion is not surfaced and the key is read as 4 bytes (jdblink 1.0).
     */
    PROTOCOL_VERSION_NEGOTIATION(18),
    /** 17: the option name in "invalid "ssl_min_protocol_version" value" is quoted. */
    SSL_PROTOCOL_VERSION_NAME_QUOTED(17),
    /**
     * 18: a URI's parts may not contain a space (percent-encode it); spaces around a part
     * are dropped.
     */
    URI_SPACES_REFUSED(18);

    private final int major;

    LibpqChange(int major) {
        this.major = major;
    }

    /** Whether libpq (and dblink) of {@code host}'s release have this change. */
    public boolean in(HostVersion host) {
        return host.atLeast(major);
    }
}
