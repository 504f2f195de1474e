package org.jdblink.conninfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The password file (~/.pgpass or {@code passfile}/PGPASSFILE): lines
 * {@code hostname:port:database:username:password}, first match wins. A field may be
 * {@code *}; {@code \} escapes ':' and '\'. Host "localhost" also matches a connection
 * over the default socket directory. A file that group or others may access is ignored
 * (libpq warns on stderr; a backend has no use for that warning).
 */
public final class PassFile {
    private static final Set<PosixFilePermission> GROUP_OR_WORLD = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PassFile() {}

    /**
     * The password for connecting to {@code target} with these settings, or null when
     * the settings name no password file (a password was given), the file is missing or
     * unsafe, or no line matches. An empty password in the file counts as none, as it
     * does for libpq's authentication ("no password supplied").
     */
    public static String lookup(ConnectionSettings settings, HostTarget target) {
        String given = settings.get("password");
        if (given != null && !given.isEmpty()) {
            return null;
        }
        String file = settings.get("passfile");
        String dbname = settings.get("dbname");
        String user = settings.get("user");
        if (file == null || file.isEmpty() || dbname == null || dbname.isEmpty() || user == null || user.isEmpty()) {
            return null;
        }
        String content = readIfSafe(Path.of(file));
        if (content == null) {
            return null;
        }
        String[] tokens = {hostKey(target), String.valueOf(target.port()), dbname, user};
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            // Only a line that ended in "\n" loses a DOS "\r" (as libpq's reader does).
            if (i < lines.length - 1 && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String password = match(line, tokens);
            if (password != null) {
                return password.isEmpty() ? null : password;
            }
        }
        return null;
    }

    /** The name the file is searched for: host, else hostaddr; local sockets count as "localhost". */
    private static String hostKey(HostTarget target) {
        String host = target.serverName();
        if (host == null || host.isEmpty()) {
            return LibpqOptions.DEFAULT_HOST;
        }
        if (HostList.isUnixSocketPath(host) && host.equals(LibpqOptions.DEFAULT_SOCKET_DIR)) {
            return LibpqOptions.DEFAULT_HOST;
        }
        return host;
    }

    private static String readIfSafe(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.retainAll(GROUP_OR_WORLD);
            if (!permissions.isEmpty()) {
                return null;
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | UnsupportedOperationException unreadable) {
            return null;
        }
    }

    /** Matches the four key fields of {@code line}; returns the unescaped password or null. */
    private static String match(String line, String[] tokens) {
        int pos = 0;
        for (String token : tokens) {
            pos = matchField(line, pos, token);
            if (pos < 0) {
                return null;
            }
        }
        StringBuilder password = new StringBuilder();
        for (int i = pos; i < line.length() && line.charAt(i) != ':'; i++) {
            if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                i++;
            }
            password.append(line.charAt(i));
        }
        return password.toString();
    }

    /**
     * Matches one field starting at {@code pos} against {@code token}: "*" matches
     * anything, otherwise character by character with '\' escaping the next one.
     * Returns the position after the field's ':' or -1.
     */
    private static int matchField(String line, int pos, String token) {
        if (line.startsWith("*:", pos)) {
            return pos + 2;
        }
        int t = 0;
        while (pos < line.length()) {
            boolean escaped = false;
            if (line.charAt(pos) == '\\') {
                pos++;
                escaped = true;
                if (pos >= line.length()) {
                    return -1;
                }
            }
            char c = line.charAt(pos);
            if (c == ':' && !escaped && t == token.length()) {
                return pos + 1;
            }
            if (t == token.length() || c != token.charAt(t)) {
                return -1;
            }
            pos++;
            t++;
        }
        return -1;
    }
}
