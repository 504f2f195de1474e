package org.jdblink.conninfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libpq's connection options in PQconndefaults order: one table of every release from 15
 * to 18, each option marked with the release that added it (later releases only add, and
 * always in places that keep the older ones' order). The order is visible to users:
 * dblink_fdw's validator lists options in it, and the service file and defaults are
 * applied in it. The table equals PQconndefaults of Debian's libpq 15 and of the 16, 17
 * and 18 builds the version tests compare with; only gssencmode's default depends on the
 * build ({@link LibpqChange#WITHOUT_GSSAPI}).
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
            option("service", "PGSERVICE", null, "", 15),
            option("user", "PGUSER", null, "", 15),
            option("password", "PGPASSWORD", null, "*", 15),
            option("passfile", "PGPASSFILE", null, "", 15),
            option("channel_binding", "PGCHANNELBINDING", "prefer", "", 15),
            option("connect_timeout", "PGCONNECT_TIMEOUT", null, "", 15),
            option("dbname", "PGDATABASE", null, "", 15),
            option("host", "PGHOST", null, "", 15),
            option("hostaddr", "PGHOSTADDR", null, "", 15),
            option("port", "PGPORT", String.valueOf(DEFAULT_PORT), "", 15),
            option("client_encoding", "PGCLIENTENCODING", null, "", 15),
            option("options", "PGOPTIONS", "", "", 15),
            option("application_name", "PGAPPNAME", null, "", 15),
            option("fallback_application_name", null, null, "", 15),
            option("keepalives", null, null, "", 15),
            option("keepalives_idle", null, null, "", 15),
            option("keepalives_interval", null, null, "", 15),
            option("keepalives_count", null, null, "", 15),
            option("tcp_user_timeout", null, null, "", 15),
            option("sslmode", "PGSSLMODE", "prefer", "", 15),
            option("sslnegotiation", "PGSSLNEGOTIATION", "postgres", "", 17),
            option("sslcompression", "PGSSLCOMPRESSION", "0", "", 15),
            option("sslcert", "PGSSLCERT", null, "", 15),
            option("sslkey", "PGSSLKEY", null, "", 15),
            option("sslcertmode", "PGSSLCERTMODE", null, "", 16),
            option("sslpassword", null, null, "*", 15),
            option("sslrootcert", "PGSSLROOTCERT", null, "", 15),
            option("sslcrl", "PGSSLCRL", null, "", 15),
            option("sslcrldir", "PGSSLCRLDIR", null, "", 15),
            option("sslsni", "PGSSLSNI", "1", "", 15),
            option("requirepeer", "PGREQUIREPEER", null, "", 15),
            option("require_auth", "PGREQUIREAUTH", null, "", 16),
            option("min_protocol_version", "PGMINPROTOCOLVERSION", null, "", 18),
            option("max_protocol_version", "PGMAXPROTOCOLVERSION", null, "", 18),
            option("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION", "TLSv1.2", "", 15),
            option("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION", null, "", 15),
            option("gssencmode", "PGGSSENCMODE", "prefer", "", 15),
            option("krbsrvname", "PGKRBSRVNAME", "postgres", "", 15),
            option("gsslib", "PGGSSLIB", null, "", 15),
            option("gssdelegation", "PGGSSDELEGATION", "0", "", 16),
            option("replication", null, null, "D", 15),
            option("target_session_attrs", "PGTARGETSESSIONATTRS", "any", "", 15),
            option("load_balance_hosts", "PGLOADBALANCEHOSTS", "disable", "", 16),
            option("scram_client_key", null, null, "D", 18),
            option("scram_server_key", null, null, "D", 18),
            option("oauth_issuer", null, null, "", 18),
            option("oauth_client_id", null, null, "", 18),
            option("oauth_client_secret", null, null, "*", 18),
            option("oauth_scope", null, null, "", 18),
            option("sslkeylogfile", null, null, "D", 18));

    /** gssencmode's default in a libpq built without GSSAPI. */
    private static final String GSSENCMODE_WITHOUT_GSSAPI = "disable";

    private static final Map<Integer, Table> BY_MAJOR = new ConcurrentHashMap<>();

    private LibpqOptions() {}

    private static LibpqOption option(String keyword, String envVar, String compiledDefault, String dispChar, int since) {
        return new LibpqOption(keyword, envVar, compiledDefault, dispChar, since);
    }

    /** Every option libpq of the host's major version has, in its PQconndefaults order. */
    public static List<LibpqOption> all(HostVersion host) {
        return table(host).options;
    }

    /** The option of the host's libpq with this exact (case-sensitive) keyword, or null. */
    public static LibpqOption find(String keyword, HostVersion host) {
        return table(host).byKeyword.get(keyword);
    }

    /** Whether the host's libpq accepts this keyword. */
    public static boolean isKnown(String keyword, HostVersion host) {
        return find(keyword, host) != null;
    }

    private static Table table(HostVersion host) {
        // no computeIfAbsent with a lambda: see docs/jvm.md, "No lambdas on the first call's path"
        Table table = BY_MAJOR.get(host.major());
        if (table == null) {
            table = new Table(host);
            Table earlier = BY_MAJOR.putIfAbsent(host.major(), table);
            if (earlier != null) {
                table = earlier;
            }
        }
        return table;
    }

    /** The options of one major release, in order and by keyword. */
    private static final class Table {
        final List<LibpqOption> options;
        final Map<String, LibpqOption> byKeyword = new LinkedHashMap<>();

        Table(HostVersion host) {
            List<LibpqOption> present = new ArrayList<>();
            for (LibpqOption option : ALL) {
                if (!option.existsIn(host)) {
                    continue;
                }
                if (option.keyword().equals("gssencmode") && LibpqChange.WITHOUT_GSSAPI.in(host)) {
                    option = option.withDefault(GSSENCMODE_WITHOUT_GSSAPI);
                }
                present.add(option);
                byKeyword.put(option.keyword(), option);
            }
            options = Collections.unmodifiableList(present);
        }
    }
}
