package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.conninfo.LibpqOption;
import org.jdblink.conninfo.LibpqOptions;
import org.junit.jupiter.api.Test;

class DblinkFdwOptionsTest {
    private static final HostVersion PG16 = new HostVersion(160011);
    private static final HostVersion PG17 = new HostVersion(170008);
    private static final HostVersion PG18 = new HostVersion(180002);
    /** libpq 15's options and some that libpq 18 adds, with their display characters. */
    private static final List<LibpqOption> WITH_18_OPTIONS = with18Options();

    private static List<LibpqOption> with18Options() {
        List<LibpqOption> options = new ArrayList<>(LibpqOptions.all());
        options.add(new LibpqOption("require_auth", "PGREQUIREAUTH", null, ""));
        options.add(new LibpqOption("scram_client_key", null, null, "D"));
        options.add(new LibpqOption("oauth_issuer", null, null, ""));
        options.add(new LibpqOption("oauth_client_secret", null, null, "*"));
        return options;
    }

    private static DblinkFdwOptions on(HostVersion host) {
        return new DblinkFdwOptions(host, LibpqOptions.all(), StandardCharsets.UTF_8);
    }

    /** The HINT of the error for the first invalid option of {@code names}. */
    private static String hint(DblinkFdwOptions rules, FdwOptionContext context, String... names) {
        DblinkException e = assertThrows(DblinkException.class, () -> rules.validate(List.of(names), context));
        assertEquals(SqlStates.FDW_INVALID_OPTION_NAME, e.report().sqlstate());
        return e.report().hint();
    }

    @Test
    void credentialsBelongInUserMappingsEverythingElseOnServers() {
        DblinkFdwOptions rules = on(HostVersion.PG15);
        assertTrue(rules.isValid("user", FdwOptionContext.USER_MAPPING));
        assertTrue(rules.isValid("sslpassword", FdwOptionContext.USER_MAPPING));
        assertFalse(rules.isValid("password", FdwOptionContext.SERVER));
        assertTrue(rules.isValid("host", FdwOptionContext.SERVER));
        assertFalse(rules.isValid("host", FdwOptionContext.USER_MAPPING));
        assertFalse(rules.isValid("client_encoding", FdwOptionContext.SERVER));
        assertFalse(rules.isValid("replication", FdwOptionContext.SERVER));
        assertFalse(rules.isValid("dbname", FdwOptionContext.OTHER));
    }

    @Test
    void upTo15TheHintNamesEveryValidOption() {
        DblinkException e = assertThrows(DblinkException.class,
                () -> on(HostVersion.PG15).validate(List.of("user", "dbname"), FdwOptionContext.USER_MAPPING));
        assertEquals(new ServerMessage("HV00J", "invalid option \"dbname\"", null,
                "Valid options in this context are: user, password, sslpassword", null), e.report());
        assertEquals("Valid options in this context are: service, passfile, channel_binding, connect_timeout, dbname, host, "
                + "hostaddr, port, options, application_name, fallback_application_name, keepalives, keepalives_idle, "
                + "keepalives_interval, keepalives_count, tcp_user_timeout, sslmode, sslcompression, sslcert, sslkey, "
                + "sslrootcert, sslcrl, sslcrldir, sslsni, requirepeer, ssl_min_protocol_version, ssl_max_protocol_version, "
                + "gssencmode, krbsrvname, gsslib, target_session_attrs",
                hint(on(HostVersion.PG15), FdwOptionContext.SERVER, "hots"));
        assertEquals("There are no valid options in this context.", hint(on(HostVersion.PG15), FdwOptionContext.OTHER, "x"));
    }

    @Test
    void from16TheHintIsTheClosestValidOptionIfAny() {
        for (HostVersion host : List.of(PG16, PG17, PG18)) {
            DblinkFdwOptions rules = on(host);
            assertEquals("Perhaps you meant the option \"host\".", hint(rules, FdwOptionContext.SERVER, "hots"));
            assertEquals("Perhaps you meant the option \"passfile\".", hint(rules, FdwOptionContext.SERVER, "password"));
            assertEquals("Perhaps you meant the option \"password\".", hint(rules, FdwOptionContext.USER_MAPPING, "passwd"));
            assertNull(hint(rules, FdwOptionContext.SERVER, "zzzzzzzzzz"));
            assertNull(hint(rules, FdwOptionContext.SERVER, "user"));
            assertNull(hint(rules, FdwOptionContext.SERVER, "replication"));
            assertNull(hint(rules, FdwOptionContext.SERVER, "client_encoding"));
            assertNull(hint(rules, FdwOptionContext.USER_MAPPING, "host"));
            assertNull(hint(rules, FdwOptionContext.SERVER, "DBNAME"));
            assertEquals("There are no valid options in this context.", hint(rules, FdwOptionContext.OTHER, "host"));
        }
    }

    @Test
    void from18OauthOptionsAreNeitherValidNorSuggested() {
        DblinkFdwOptions on17 = new DblinkFdwOptions(PG17, WITH_18_OPTIONS, StandardCharsets.UTF_8);
        DblinkFdwOptions on18 = new DblinkFdwOptions(PG18, WITH_18_OPTIONS, StandardCharsets.UTF_8);
        assertTrue(on17.isValid("oauth_issuer", FdwOptionContext.SERVER));
        assertTrue(on17.isValid("oauth_client_secret", FdwOptionContext.USER_MAPPING));
        assertFalse(on18.isValid("oauth_issuer", FdwOptionContext.SERVER));
        assertFalse(on18.isValid("oauth_client_secret", FdwOptionContext.USER_MAPPING));
        assertTrue(on18.isValid("require_auth", FdwOptionContext.SERVER));
        assertFalse(on18.isValid("scram_client_key", FdwOptionContext.SERVER));
        assertEquals("Perhaps you meant the option \"oauth_client_secret\".",
                hint(on17, FdwOptionContext.USER_MAPPING, "oauth_client_secre"));
        assertNull(hint(on18, FdwOptionContext.USER_MAPPING, "oauth_client_secre"));
        assertNull(hint(on18, FdwOptionContext.SERVER, "oauth_issuer"));
        assertEquals("Perhaps you meant the option \"require_auth\".", hint(on18, FdwOptionContext.SERVER, "requireauth"));
    }

    @Test
    void connectionStringQuotesAndSkipsMisplacedOptions() {
        String connstr = on(HostVersion.PG15).connectionString(List.of(
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
        assertEquals("", new DblinkFdwOptions(HostVersion.PG15, LibpqOptions.all(), StandardCharsets.UTF_8)
                .connectionString(options));
        assertEquals("require_auth='scram-sha-256' ",
                new DblinkFdwOptions(PG18, WITH_18_OPTIONS, StandardCharsets.UTF_8).connectionString(options));
    }
}
