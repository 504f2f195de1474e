package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.conninfo.NumericAddress;
import org.jdblink.protocol.TargetNotAllowedException;
import org.jdblink.protocol.TargetPolicy;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {
    private static InetSocketAddress at(String literal, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), port);
    }

    @Test
    void emptyAllowsEverything() {
        assertSame(TargetPolicy.ANY, AllowedHosts.parse(" "));
    }

    @Test
    void rangesAndPorts() throws Exception {
        TargetPolicy p = AllowedHosts.parse("10.0.0.0/8:5432, [fd00::/8]");
        HostTarget t = new HostTarget("x", null, 5432, false);
        assertDoesNotThrow(() -> p.check(t, at("10.9.8.7", 5432)));
        assertThrows(TargetNotAllowedException.class, () -> p.check(t, at("10.9.8.7", 5433)));
        assertThrows(TargetNotAllowedException.class, () -> p.check(t, at("169.254.169.254", 5432)));
        assertDoesNotThrow(() -> p.check(t, at("fd12::1", 1)));
    }

    @Test
    void namesOnlyWithoutHostaddr() throws Exception {
        TargetPolicy p = AllowedHosts.parse("DB.example");
        assertDoesNotThrow(() -> p.check(new HostTarget("db.example", null, 5432, false), at("192.0.2.1", 5432)));
        assertThrows(TargetNotAllowedException.class,
                () -> p.check(new HostTarget("db.example", "192.0.2.1", 5432, false), at("192.0.2.1", 5432)));
    }

    @Test
    void socketDirectories() {
        TargetPolicy p = AllowedHosts.parse("/tmp/sock/");
        HostTarget t = new HostTarget("/tmp/sock", null, 5432, true);
        assertDoesNotThrow(() -> p.check(t, UnixDomainSocketAddress.of(t.socketPath())));
        HostTarget other = new HostTarget("/var/run/postgresql", null, 5432, true);
        TargetNotAllowedException e = assertThrows(TargetNotAllowedException.class,
                () -> p.check(other, UnixDomainSocketAddress.of(other.socketPath())));
        assertEquals("connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" is not allowed",
                AllowedHosts.refusal(e).report().message());
    }

    /** The address checked is the one jdblink dials, read from the host as libpq reads it. */
    private static InetSocketAddress dialled(String host, int port) {
        return new InetSocketAddress(NumericAddress.parse(host), port);
    }

    @Test
    void numericHostsAreCheckedAsTheAddressDialled() {
        TargetPolicy loopback = AllowedHosts.parse("127.0.0.1");
        HostTarget octal = new HostTarget("0177.0.0.1", null, 5432, false);
        assertDoesNotThrow(() -> loopback.check(octal, dialled("0177.0.0.1", 5432)));
        HostTarget octalOther = new HostTarget("0177.0.0.2", null, 5432, false);
        TargetPolicy exact = AllowedHosts.parse("127.0.0.1/32");
        TargetNotAllowedException e = assertThrows(TargetNotAllowedException.class,
                () -> exact.check(octalOther, dialled("0177.0.0.2", 5432)));
        assertEquals("connection to server at \"0177.0.0.2\" (127.0.0.2), port 5432 is not allowed",
                AllowedHosts.refusal(e).report().message());
        // 0177.0.0.1 is never 177.0.0.1: a list naming that public address refuses it
        TargetPolicy decimalReading = AllowedHosts.parse("177.0.0.1");
        assertThrows(TargetNotAllowedException.class, () -> decimalReading.check(octal, dialled("0177.0.0.1", 5432)));
    }

    @Test
    void entriesAreReadAsConnectionStringsReadAddresses() {
        TargetPolicy p = AllowedHosts.parse("010.0.0.0/8, 0x7f.1");
        HostTarget t = new HostTarget("x", null, 5432, false);
        assertDoesNotThrow(() -> p.check(t, dialled("8.1.2.3", 5432)));
        assertThrows(TargetNotAllowedException.class, () -> p.check(t, dialled("10.1.2.3", 5432)));
        assertDoesNotThrow(() -> p.check(t, dialled("127.0.0.1", 5432)));
        assertThrows(DblinkException.class, () -> AllowedHosts.parse("08.0.0.1"));
    }

    @Test
    void mappedAddressesAreTheirIpv4Address() {
        HostTarget t = new HostTarget("x", null, 5432, false);
        TargetPolicy ipv4 = AllowedHosts.parse("127.0.0.0/8");
        assertDoesNotThrow(() -> ipv4.check(t, dialled("::ffff:127.0.0.1", 5432)));
        assertThrows(TargetNotAllowedException.class, () -> ipv4.check(t, dialled("::ffff:10.0.0.1", 5432)));
        TargetPolicy mapped = AllowedHosts.parse("[::ffff:127.0.0.0/104]");
        assertDoesNotThrow(() -> mapped.check(t, dialled("127.0.0.1", 5432)));
        assertThrows(TargetNotAllowedException.class, () -> mapped.check(t, dialled("128.0.0.1", 5432)));
    }

    @Test
    void invalidEntriesAreErrors() {
        DblinkException e = assertThrows(DblinkException.class, () -> AllowedHosts.parse("10.0.0.1:99999"));
        assertEquals("22023", e.report().sqlstate());
        assertThrows(DblinkException.class, () -> AllowedHosts.parse("[::1"));
        assertThrows(DblinkException.class, () -> AllowedHosts.parse("1.2.3.4/40"));
    }
}
