package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numeric addresses read as glibc's getaddrinfo reads them (golden file written by the C
 * library itself, see golden/numeric-address-oracle.c) and written as libpq writes them.
 * Nothing here connects or looks anything up.
 */
class NumericAddressTest {
    static Stream<GoldenCase> golden() throws IOException {
        return GoldenCase.load("numeric-addresses.txt", HostVersion.PG15).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void readsAsGlibc(GoldenCase c) {
        assertEquals(expected(c.expected()), render(NumericAddress.parse(c.input())));
    }

    /**
     * The oracle's answer as jdblink can hold it: Java's scope ids are ints, so a larger
     * scope (glibc allows up to 2^32-1; no interface has such an index) becomes none.
     */
    private static String expected(String oracle) {
        int scopeAt = oracle.indexOf(" scope ");
        if (scopeAt >= 0 && Long.parseLong(oracle.substring(scopeAt + 7)) > Integer.MAX_VALUE) {
            return oracle.substring(0, scopeAt) + " scope 0";
        }
        return oracle;
    }

    private static String render(InetAddress a) {
        if (a == null) {
            return "ERR[Name or service not known]";
        }
        String hex = HexFormat.of().formatHex(a.getAddress());
        return a instanceof Inet4Address ? "inet " + hex : "inet6 " + hex + " scope " + ((Inet6Address) a).getScopeId();
    }

    @Test
    void theIssuesCases() {
        assertEquals("127.0.0.1", NumericAddress.text(NumericAddress.parse("0177.0.0.1")));
        assertEquals("127.0.0.1", NumericAddress.text(NumericAddress.parse("0x7f.1")));
        assertEquals("127.0.0.1", NumericAddress.text(NumericAddress.parse("2130706433")));
        assertNull(NumericAddress.parse("localhost"));
        assertNull(NumericAddress.parse("08.0.0.1"));
    }

    @Test
    void mappedAddressesStayIpv6() {
        InetAddress mapped = NumericAddress.parse("::ffff:127.0.0.1");
        assertEquals(Inet6Address.class, mapped.getClass());
        assertEquals("::ffff:127.0.0.1", NumericAddress.text(mapped));
    }

    /** Expected texts are PostgreSQL 15's inet output (the same inet_net_ntop libpq uses). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::1|::1",
        "::|::",
        "1:0:0:2:0:0:0:3|1:0:0:2::3",
        "1:0:0:2:0:0:3:4|1::2:0:0:3:4",
        "1:0:2:3:4:5:6:7|1:0:2:3:4:5:6:7",
        "0:0:1:0:0:0:0:0|0:0:1::",
        "1:2:3:4:5:6:7::|1:2:3:4:5:6:7:0",
        "FE80::ABCD|fe80::abcd",
        "fe80::1%1|fe80::1",
        "::ffff:1.2.3.4|::ffff:1.2.3.4",
        "::1.2.3.4|::1.2.3.4",
        "::0.0.0.1|::1",
        "::ffff:0:1|::ffff:0.0.0.1",
        "0:0:0:0:0:fffe:102:304|::fffe:102:304",
        "0001:0db8:0000:0000:0000:0000:0000:0001|1:db8::1",
        "::0.1.0.0|::0.1.0.0",
        "127.0.0.1|127.0.0.1",
        "0377.0.0.0|255.0.0.0",
    })
    void writesAsLibpq(String input, String text) {
        assertEquals(text, NumericAddress.text(NumericAddress.parse(input)));
    }
}
