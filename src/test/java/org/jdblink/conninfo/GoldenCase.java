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
 * a connection string and the installed libpq's answer (written by generate.sh).
 */
record GoldenCase(Map<String, String> env, String input, String expected) {
    @Override
    public String toString() {
        return (env.isEmpty() ? "" : env + " ") + "\"" + input + "\"";
    }

    static List<GoldenCase> load(String name) throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        try (InputStream in = GoldenCase.class.getResourceAsStream("golden/" + name)) {
            Map<String, String> env = Map.of();
            String input = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("env: ")) {
                    env = parseEnv(line.substring(5));
                } else if (line.startsWith("input: ")) {
                    input = line.substring(7);
                } else if (line.startsWith("expect: ")) {
                    cases.add(new GoldenCase(env, input, line.substring(8)));
                    env = Map.of();
                } else if (line.equals("expect:")) {
                    cases.add(new GoldenCase(env, input, ""));
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
