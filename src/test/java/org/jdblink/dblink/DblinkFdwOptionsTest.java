package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.conninfo.LibpqOption;
import org.jdblink.conninfo.LibpqOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dblink_fdw's option rules per host release. "libpq 18" below is libpq 15's option list
 * with some that libpq 18 adds, with their display characters; the real per-version lists
 * are {@link LibpqOptions#all(HostVersion)}'s.
 */
class DblinkFdwOptionsTest {
    private static final String SERVER_OPTIONS_15 = "service, passfile, channel_binding, connect_timeout, dbname, host, "
            + "hostaddr, port, options, application_name, fallback_application_name, keepalives, keepalives_idle, "
            + "keepalives_interval, keepalives_count, tcp_user_timeout, sslmode, sslcompression, sslcert, sslkey, "
            + "sslrootcert, sslcrl, sslcrldir, sslsni, requirepeer, ssl_min_protocol_version, ssl_max_protocol_version, "
            + "gssencmode, krbsrvname, gsslib, target_session_attrs";

    private static List<LibpqOption> libpq18() {
        List<LibpqOption> options = new ArrayList<>(LibpqOptions.all(HostVersion.PG15));
        options.add(new LibpqOption("require_auth", "PGREQUIREAUTH", null, "", 16));
        options.add(new LibpqOption("scram_client_key", null, null, "D", 18));
        options.add(new LibpqOption("oauth_issuer", null, null, "", 18));
        options.add(new LibpqOption("oauth_client_secret", null, null, "*", 18));
        return options;
    }

    /** The rules of a host of {@code major} (its first observed minor) with libpq 15's options, or libpq 18's. */
    private static DblinkFdwOptions rules(int major, boolean libpq18) {
        HostVersion host = new HostVersion(switch (major) {
            case 15 -> 150020;
            case 16 -> 160011;
            case 17 -> 170008;
            default -> 180002;
        });
        return new DblinkFdwOptions(host, libpq18 ? libpq18() : LibpqOptions.all(HostVersion.PG15), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} on {2} of {3} (libpq 18: {4}): {1}")
    @CsvSource({
        "true, user, USER_MAPPING, 15, false",
        "true, sslpassword, USER_MAPPING, 15, false",
        "false, password, SERVER, 15, false",
        "true, host, SERVER, 15, false",
        "false, host, USER_MAPPING, 15, false",
        "false, client_encoding, SERVER, 18, false",
        "false, replication, SERVER, 15, false",
        "false, dbname, OTHER, 15, false",
        "true, oauth_issuer, SERVER, 17, true",
        "true, oauth_client_secret, USER_MAPPING, 17, true",
        "false, oauth_issuer, SERVER, 18, true",
        "false, oauth_client_secret, USER_MAPPING, 18, true",
        "true, require_auth, SERVER, 18, true",
        "false, scram_client_key, SERVER, 18, true",
    })
    void credentialsInUserMappingsTheRestOnServersNoDebugOptionsNoOauthFrom18(boolean valid, String name,
            FdwOptionContext context, int major, boolean libpq18) {
        assertEquals(valid, rules(major, libpq18).isValid(name, context));
    }

    @Test
    void upTo15TheErrorNamesEveryValidOption() {
        DblinkException e = assertThrows(DblinkException.class,
                () -> rules(15, false).validate(List.of("user", "dbname"), FdwOptionContext.USER_MAPPING));
        assertEquals(new ServerMessage("HV00J", "invalid option \"dbname\"", null,
                "Valid options in this context are: user, password, sslpassword", null), e.report());
    }

    /** The HINT for the invalid option {@code name}; "none": no HINT line. */
    @ParameterizedTest(name = "{0} on {1} of {2} (libpq 18: {3}): {4}")
    @CsvSource(nullValues = "none", value = {
        "hots, SERVER, 15, false, 'Valid options in this context are: " + SERVER_OPTIONS_15 + "'",
        "x, OTHER, 15, false, There are no valid options in this context.",
        "hots, SERVER, 16, false, Perhaps you meant the option \"host\".",
        "password, SERVER, 17, false, Perhaps you meant the option \"passfile\".",
        "passwd, USER_MAPPING, 18, false, Perhaps you meant the option \"password\".",
        "zzzzzzzzzz, SERVER, 16, false, none",
        "user, SERVER, 17, false, none",
        "replication, SERVER, 18, false, none",
        "client_encoding, SERVER, 16, false, none",
        "host, USER_MAPPING, 17, false, none",
        "DBNAME, SERVER, 18, false, none",
        "host, OTHER, 16, false, There are no valid options in this context.",
        "host, OTHER, 18, true, There are no valid options in this context.",
        "oauth_client_secre, USER_MAPPING, 17, true, Perhaps you meant the option \"oauth_client_secret\".",
        "oauth_client_secre, USER_MAPPING, 18, true, none",
        "oauth_issuer, SERVER, 18, true, none",
        "requireauth, SERVER, 18, true, Perhaps you meant the option \"require_auth\".",
    })
    void theHintOfAnInvalidOption(String name, FdwOptionContext context, int major, boolean libpq18, String hint) {
        DblinkException e = assertThrows(DblinkException.class, () -> rules(major, libpq18).validate(List.of(name), context));
        assertEquals(new ServerMessage("HV00J", "invalid option \"" + name + "\"", null, hint, null), e.report());
    }

    @Test
    void connectionStringQuotesAndSkipsMisplacedOptions() {
        String connstr = rules(15, false).connectionString(List.of(
                new FdwOption(FdwOptionContext.SERVER, "application_name", "it's a \\ test"),
                new FdwOption(FdwOptionContext.SERVER, "user", "skipped"),
                new FdwOption(FdwOptionContext.SERVER, "fetch_size", "100"),
                new FdwOption(FdwOptionContext.USER_MAPPING, "password", "p'w")));
        assertEquals("application_name='it\\'s a \\\\ test' password='p\\'w' ", connstr);
    }

    @Test
    void connectionStringTakesTheHostsOptions() {
        List<FdwOption> options = List.of(new FdwOption(FdwOptionContext.SERVER, "require_auth", "scram-sha-256"),
                new FdwOption(FdwOptionContext.SERVER, "oauth_issuer", "x"));
        assertEquals("", rules(15, false).connectionString(options));
        assertEquals("require_auth='scram-sha-256' ", rules(18, true).connectionString(options));
    }
}
