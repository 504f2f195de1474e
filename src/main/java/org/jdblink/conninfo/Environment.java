package org.jdblink.conninfo;

/**
 * Where libpq-style defaults come from. In a backend the bridge reads the process
 * environment through a native getenv at connect time (a JVM's System.getenv is a
 * snapshot taken at JVM start); tests pass a map.
 */
public interface Environment {
    /** The value of an environment variable, or null when unset. */
    String getenv(String name);

    /** The OS user's home directory (libpq uses the passwd entry, not $HOME). */
    String homeDirectory();

    /**
     * The OS user's name (libpq's default user: the passwd entry of the effective uid),
     * or null if it cannot be determined. The JVM's user.name is that same entry.
     */
    default String osUserName() {
        return System.getProperty("user.name");
    }

    /** The JVM's own view: for tools and tests only, never inside a backend. */
    static Environment system() {
        return new Environment() {
            @Override public String getenv(String name) { return System.getenv(name); }
            @Override public String homeDirectory() { return System.getProperty("user.home"); }
        };
    }
}
