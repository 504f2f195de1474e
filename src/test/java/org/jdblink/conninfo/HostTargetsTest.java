package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expansion of host / hostaddr / port lists into the targets libpq tries, in order. */
class HostTargetsTest {
    private static final String SOCKET_DIR = "/var/run/postgresql";

    private static List<HostTarget> targets(String conninfo, Map<String, String> env) throws ConnInfoException {
        return ConnInfoResolver.resolve(conninfo, MapEnvironment.golden(env)).targets();
    }

    private static List<HostTarget> targets(String conninfo) throws ConnInfoException {
        return targets(conninfo, Map.of());
    }

    @Test
    void noHostMeansTheDefaultSocketDirectory() throws ConnInfoException {
        assertEquals(List.of(new HostTarget(SOCKET_DIR, null, 5432, true)), targets(""));
        assertEquals(List.of(new HostTarget(SOCKET_DIR, null, 5432, true)), targets("host='' port=''"));
        assertEquals(SOCKET_DIR + "/.s.PGSQL.5432", targets("").get(0).socketPath());
    }

    @Test
    void emptyListEntriesGetDefaults() throws ConnInfoException {
        assertEquals(List.of(
                new HostTarget("/a", null, 1, true),
                new HostTarget(SOCKET_DIR, null, 2, true),
                new HostTarget("/c", null, 3, true)), targets("host=/a,,/c port=1,2,3"));
        assertEquals(List.of(
                new HostTarget("/a", null, 1, true),
                new HostTarget("/b", null, 5432, true)), targets("host=/a,/b port=1,"));
    }

    @Test
    void oneNumberIsTheEveryHostsPort() throws ConnInfoException {
        assertEquals(List.of(
                new HostTarget("h1", null, 7, false),
                new HostTarget("h2", null, 7, false)), targets("host=h1,h2 port=7"));
    }

    @Test
    void hostaddrDecidesTheSlotsAndOverridesSocketDetection() throws ConnInfoException {
        assertEquals(List.of(
                new HostTarget(null, "127.0.0.1", 1, false),
                new HostTarget("/a", "127.0.0.2", 1, false)),
                targets("host=,/a hostaddr=127.0.0.1,127.0.0.2 port=1"));
        assertEquals(List.of(
                new HostTarget("/a", null, 5432, true),
                new HostTarget("/b", "127.0.0.1", 5432, false)),
                targets("host=/a,/b hostaddr=,127.0.0.1"));
        assertEquals(List.of(new HostTarget(null, "::1", 5432, false)), targets("hostaddr=::1"));
    }

    @Test
    void abstractNamespaceSocket() throws ConnInfoException {
        HostTarget target = targets("host=@abstract port=5").get(0);
        assertEquals(new HostTarget("@abstract", null, 5, true), target);
        assertEquals("@abstract/.s.PGSQL.5", target.socketPath());
    }

    @Test
    void portsAllowSurroundingSpaceAndSign() throws ConnInfoException {
        assertEquals(12, targets("host=/a port=' 12 '").get(0).port());
        assertEquals(12, targets("host=/a port=+12").get(0).port());
        assertEquals(65535, targets("host=/a port=65535").get(0).port());
    }

    @Test
    void uriHostsAndPorts() throws ConnInfoException {
        assertEquals(List.of(
                new HostTarget("::1", null, 5, false),
                new HostTarget("h2", null, 5432, false),
                new HostTarget("/tmp", null, 6, true)),
                targets("postgresql://[::1]:5,h2,%2Ftmp:6/db"));
    }

    @Test
    void listsFromEnvironment() throws ConnInfoException {
        assertEquals(List.of(
                new HostTarget("/e1", null, 8, true),
                new HostTarget("e2", null, 9, false)),
                targets("", Map.of("PGHOST", "/e1,e2", "PGPORT", "8,9")));
    }
}
