package org.jdblink.conninfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fills options from a connection service file (pg_service.conf): the section named by
 * the {@code service} keyword or PGSERVICE is looked up in PGSERVICEFILE (or
 * ~/.pg_service.conf when that exists), then in PGSYSCONFDIR/pg_service.conf (or the
 * compiled-in sysconfdir). Entries never override values the string gave.
 */
final class ServiceFile {
    private final String service;
    private final OptionValues values;
    private boolean sectionFound;

    private ServiceFile(String service, OptionValues values) {
        this.service = service;
        this.values = values;
    }

    static void apply(OptionValues values, Environment env) throws ConnInfoException {
        String service = values.get("service");
        if (service == null) {
            service = env.getenv("PGSERVICE");
        }
        if (service == null) {
            return;
        }
        new ServiceFile(service, values).search(env);
    }

    private void search(Environment env) throws ConnInfoException {
        String userFile = env.getenv("PGSERVICEFILE");
        if (userFile != null) {
            // An explicitly named file must exist.
            read(Path.of(userFile));
        } else if (env.homeDirectory() != null) {
            Path home = Path.of(env.homeDirectory(), ".pg_service.conf");
            if (Files.exists(home)) {
                read(home);
            }
        }
        if (!sectionFound) {
            String sysconfDir = env.getenv("PGSYSCONFDIR");
            Path system = Path.of(sysconfDir != null ? sysconfDir : LibpqOptions.SYSCONF_DIR, "pg_service.conf");
            if (Files.exists(system)) {
                read(system);
            }
        }
        if (!sectionFound) {
            throw new ConnInfoException("definition of service \"" + service + "\" not found");
        }
    }

    private void read(Path file) throws ConnInfoException {
        String content;
        try {
            content = Files.isDirectory(file) ? "" : new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnInfoException("service file \"" + file + "\" not found");
        }
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = trim(lines[i]);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (sectionFound) {
                    return; // the wanted section has ended
                }
                sectionFound = line.startsWith(service, 1) && line.length() > service.length() + 1
                        && line.charAt(service.length() + 1) == ']';
            } else if (sectionFound) {
                applyEntry(line, file, i + 1);
            }
        }
    }

    /** A {@code keyword=value} line: nothing around the keyword is trimmed, as in libpq. */
    private void applyEntry(String line, Path file, int lineNumber) throws ConnInfoException {
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw syntaxError(file, lineNumber);
        }
        String keyword = line.substring(0, equals);
        if (keyword.equals("service")) {
            throw new ConnInfoException("nested service specifications not supported in service file \""
                    + file + "\", line " + lineNumber);
        }
        if (!LibpqOptions.isKnown(keyword, values.libpq())) {
            throw syntaxError(file, lineNumber);
        }
        values.fill(keyword, line.substring(equals + 1));
    }

    private static ConnInfoException syntaxError(Path file, int lineNumber) {
        return new ConnInfoException("syntax error in service file \"" + file + "\", line " + lineNumber);
    }

    private static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (end > 0 && KeywordValueSyntax.isSpace(line.charAt(end - 1))) {
            end--;
        }
        while (start < end && KeywordValueSyntax.isSpace(line.charAt(start))) {
            start++;
        }
        return line.substring(start, end);
    }
}
