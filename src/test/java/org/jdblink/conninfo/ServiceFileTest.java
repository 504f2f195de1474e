package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service file lookups that need a home directory (the rest is in resolve.txt). */
class ServiceFileTest {
    @TempDir
    Path home;

    private Environment env(Map<String, String> variables) {
        return new MapEnvironment(variables, home.toString(), "me");
    }

    @Test
    void userFileInHomeDirectoryIsUsedWhenPresent() throws IOException, ConnInfoException {
        Files.writeString(home.resolve(".pg_service.conf"), "[s]\ndbname=fromhome\n");
        ConnectionSettings settings = ConnInfoResolver.resolve("service=s", env(Map.of("PGSYSCONFDIR", "/nonexistent")));
        assertEquals("fromhome", settings.get("dbname"));
        assertEquals("s", settings.get("service"));
    }

    @Test
    void homeFileWithoutTheServiceFallsBackToTheSystemFile() throws IOException, ConnInfoException {
        Files.writeString(home.resolve(".pg_service.conf"), "[other]\ndbname=x\n");
        Path sys = Files.createDirectory(home.resolve("sys"));
        Files.writeString(sys.resolve("pg_service.conf"), "[s]\r\nport=7\r\n");
        ConnectionSettings settings = ConnInfoResolver.resolve("", env(Map.of("PGSYSCONFDIR", sys.toString(),
                "PGSERVICE", "s")));
        assertEquals("7", settings.get("port"));
        assertEquals("s", settings.get("service"));
    }

    @Test
    void missingHomeFileIsNotAnError() {
        ConnInfoException e = assertThrows(ConnInfoException.class,
                () -> ConnInfoResolver.resolve("service=s", env(Map.of("PGSYSCONFDIR", "/nonexistent"))));
        assertEquals("definition of service \"s\" not found", e.getMessage());
    }

    @Test
    void namedFileMustExist() {
        ConnInfoException e = assertThrows(ConnInfoException.class, () -> ConnInfoResolver.resolve("service=s",
                env(Map.of("PGSERVICEFILE", home.resolve("nope").toString()))));
        assertEquals("service file \"" + home.resolve("nope") + "\" not found", e.getMessage());
    }

    @Test
    void serviceValuesComeBeforeEnvironmentButAfterTheString() throws IOException, ConnInfoException {
        Path file = home.resolve("svc.conf");
        Files.writeString(file, "[s]\nhost=/svc\nuser=svcuser\n");
        ConnectionSettings settings = ConnInfoResolver.resolve("service=s user=given",
                env(Map.of("PGSERVICEFILE", file.toString(), "PGHOST", "/env", "PGPORT", "9")));
        assertEquals("/svc", settings.get("host"));
        assertEquals("given", settings.get("user"));
        assertEquals("9", settings.get("port"));
    }
}
