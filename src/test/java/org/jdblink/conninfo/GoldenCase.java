package org.jdblink.conninfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One case of a golden file under resources/org/jdblink/conninfo/golden: an environment,
 * a connection string and a real libpq's answer (written by generate.sh): libpq 15's in
 * NAME, libpq N's in pgN/NAME.
 */
record GoldenCase(HostVersion libpq, Map<String, String> env, String input, String expected) {
    /** The releases with golden files: 15 (Debian's libpq) and the reference builds of 16 to 18. */
    static final List<Integer> MAJORS = List.of(15, 16, 17, 18);

    @Override
    public String toString() {
        return "libpq " + libpq.major() + ": " + (env.isEmpty() ? "" : env + " ") + "\"" + input + "\"";
    }

    /** The cases of golden file {@code name} for every release in {@link #MAJORS}. */
    static List<GoldenCase> loadAll(String name) throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        for (int major : MAJORS) {
            cases.addAll(load(name, new HostVersion(major * 10000)));
        }
        return cases;
    }

    /** The cases of golden file {@code name} answered by libpq of {@code libpq}'s release. */
    static List<GoldenCase> load(String name, HostVersion libpq) throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        String path = "golden/" + (libpq.major() == 15 ? "" : "pg" + libpq.major() + "/") + name;
        try (InputStream in = GoldenCase.class.getResourceAsStream(path)) {
            Map<String, String> env = Map.of();
            String input = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("env: ")) {
                    env = parseEnv(line.substring(5));
                } else if (line.startsWith("input: ")) {
                    input = line.substring(7);
                } else if (line.startsWith("expect: ")) {
                    cases.add(new GoldenCase(libpq, env, input, line.substring(8)));
                    env = Map.of();
                } else if (line.equals("expect:")) {
                    cases.add(new GoldenCase(libpq, env, input, ""));
                    env = Map.of();
                }
            }
        }
        return cases;
    }

    private static Map<String, String> parseEnv(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String assignment : text.trim().split(" +")) {
            int equals = assignment.indexOf('=');
            env.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        return env;
    }

    /** The oracle's rendering of option values: "k=[v] k=[v]" in libpq's option order. */
    private static String render(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=[" + e.getValue() + "]")
                .collect(Collectors.joining(" "));
    }

    private static String renderError(ConnInfoException e) {
        return "ERR[" + e.getMessage() + "]";
    }

    /** Option values from the code under test, or the error it raised instead. */
    interface Outcome {
        Map<String, String> values() throws ConnInfoException;
    }

    /** An outcome rendered as the golden files write it: values, or "ERR[message]". */
    static String rendered(Outcome outcome) {
        try {
            return render(outcome.values());
        } catch (ConnInfoException e) {
            return renderError(e);
        }
    }
}
