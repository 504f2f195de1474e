package org.jdblink.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.HostTarget;

/**
 * The password to answer a server's request with: the connection's own password, else a
 * matching line of the password file ({@code passfile}, as resolved by conninfo).
 */
final class PasswordLookup {
    /** A password and whether it came from the password file (libpq then names the file on failure). */
    record Found(String password, String fromFile) {}

    private PasswordLookup() {}

    static Found find(ConnectionSettings settings, HostTarget target) {
        String given = settings.get("password");
        if (given != null && !given.isEmpty()) {
            return new Found(given, null);
        }
        String passfile = settings.get("passfile");
        if (passfile == null || passfile.isEmpty()) {
            return null;
        }
        String host = target.host() == null || target.host().isEmpty() ? target.hostaddr() : target.host();
        String user = settings.get("user");
        String db = settings.get("dbname");
        String password = fromFile(Path.of(passfile), host, Integer.toString(target.port()), db, user);
        return password == null ? null : new Found(password, passfile);
    }

    /** The first line whose five fields (host:port:db:user:password, '*' wildcards, '\' escapes) match. */
    static String fromFile(Path file, String host, String port, String db, String user) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String[] wanted = {host, port, db, user};
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = split(line);
            if (fields == null) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = fields[i].equals("*") || fields[i].equals(wanted[i] == null ? "" : wanted[i]);
            }
            if (match) {
                return fields[4];
            }
        }
        return null;
    }

    private static String[] split(String line) {
        String[] out = new String[5];
        StringBuilder cur = new StringBuilder();
        int field = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && field < 4) {
                out[field++] = cur.toString();
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (field < 4) {
            return null;
        }
        out[4] = cur.toString();
        return out;
    }
}
