package org.jdblink.dblink;

import java.io.IOException;
import org.jdblink.testing.TestCluster;

/** Connection strings and checks against a throwaway cluster. */
final class ClusterFixture {
    final TestCluster cluster;

    ClusterFixture(TestCluster cluster) {
        this.cluster = cluster;
    }

    /** A connection string to the cluster's postgres database over its Unix socket. */
    String connstr(String extra) {
        return "host=" + cluster.socketDir() + " port=" + cluster.port() + " dbname=postgres user=postgres " + extra;
    }

    String connstr() {
        return connstr("");
    }

    /** How many backends run with this application_name (waits up to 5 s for exits to show). */
    int backends(String applicationName, int expected) throws IOException, InterruptedException {
        int n = -1;
        for (int i = 0; i < 100; i++) {
            n = Integer.parseInt(cluster.psql("select count(*) from pg_stat_activity where application_name = '" + applicationName + "'"));
            if (n == expected) {
                return n;
            }
            Thread.sleep(50);
        }
        return n;
    }
}
