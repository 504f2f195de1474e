package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdblink.testing.ClassCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A SQL_ASCII local database has no encoding: C dblink passes its bytes to the remote
 * unchanged, whatever they are, and so must jdblink, also in a query text large enough to
 * be streamed from C's bytes. The same script runs with C dblink
 * and with the installed jdblink, in twin SQL_ASCII databases.
 */
class SqlAsciiDatabaseIT {
    @RegisterExtension
    static final ClassCluster pg = new ClassCluster(false);

    private static final String SCRIPT = String.join("\n",
            "SELECT encode(convert_to(a, 'SQL_ASCII'), 'hex') AS utf8_bytes FROM dblink('dbname=utf8_remote', 'SELECT ''café''') AS t(a text);",
            "SELECT encode(convert_to(a, 'SQL_ASCII'), 'hex') AS raw_byte FROM dblink('dbname=ascii_remote', E'SELECT ''\\xe9''') AS t(a text);",
            "SELECT length(a), md5(convert_to(a, 'SQL_ASCII')) AS large_raw FROM dblink('dbname=ascii_remote', 'SELECT ''' || repeat(E'\\xe9', 2 * 1024 * 1024) || '''') AS t(a text);",
            "SELECT dblink_connect('c', 'dbname=utf8_remote');",
            "SELECT * FROM dblink('c', 'SELECT length(''café'')') AS t(n int);",
            "SELECT dblink_exec('c', E'SET application_name = ''\\xe9''');",
            "SELECT dblink_disconnect('c');",
            "");

    @BeforeAll
    static void prepareDatabases() throws Exception {
        pg.cluster().psql("CREATE DATABASE utf8_remote");
        for (String db : new String[] {"ascii_remote", "ascii_ref", "ascii_jdb"}) {
            pg.cluster().psql("CREATE DATABASE " + db + " ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        pg.cluster().psqlScript("ascii_ref", "CREATE EXTENSION dblink;");
        pg.cluster().psqlScript("ascii_jdb", "CREATE EXTENSION jdblink;");
    }

    @Test
    void bytesPassThroughUnchangedAsWithCDblink() throws Exception {
        String reference = pg.cluster().psqlScript("ascii_ref", SCRIPT);
        String jdblink = pg.cluster().psqlScript("ascii_jdb", SCRIPT);
        assertTrue(reference.contains(" 636166c3a9\n"), reference);
        assertTrue(reference.contains(" e9\n"), reference);
        assertTrue(reference.contains(" 2097152 | "), reference);
        assertEquals(reference.replaceAll("(?m)^LOCATION:.*\n", ""), jdblink.replaceAll("(?m)^LOCATION:.*\n", ""));
    }
}
