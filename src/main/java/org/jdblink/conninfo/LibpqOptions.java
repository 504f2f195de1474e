package org.jdblink.conninfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libpq's connection options in PQconndefaults order, as built on Debian (with SSL,
 * GSSAPI and LDAP): one table in the newest order, each option of a later release than 15
 * marked with the release that added it. The order is visible to users: dblink_fdw's
 * validator lists options in it, and the service file and defaults are applied in it.
 */
public final class LibpqOptions {
    /** Where libpq looks for a server when no host is given (Debian's DEFAULT_PGSOCKET_DIR). */
    public static final String DEFAULT_SOCKET_DIR = "/var/run/postgresql";
    /** The port used when none is given (DEF_PGPORT). */
    public static final int DEFAULT_PORT = 5432;
    /** The compiled-in directory of pg_service.conf (`pg_config --sysconfdir` on Debian). */
    public static final String SYSCONF_DIR = "/etc/postgresql-common";
    /** The host name that stands for local connections in the password file. */
    public static final String DEFAULT_HOST = "localhost";

    private static final List<LibpqOption> ALL = List.of(
            new LibpqOption("service", "PGSERVICE", null, ""),
            new LibpqOption("user", "PGUSER", null, ""),
            new LibpqOption("password", "PGPASSWORD", null, "*"),
            new LibpqOption("passfile", "PGPASSFILE", null, ""),
            new LibpqOption("channel_binding", "PGCHANNELBINDING", "prefer", ""),
            new LibpqOption("connect_timeout", "PGCONNECT_TIMEOUT", null, ""),
            new LibpqOption("dbname", "PGDATABASE", null, ""),
            new LibpqOption("host", "PGHOST", null, ""),
            new LibpqOption("hostaddr", "PGHOSTADDR", null, ""),
            new LibpqOption("port", "PGPORT", String.valueOf(DEFAULT_PORT), ""),
            new LibpqOption("client_encoding", "PGCLIENTENCODING", null, ""),
            new LibpqOption("options", "PGOPTIONS", "", ""),
            new LibpqOption("application_name", "PGAPPNAME", null, ""),
            new LibpqOption("fallback_application_name", null, null, ""),
            new LibpqOption("keepalives", null, null, ""),
            new LibpqOption("keepalives_idle", null, null, ""),
            new LibpqOption("keepalives_interval", null, null, ""),
            new LibpqOption("keepalives_count", null, null, ""),
            new LibpqOption("tcp_user_timeout", null, null, ""),
            new LibpqOption("sslmode", "PGSSLMODE", "prefer", ""),
            new LibpqOption("sslcompression", "PGSSLCOMPRESSION", "0", ""),
            new LibpqOption("sslcert", "PGSSLCERT", null, ""),
            new LibpqOption("sslkey", "PGSSLKEY", null, ""),
            new LibpqOption("sslpassword", null, null, "*"),
            new LibpqOption("sslrootcert", "PGSSLROOTCERT", null, ""),
            new LibpqOption("sslcrl", "PGSSLCRL", null, ""),
            new LibpqOption("sslcrldir", "PGSSLCRLDIR", null, ""),
            new LibpqOption("sslsni", "PGSSLSNI", "1", ""),
            new LibpqOption("requirepeer", "PGREQUIREPEER", null, ""),
            new LibpqOption("require_auth", "PGREQUIREAUTH", null, ""),
            new LibpqOption("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION", "TLSv1.2", ""),
            new LibpqOption("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION", null, ""),
            new LibpqOption("gssencmode", "PGGSSENCMODE", "prefer", ""),
            new LibpqOption("krbsrvname", "PGKRBSRVNAME", "postgres", ""),
            new LibpqOption("gsslib", "PGGSSLIB", null, ""),
            new LibpqOption("replication", null, null, "D"),
            new LibpqOption("target_session_attrs", "PGTARGETSESSIONATTRS", "any", ""),
            new LibpqOption("scram_client_key", null, null, "D"),
            new LibpqOption("scram_server_key", null, null, "D"));

    /** The options of libpq releases after 15, with the major release that added each. */
    private static final Map<String, Integer> ADDED_IN = Map.of(
            "require_auth", 16,
            "scram_client_key", 18,
            "scram_server_key", 18);

    private static final Map<String, LibpqOption> BY_KEYWORD = index();

    private LibpqOptions() {}

    /** Every option of libpq 15, in its order. */
    public static List<LibpqOption> all() {
        return all(HostVersion.PG15);
    }

    /** Every option libpq of the host's major version has, in its PQconndefaults order. */
    public static List<LibpqOption> all(HostVersion host) {
        return ALL.stream().filter(option -> has(host, option.keyword())).toList();
    }

    /** libpq 15's option with this exact (case-sensitive) keyword, or null if it has none. */
    public static LibpqOption find(String keyword) {
        return find(keyword, HostVersion.PG15);
    }

    /** The option of the host's libpq with this exact (case-sensitive) keyword, or null. */
    public static LibpqOption find(String keyword, HostVersion host) {
        return has(host, keyword) ? BY_KEYWORD.get(keyword) : null;
    }

    /** Whether libpq 15 accepts this keyword. */
    public static boolean isKnown(String keyword) {
        return isKnown(keyword, HostVersion.PG15);
    }

    /** Whether the host's libpq accepts this keyword. */
    public static boolean isKnown(String keyword, HostVersion host) {
        return find(keyword, host) != null;
    }

    private static boolean has(HostVersion host, String keyword) {
        return BY_KEYWORD.containsKey(keyword) && host.atLeast(ADDED_IN.getOrDefault(keyword, 15));
    }

    private static Map<String, LibpqOption> index() {
        Map<String, LibpqOption> map = new LinkedHashMap<>();
        for (LibpqOption option : ALL) {
            map.put(option.keyword(), option);
        }
        return map;
    }
}
