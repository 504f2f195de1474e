package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Password file lookups. The expected passwords were checked against the installed
 * libpq (PQpass after PQconnectStart with the same file and connection string).
 */
class PassFileTest {
    private static final String LINES = String.join("\n",
            "# comment",
            "h\\:x:5432:db:u:colonhost",
            "localhost:5432:db:u:local\\:pw\\\\x",
            "/tmp/s:*:db:u:sock",
            "*:6000:*:*:star:rest",
            "h:5432:d\\b:u:escdb",
            "h2:5432:db:u:pw",
            "h3:5432:db:u:",
            "h4:5432:db:u",
            "127.0.0.1:5432:db:u:viaaddr",
            "",
            "dos:1:db:u:crlf\r",
            "");

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = dir.resolve("pgpass");
        Files.write(file, LINES.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private String lookup(String conninfo) throws ConnInfoException {
        String full = "dbname=db user=u passfile=" + file + " " + conninfo;
        ConnectionSettings settings = ConnInfoResolver.resolve(full, MapEnvironment.golden(Map.of()));
        return PassFile.lookup(settings, settings.targets().get(0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "host=h:x|colonhost",                      // escaped ':' in the host field
            "host=/var/run/postgresql|local:pw\\x",    // default socket dir counts as localhost; password unescaped
            "host=''|local:pw\\x",                     // no host at all: localhost too
            "host=localhost|local:pw\\x",
            "host=/tmp/s port=9|sock",                 // '*' port
            "host=/x port=6000|star",                  // '*' everywhere but the port
            "host=h|escdb",                            // 'd\\b' in the file means 'db'
            "host=h2|pw",
            "host=h3|NULL",                            // empty password: none
            "host=h4|NULL",                            // no password field: no match
            "hostaddr=127.0.0.1|viaaddr",              // without host, hostaddr is the key
            "host=h2 password=''|pw",                  // an empty password is no password
            "host=dos port=1|crlf",                    // DOS line ending
            "host=localhost user=U|NULL",              // fields are case-sensitive
            "host=/tmp/s/ port=9|NULL",                // paths are compared as given
            "host=nomatch|NULL",
    })
    void findsTheFirstMatchingLine(String conninfo, String expected) throws ConnInfoException {
        assertEquals(expected, lookup(conninfo));
    }

    @Test
    void givenPasswordMeansNoLookup() throws ConnInfoException {
        assertNull(lookup("host=h2 password=given"));
    }

    @Test
    void eachTargetIsLookedUpWithItsOwnHostAndPort() throws ConnInfoException {
        String conninfo = "dbname=db user=u passfile=" + file + " host=h2,/tmp/s,/x port=5432,9,6000";
        ConnectionSettings settings = ConnInfoResolver.resolve(conninfo, MapEnvironment.golden(Map.of()));
        assertEquals("pw", PassFile.lookup(settings, settings.targets().get(0)));
        assertEquals("sock", PassFile.lookup(settings, settings.targets().get(1)));
        assertEquals("star", PassFile.lookup(settings, settings.targets().get(2)));
    }

    @Test
    void fileWithGroupOrWorldAccessIsIgnored() throws IOException, ConnInfoException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertNull(lookup("host=h2"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertNull(lookup("host=h2"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertEquals("pw", lookup("host=h2"));
    }

    @Test
    void missingFileOrDirectoryIsIgnored() throws ConnInfoException {
        ConnectionSettings missing = ConnInfoResolver.resolve(
                "host=h2 dbname=db user=u passfile=" + dir.resolve("none"), MapEnvironment.golden(Map.of()));
        assertNull(PassFile.lookup(missing, missing.targets().get(0)));
        ConnectionSettings directory = ConnInfoResolver.resolve(
                "host=h2 dbname=db user=u passfile=" + dir, MapEnvironment.golden(Map.of()));
        assertNull(PassFile.lookup(directory, directory.targets().get(0)));
    }

    @Test
    void defaultFileIsPgpassInTheHomeDirectory() throws IOException, ConnInfoException {
        Files.move(file, dir.resolve(".pgpass"));
        Environment env = new MapEnvironment(Map.of("PGSYSCONFDIR", "/nonexistent"), dir.toString(), "u");
        ConnectionSettings settings = ConnInfoResolver.resolve("host=h2 dbname=db", env);
        assertEquals(dir.resolve(".pgpass").toString(), settings.get("passfile"));
        assertEquals("pw", PassFile.lookup(settings, settings.targets().get(0)));
    }

    @Test
    void passfileFromEnvironment() throws ConnInfoException {
        Environment env = new MapEnvironment(Map.of("PGPASSFILE", file.toString()), "/nonexistent", "u");
        ConnectionSettings settings = ConnInfoResolver.resolve("host=h2 dbname=db", env);
        assertEquals("pw", PassFile.lookup(settings, settings.targets().get(0)));
    }
}
