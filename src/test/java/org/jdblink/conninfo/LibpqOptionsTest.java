package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The option table against the installed libpq's PQconndefaults (keyword|envvar|compiled|dispchar). */
class LibpqOptionsTest {
    /** Printed by a C program looping over PQconndefaults() of libpq 15.20 (Debian 12). */
    private static final List<String> PQCONNDEFAULTS = List.of(
            "service|PGSERVICE|null|", "user|PGUSER|null|", "password|PGPASSWORD|null|*",
            "passfile|PGPASSFILE|null|", "channel_binding|PGCHANNELBINDING|prefer|",
            "connect_timeout|PGCONNECT_TIMEOUT|null|", "dbname|PGDATABASE|null|", "host|PGHOST|null|",
            "hostaddr|PGHOSTADDR|null|", "port|PGPORT|5432|", "client_encoding|PGCLIENTENCODING|null|",
            "options|PGOPTIONS||", "application_name|PGAPPNAME|null|", "fallback_application_name|null|null|",
            "keepalives|null|null|", "keepalives_idle|null|null|", "keepalives_interval|null|null|",
            "keepalives_count|null|null|", "tcp_user_timeout|null|null|", "sslmode|PGSSLMODE|prefer|",
            "sslcompression|PGSSLCOMPRESSION|0|", "sslcert|PGSSLCERT|null|", "sslkey|PGSSLKEY|null|",
            "sslpassword|null|null|*", "sslrootcert|PGSSLROOTCERT|null|", "sslcrl|PGSSLCRL|null|",
            "sslcrldir|PGSSLCRLDIR|null|", "sslsni|PGSSLSNI|1|", "requirepeer|PGREQUIREPEER|null|",
            "ssl_min_protocol_version|PGSSLMINPROTOCOLVERSION|TLSv1.2|",
            "ssl_max_protocol_version|PGSSLMAXPROTOCOLVERSION|null|", "gssencmode|PGGSSENCMODE|prefer|",
            "krbsrvname|PGKRBSRVNAME|postgres|", "gsslib|PGGSSLIB|null|", "replication|null|null|D",
            "target_session_attrs|PGTARGETSESSIONATTRS|any|");

    @Test
    void sameOptionsInTheSameOrderAsPQconndefaults() {
        List<String> ours = LibpqOptions.all().stream()
                .map(o -> o.keyword() + "|" + o.envVar() + "|" + o.compiledDefault() + "|" + o.dispChar())
                .collect(Collectors.toList());
        assertEquals(PQCONNDEFAULTS, ours);
    }

    @Test
    void dblinkValidatorOrderStartsLikeLibpq() {
        List<String> keywords = LibpqOptions.all().stream().map(LibpqOption::keyword).collect(Collectors.toList());
        assertEquals(List.of("service", "user", "password", "passfile", "channel_binding", "connect_timeout",
                "dbname", "host", "hostaddr", "port", "client_encoding", "options", "application_name"),
                keywords.subList(0, 13));
    }

    @Test
    void secretAndDebugFlags() {
        assertTrue(LibpqOptions.find("password").isSecret());
        assertTrue(LibpqOptions.find("sslpassword").isSecret());
        assertTrue(LibpqOptions.find("replication").isDebug());
        assertFalse(LibpqOptions.find("host").isSecret());
        assertFalse(LibpqOptions.find("host").isDebug());
        assertEquals(2, LibpqOptions.all().stream().filter(LibpqOption::isSecret).count());
        assertEquals(1, LibpqOptions.all().stream().filter(LibpqOption::isDebug).count());
    }

    @Test
    void lookupIsExactAndCaseSensitive() {
        assertTrue(LibpqOptions.isKnown("sslmode"));
        assertFalse(LibpqOptions.isKnown("SSLMODE"));
        assertFalse(LibpqOptions.isKnown("requiressl")); // accepted by the parser, but not an option
        assertFalse(LibpqOptions.isKnown("sslcertmode")); // libpq 16
        assertNull(LibpqOptions.find("load_balance_hosts")); // libpq 16
    }
}
