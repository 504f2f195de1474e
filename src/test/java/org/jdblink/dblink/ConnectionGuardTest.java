package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.QueryText;
import org.junit.jupiter.api.Test;

/** dblink's credential checks, their texts and rules on hosts of each release. */
class ConnectionGuardTest {
    private static final List<HostVersion> FROM_16 = List.of(new HostVersion(160011), new HostVersion(170008),
            new HostVersion(180002));
    private static final ServerMessage NO_PASSWORD_15 = new ServerMessage("2F003", "password is required",
            "Non-superusers must provide a password in the connection string.", null, null);
    private static final ServerMessage NO_PASSWORD_16 = new ServerMessage("2F003",
            "password or GSSAPI delegated credentials required",
            "Non-superusers must provide a password in the connection string or send delegated GSSAPI credentials.", null,
            null);
    private static final ServerMessage NOT_ASKED_15 = new ServerMessage("2F003", "password is required",
            "Non-superuser cannot connect if the server does not request a password.",
            "Target server's authentication method must be changed.", null);
    private static final ServerMessage NOT_ASKED_16 = new ServerMessage("2F003",
            "password or GSSAPI delegated credentials required",
            "Non-superusers may only connect using credentials they provide, eg: password in connection string or "
                    + "delegated GSSAPI credentials",
            "Ensure provided credentials match target server's authentication method.", null);

    private static ConnectionGuard guard(HostVersion host, boolean superuser) {
        TestLocalBackend backend = new TestLocalBackend();
        backend.hostVersion = host;
        backend.superuser = superuser;
        return ConnectionGuard.forBackend(backend);
    }

    private static ServerMessage before(ConnectionGuard guard, String connstr) {
        return assertThrows(DblinkException.class, () -> guard.beforeConnect(connstr)).report();
    }

    private static ServerMessage after(ConnectionGuard guard, boolean passwordUsed, String connstr) {
        return assertThrows(DblinkException.class, () -> guard.afterConnect(passwordUsed, connstr)).report();
    }

    @Test
    void on15ANonSuperuserNeedsAPasswordInTheStringThatTheServerAskedFor() {
        ConnectionGuard guard = guard(HostVersion.PG15, false);
        assertEquals(NO_PASSWORD_15, before(guard, "dbname=x"));
        assertEquals(NO_PASSWORD_15, before(guard, "dbname=x password="));
        assertEquals(NO_PASSWORD_15, before(guard, "dbname"));
        assertDoesNotThrow(() -> guard.beforeConnect("dbname=x password=secret"));
        assertEquals(NOT_ASKED_15, after(guard, false, "dbname=x password=secret"));
        assertDoesNotThrow(() -> guard.afterConnect(true, "dbname=x password=secret"));
        // 15 does not look at the string again
        assertDoesNotThrow(() -> guard.afterConnect(true, "dbname=x"));
    }

    @Test
    void from16TheTextsNameDelegatedCredentialsAndThePasswordMustBeTheStringsOwn() {
        for (HostVersion host : FROM_16) {
            ConnectionGuard guard = guard(host, false);
            assertEquals(NO_PASSWORD_16, before(guard, "dbname=x"));
            assertDoesNotThrow(() -> guard.beforeConnect("dbname=x password=secret"));
            assertEquals(NOT_ASKED_16, after(guard, false, "dbname=x password=secret"));
            assertDoesNotThrow(() -> guard.afterConnect(true, "dbname=x password=secret"));
            assertEquals(NOT_ASKED_16, after(guard, true, "dbname=x"));
        }
    }

    @Test
    void superusersPassBothChecksOnEveryHost() {
        for (HostVersion host : List.of(HostVersion.PG15, new HostVersion(180002))) {
            ConnectionGuard guard = guard(host, true);
            assertDoesNotThrow(() -> guard.beforeConnect("dbname=x"));
            assertDoesNotThrow(() -> guard.afterConnect(false, "dbname=x"));
        }
    }

    @Test
    void aSessionChecksBeforeConnectingWithTheHostsTexts() {
        TestLocalBackend backend = new TestLocalBackend();
        backend.superuser = false;
        backend.hostVersion = new HostVersion(170008);
        DblinkSession session = new DblinkSession(backend);
        assertEquals(NO_PASSWORD_16,
                assertThrows(DblinkException.class, () -> session.connect("c", "dbname=x")).report());
        assertEquals(NO_PASSWORD_16, assertThrows(DblinkException.class,
                () -> session.exec("dbname=x", QueryText.of("select 1"), true)).report());
    }
}
