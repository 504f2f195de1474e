package org.jdblink.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** load_balance_hosts (libpq 16): the order in which the hosts are tried. */
class LoadBalancingTest {
    private static final HostVersion PG16 = new HostVersion(160011);

    private static List<String> hostsTried(String conninfo) throws ConnInfoException {
        List<String> hosts = new ArrayList<>();
        for (HostTarget target : ConnInfoResolver.resolve(conninfo, MapEnvironment.golden(Map.of()), PG16).targets()) {
            hosts.add(target.host() + ":" + target.port());
        }
        return hosts;
    }

    @Test
    void randomTriesTheHostsInEveryOrder() throws ConnInfoException {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 300 && orders.size() < 6; i++) {
            List<String> hosts = hostsTried("host=/a,/b,/c port=1,2,3 load_balance_hosts=random");
            assertEquals(Set.of("/a:1", "/b:2", "/c:3"), Set.copyOf(hosts), "each host keeps its port");
            orders.add(hosts);
        }
        assertEquals(6, orders.size(), "all permutations of three hosts: " + orders);
    }

    @Test
    void disableKeepsTheOrderGiven() throws ConnInfoException {
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of("/a:1", "/b:2", "/c:3"), hostsTried("host=/a,/b,/c port=1,2,3 load_balance_hosts=disable"));
            assertEquals(List.of("/a:1", "/b:2", "/c:3"), hostsTried("host=/a,/b,/c port=1,2,3"));
        }
    }

    @Test
    void ordersAnyListOnlyWhenRandom() {
        assertTrue(LoadBalancing.isRandom("random"));
        assertFalse(LoadBalancing.isRandom("disable"));
        assertFalse(LoadBalancing.isRandom(null));
        List<Integer> kept = new ArrayList<>(List.of(1, 2, 3, 4));
        LoadBalancing.order(null, kept);
        assertEquals(List.of(1, 2, 3, 4), kept);
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<Integer> shuffled = new ArrayList<>(List.of(1, 2, 3, 4));
            LoadBalancing.order("random", shuffled);
            seen.add(shuffled);
        }
        assertTrue(seen.size() > 12, "24 permutations, most of them seen: " + seen.size());
    }
}
