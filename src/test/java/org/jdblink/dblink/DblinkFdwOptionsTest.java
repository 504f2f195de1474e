package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdblink.conninfo.HostVersion;
import org.junit.jupiter.api.Test;

class DblinkFdwOptionsTest {
    @Test
    void credentialsBelongInUserMappingsEverythingElseOnServers() {
        assertTrue(DblinkFdwOptions.isValid("user", FdwOptionContext.USER_MAPPING));
        assertTrue(DblinkFdwOptions.isValid("sslpassword", FdwOptionContext.USER_MAPPING));
        assertFalse(DblinkFdwOptions.isValid("password", FdwOptionContext.SERVER));
        assertTrue(DblinkFdwOptions.isValid("host", FdwOptionContext.SERVER));
        assertFalse(DblinkFdwOptions.isValid("host", FdwOptionContext.USER_MAPPING));
        assertFalse(DblinkFdwOptions.isValid("client_encoding", FdwOptionContext.SERVER));
        assertFalse(DblinkFdwOptions.isValid("replication", FdwOptionContext.SERVER));
        assertFalse(DblinkFdwOptions.isValid("dbname", FdwOptionContext.OTHER));
    }

    @Test
    void invalidOptionNamesTheValidOnes() {
        DblinkException e = assertThrows(DblinkException.class,
                () -> DblinkFdwOptions.validate(List.of("user", "dbname"), FdwOptionContext.USER_MAPPING, HostVersion.PG15));
        assertEquals(new ServerMessage("HV00J", "invalid option \"dbname\"", null,
                "Valid options in this context are: user, password, sslpassword", null), e.report());
        e = assertThrows(DblinkException.class,
                () -> DblinkFdwOptions.validate(List.of("x"), FdwOptionContext.OTHER, HostVersion.PG15));
        assertEquals("There are no valid options in this context.", e.report().hint());
    }

    @Test
    void connectionStringQuotesAndSkipsMisplacedOptions() {
        String connstr = DblinkFdwOptions.connectionString(List.of(
                new FdwOption(FdwOptionContext.SERVER, "application_name", "it's a \\ test"),
                new FdwOption(FdwOptionContext.SERVER, "user", "skipped"),
                new FdwOption(FdwOptionContext.SERVER, "fetch_size", "100"),
                new FdwOption(FdwOptionContext.USER_MAPPING, "password", "p'w")));
        assertEquals("application_name='it\\'s a \\\\ test' password='p\\'w' ", connstr);
    }
}
