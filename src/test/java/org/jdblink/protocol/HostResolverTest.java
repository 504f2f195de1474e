package org.jdblink.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdblink.conninfo.HostTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which address a host or hostaddr leads to. Nothing here connects: the policy refuses
 * every address after recording it, and the names tried are never sent to a resolver.
 */
class HostResolverTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    @Test
    void numericHostsAreReadAsLibpqReadsThem() throws UnknownHostException {
        for (String host : new String[] {"0177.0.0.1", "0x7f.1", "127.1", "2130706433", "0x7F.0.0.01"}) {
            InetAddress[] found = HostResolver.lookup(host);
            assertEquals(1, found.length, host);
            assertArrayEquals(LOOPBACK, found[0].getAddress(), host);
        }
    }

    @Test
    void hostaddrIsNumericOnly() throws UnknownHostException {
        assertArrayEquals(LOOPBACK, HostResolver.numeric("0177.0.0.1").getAddress());
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> HostResolver.numeric("localhost"));
        assertEquals("Name or service not known", e.getMessage());
    }

    /** glibc refuses these as numbers; Java would read them as literals of its own (8.0.0.1, ::1). */
    @ParameterizedTest
    @ValueSource(strings = {"08.0.0.1", "127.0.0.08", "1.2.3.4.5", "256.1.1.1", "[::1]", "::1%lo", "::01.2.3.4", "1:2:3:4::5:6:7:8"})
    void malformedNumbersAreNeverJavaLiterals(String host) {
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> HostResolver.lookup(host));
        assertEquals("Name or service not known", e.getMessage());
    }

    /** What the connection policy sees is the address that would be dialled. */
    @Test
    void thePolicySeesTheDialledAddress() {
        List<SocketAddress> seen = new ArrayList<>();
        TargetPolicy refuseAll = (target, address) -> {
            seen.add(address);
            throw new TargetNotAllowedException(target, address);
        };
        HostTarget octal = new HostTarget("0177.0.0.1", null, 5432, false);
        TargetNotAllowedException e = assertThrows(TargetNotAllowedException.class,
                () -> PgConnection.connect(Settings.of(Map.of(), octal), Interrupts.NONE, refuseAll));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432)), seen);
        assertEquals("server at \"0177.0.0.1\" (127.0.0.1), port 5432", e.getMessage());
        assertTrue(seen.stream().noneMatch(a -> ((InetSocketAddress) a).getAddress().getAddress()[0] == (byte) 177));
    }

    @Test
    void failuresReadAsLibpqs() {
        PgConnectException byAddress = assertThrows(PgConnectException.class, () -> PgConnection.connect(
                Settings.of(Map.of(), new HostTarget(null, "localhost", 5432, false)), Interrupts.NONE));
        assertEquals("could not parse network address \"localhost\": Name or service not known", byAddress.getMessage());
        PgConnectException byName = assertThrows(PgConnectException.class, () -> PgConnection.connect(
                Settings.of(Map.of(), new HostTarget("::1%lo", null, 5432, false)), Interrupts.NONE));
        assertEquals("could not translate host name \"::1%lo\" to address: Name or service not known", byName.getMessage());
    }
}
