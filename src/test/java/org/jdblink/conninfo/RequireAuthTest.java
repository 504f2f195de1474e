package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jdblink.conninfo.RequireAuth.Mechanism;
import org.jdblink.conninfo.RequireAuth.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * require_auth as libpq 16 and 18 read it (texts observed with C dblink 17 and 18, whose
 * libpq reports them as the DETAIL of "could not establish connection").
 */
class RequireAuthTest {
    private static final HostVersion PG16 = new HostVersion(160000);
    private static final HostVersion PG18 = new HostVersion(180000);
    private static final Set<Request> SASL = EnumSet.of(Request.SASL, Request.SASL_CONTINUE, Request.SASL_FINAL);

    private static Set<Request> allowed(RequireAuth r) {
        Set<Request> out = EnumSet.noneOf(Request.class);
        for (Request request : Request.values()) {
            if (r.allows(request)) {
                out.add(request);
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo|invalid require_auth value: \"foo\"",
        "password,foo|invalid require_auth value: \"foo\"",
        "!foo|invalid require_auth value: \"foo\"",
        "!!password|invalid require_auth value: \"!password\"",
        "','|invalid require_auth value: \"\"",
        "!|invalid require_auth value: \"\"",
        "password,|invalid require_auth value: \"\"",
        "PASSWORD|invalid require_auth value: \"PASSWORD\"",
        "' password'|invalid require_auth value: \" password\"",
        "scram-sha-256,!md5|negative require_auth method \"!md5\" cannot be mixed with non-negative methods",
        "!md5,md5|require_auth method \"md5\" cannot be mixed with negative methods",
        "!none,!none|require_auth method \"!none\" is specified more than once",
        "none,none|require_auth method \"none\" is specified more than once",
        "md5,md5|require_auth method \"md5\" is specified more than once",
        "!md5,!md5|require_auth method \"!md5\" is specified more than once",
        "gss,sspi,gss|require_auth method \"gss\" is specified more than once",
        "scram-sha-256,scram-sha-256|require_auth method \"scram-sha-256\" is specified more than once",
        "!scram-sha-256,!scram-sha-256|require_auth method \"!scram-sha-256\" is specified more than once",
    })
    void refusedWithLibpqsText(String value, String text) {
        for (HostVersion libpq : new HostVersion[] {PG16, PG18}) {
            ConnInfoException e = assertThrows(ConnInfoException.class, () -> RequireAuth.parse(value, libpq));
            assertEquals(text, e.getMessage());
        }
    }

    @Test
    void oauthIsAMethodFrom18() throws ConnInfoException {
        ConnInfoException e = assertThrows(ConnInfoException.class, () -> RequireAuth.parse("oauth", PG16));
        assertEquals("invalid require_auth value: \"oauth\"", e.getMessage());
        RequireAuth oauth = RequireAuth.parse("oauth", PG18);
        assertEquals(SASL, allowed(oauth));
        assertTrue(oauth.allows(Mechanism.OAUTH));
        assertFalse(oauth.allows(Mechanism.SCRAM_SHA_256));
        e = assertThrows(ConnInfoException.class, () -> RequireAuth.parse("oauth,oauth", PG18));
        assertEquals("require_auth method \"oauth\" is specified more than once", e.getMessage());
    }

    @Test
    void unsetChecksNothing() throws ConnInfoException {
        RequireAuth unset = RequireAuth.parse(null, PG18);
        assertFalse(unset.isSet());
        assertNull(unset.text());
        assertFalse(unset.requiresAuthentication());
        assertEquals(EnumSet.allOf(Request.class), allowed(unset));
    }

    /** An empty value is set but allows nothing: libpq then refuses whatever the server asks. */
    @Test
    void emptyAllowsNothingButNoAuthentication() throws ConnInfoException {
        for (HostVersion libpq : new HostVersion[] {PG16, PG18}) {
            RequireAuth empty = RequireAuth.parse("", libpq);
            assertTrue(empty.isSet());
            assertEquals("", empty.text());
            assertFalse(empty.requiresAuthentication());
            assertEquals(EnumSet.noneOf(Request.class), allowed(empty));
        }
    }

    @Test
    void plainListsAllowOnlyTheirRequests() throws ConnInfoException {
        RequireAuth r = RequireAuth.parse("password,md5", PG16);
        assertEquals(EnumSet.of(Request.PASSWORD, Request.MD5), allowed(r));
        assertTrue(r.requiresAuthentication());
        assertEquals("password,md5", r.text());
        assertEquals(EnumSet.of(Request.GSS, Request.GSS_CONTINUE, Request.SSPI), allowed(RequireAuth.parse("gss,sspi", PG16)));
        RequireAuth none = RequireAuth.parse("md5,none", PG16);
        assertFalse(none.requiresAuthentication());
    }

    @Test
    void negatedListsAllowAllButTheirRequests() throws ConnInfoException {
        RequireAuth r = RequireAuth.parse("!password,!gss", PG16);
        assertFalse(r.requiresAuthentication());
        Set<Request> expected = EnumSet.allOf(Request.class);
        expected.removeAll(EnumSet.of(Request.PASSWORD, Request.GSS, Request.GSS_CONTINUE));
        assertEquals(expected, allowed(r));
        assertTrue(RequireAuth.parse("!none", PG16).requiresAuthentication());
    }

    /** Before 18 SCRAM is the SASL requests; from 18 a mechanism, the requests allowed while any is. */
    @Test
    void scramIsTheSaslRequestsBefore18AndAMechanismFrom18() throws ConnInfoException {
        assertEquals(SASL, allowed(RequireAuth.parse("scram-sha-256", PG16)));
        assertTrue(RequireAuth.parse("scram-sha-256", PG16).allows(Mechanism.SCRAM_SHA_256));
        assertFalse(allowed(RequireAuth.parse("!scram-sha-256", PG16)).contains(Request.SASL));

        RequireAuth scram18 = RequireAuth.parse("scram-sha-256", PG18);
        assertEquals(SASL, allowed(scram18));
        assertTrue(scram18.allows(Mechanism.SCRAM_SHA_256));
        assertFalse(scram18.allows(Mechanism.OAUTH));
        RequireAuth notScram18 = RequireAuth.parse("!scram-sha-256", PG18);
        assertTrue(allowed(notScram18).containsAll(SASL));
        assertFalse(notScram18.allows(Mechanism.SCRAM_SHA_256));
        assertTrue(notScram18.allows(Mechanism.OAUTH));
        RequireAuth noSasl18 = RequireAuth.parse("!scram-sha-256,!oauth", PG18);
        assertFalse(allowed(noSasl18).contains(Request.SASL));
        assertFalse(allowed(RequireAuth.parse("md5", PG18)).contains(Request.SASL));
    }

    @Test
    void anOptionOfLibpq16AndLater() throws ConnInfoException {
        MapEnvironment env = MapEnvironment.golden(Map.of());
        ConnInfoException e = assertThrows(ConnInfoException.class, () -> ConnInfoResolver.resolve("require_auth=md5", env));
        assertEquals("invalid connection option \"require_auth\"", e.getMessage());
        assertEquals("md5", ConnInfoResolver.resolve("require_auth=md5", env, PG16).get("require_auth"));
        e = assertThrows(ConnInfoException.class, () -> ConnInfoResolver.resolve("require_auth=bogus", env, PG16));
        assertEquals("invalid require_auth value: \"bogus\"", e.getMessage());
    }

    @Test
    void environmentVariableIsReadFrom16() throws ConnInfoException {
        MapEnvironment env = MapEnvironment.golden(Map.of("PGREQUIREAUTH", "!password"));
        assertEquals("!password", ConnInfoResolver.resolve("", env, PG16).get("require_auth"));
        assertNull(ConnInfoResolver.resolve("", env).get("require_auth"));
    }

    /** connectOptions2 reads require_auth before channel_binding. */
    @Test
    void checkedBeforeChannelBinding() {
        ConnInfoException e = assertThrows(ConnInfoException.class,
                () -> ConnInfoResolver.resolve("channel_binding=bogus require_auth=bogus", MapEnvironment.golden(Map.of()), PG16));
        assertEquals("invalid require_auth value: \"bogus\"", e.getMessage());
    }
}
