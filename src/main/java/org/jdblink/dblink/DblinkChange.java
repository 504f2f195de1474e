package org.jdblink.dblink;

import org.jdblink.conninfo.HostVersion;

/**
 * What C dblink does differently from one PostgreSQL release to the next, as far as
 * jdblink's dblink layer shows it: jdblink on host N behaves like C dblink N, and every
 * place that differs asks the one change here that decides it. Observed on the real builds
 * (docs/versions-observed.md): 15.20, 16.11, 17.8, 18.2. Each change came with a major
 * release; the minor-release changes seen in 15.20 are not modelled, for the reasons below.
 *
 * <p>Not listed, on purpose:
 * <ul>
 * <li>15.20's allow-list of connection options ({@code permission denied to set connection
 *     option}, 42501). It lists every option libpq 15 knows, so on a 15 host it never
 *     refuses anything; 16.11, 17.8 and 18.2 do not have it at all. 17.12's headers
 *     declare it but its list (compiled into the server) is unknown, so a later 17 host
 *     is treated like 17.8.</li>
 * <li>15.20's refusal of a connection still busy with the rows of another call
 *     ({@code connection "…" is already in use}, 55006), e.g. a dblink_exec from a domain
 *     check while dblink() stores its rows. 16.11, 17.8 and 18.2 to 18.4 (read in its
 *     source) do not have it: the inner call fails with libpq's "another command is
 *     already in progress", as jdblink's does while the outer call's rows still arrive
 *     (a result jdblink has read whole before the check runs lets the inner call through,
 *     on every host). On a 15.20 host the 55006 error is a difference jdblink still has;
 *     which 15 minor brought it is not known.</li>
 * </ul>
 */
public enum DblinkChange {
    /**
     * 16: non-superusers may also connect with delegated GSSAPI credentials, and both
     * credential checks say so: "password or GSSAPI delegated credentials required" with
     * new DETAIL and HINT texts, instead of "password is required".
     */
    CREDENTIAL_CHECKS_NAME_GSSAPI(16),
    /**
     * 16: the check after connecting wants a password that the connection string itself
     * gave, not only one the server asked for.
     */
    SECURITY_CHECK_WANTS_GIVEN_PASSWORD(16),
    /**
     * 16: dblink_fdw_validator's HINT for an invalid option is the closest valid one
     * ("Perhaps you meant …"), or nothing, instead of the list of all valid ones.
     */
    VALIDATOR_SUGGESTS_CLOSEST_OPTION(16),
    /**
     * 17: dblink_cancel_query uses libpq's new cancel API (libpqsrv_cancel): a 30 s
     * deadline, an interruptible wait, and libpq's connection texts instead of PQcancel's.
     */
    CANCEL_WITH_DEADLINE(17),
    /**
     * 18: dblink_fdw's own option use_scram_passthrough (valid everywhere, any value): a
     * client that logged in with SCRAM connects with the keys of that login ({@link ScramPassthrough}).
     */
    SCRAM_PASSTHROUGH(18),
    /** 18: libpq's oauth_* options are not options of dblink_fdw servers or user mappings. */
    OAUTH_OPTIONS_EXCLUDED(18),
    /** 18: GUC names in HINTs are quoted ("Raise the server's \"max_files_per_process\" …"). */
    SETTING_NAMES_QUOTED(18);

    /** The first major release with the change. */
    private final int major;

    DblinkChange(int major) {
        this.major = major;
    }

    /** Whether C dblink of {@code host}'s release has this change. */
    public boolean in(HostVersion host) {
        return host.atLeast(major);
    }
}
