package org.jdblink.conninfo;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * load_balance_hosts (libpq 16): with "random" libpq tries the hosts in a random order,
 * and the addresses each host name resolves to in a random order too; with "disable" (the
 * default) both keep their order. libpq seeds its generator from strong random bits.
 */
public final class LoadBalancing {
    private LoadBalancing() {}

    /**
     * Created on first use: setting up SecureRandom loads the security providers, which
     * cost a first call of a session tens of milliseconds that only random order needs.
     */
    private static final class Generator {
        static final Random RANDOM = new SecureRandom();
    }

    /** Whether {@code loadBalanceHosts} (the option's resolved value, or null) asks for random order. */
    public static boolean isRandom(String loadBalanceHosts) {
        return "random".equals(loadBalanceHosts);
    }

    /** Puts {@code items} (hosts, or one host's addresses) in the order libpq would try them. */
    public static <T> void order(String loadBalanceHosts, List<T> items) {
        if (isRandom(loadBalanceHosts)) {
            Collections.shuffle(items, Generator.RANDOM);
        }
    }
}
