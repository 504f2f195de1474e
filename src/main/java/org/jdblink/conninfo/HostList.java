package org.jdblink.conninfo;

import java.util.ArrayList;
import java.util.List;

/**
 * libpq's expansion of the comma-separated host, hostaddr and port lists into one slot
 * per server to try. There are as many slots as hostaddr entries if hostaddr is given,
 * else as many as host entries; a host list must then match, and a port list must have
 * one entry (used for all) or exactly one per slot.
 */
final class HostList {
    /** One slot before its port is read as a number: empty strings mean "not given". */
    record Slot(String host, String hostaddr, String port) {}

    private HostList() {}

    static List<Slot> expand(OptionValues values) throws ConnInfoException {
        String hostaddrs = values.get("hostaddr");
        String hosts = values.get("host");
        String ports = values.get("port");

        String[] hostaddrList = values.isEmpty("hostaddr") ? null : split(hostaddrs);
        String[] hostList = values.isEmpty("host") ? null : split(hosts);
        int slots = hostaddrList != null ? hostaddrList.length : hostList != null ? hostList.length : 1;
        if (hostList != null && hostList.length != slots) {
            throw new ConnInfoException("could not match " + hostList.length + " host names to " + slots
                    + " hostaddr values");
        }
        String[] portList = values.isEmpty("port") ? null : split(ports);
        if (portList != null && portList.length != 1 && portList.length != slots) {
            throw new ConnInfoException("could not match " + portList.length + " port numbers to " + slots + " hosts");
        }

        List<Slot> result = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            String hostaddr = hostaddrList != null ? hostaddrList[i] : "";
            String host = hostList != null ? hostList[i] : "";
            if (hostaddr.isEmpty() && host.isEmpty()) {
                host = LibpqOptions.DEFAULT_SOCKET_DIR;
            }
            String port = portList == null ? "" : portList.length == 1 ? portList[0] : portList[i];
            result.add(new Slot(host, hostaddr, port));
        }
        return result;
    }

    /**
     * The slot as a target to connect to. libpq reads the port only when it reaches the
     * slot; reading it here reports the same message, just before any host is tried.
     */
    static HostTarget toTarget(Slot slot) throws ConnInfoException {
        int port = LibpqOptions.DEFAULT_PORT;
        if (!slot.port().isEmpty()) {
            port = IntegerOption.parse(slot.port(), "port");
            if (port < 1 || port > 65535) {
                throw new ConnInfoException("invalid port number: \"" + slot.port() + "\"");
            }
        }
        boolean viaAddress = !slot.hostaddr().isEmpty();
        return new HostTarget(slot.host().isEmpty() ? null : slot.host(),
                viaAddress ? slot.hostaddr() : null,
                port,
                !viaAddress && isUnixSocketPath(slot.host()));
    }

    /** An absolute path names a socket directory, '@' an abstract-namespace socket. */
    static boolean isUnixSocketPath(String host) {
        return host.startsWith("/") || host.startsWith("@");
    }

    /** Splits on every comma, keeping empty entries (",," is three entries). */
    private static String[] split(String list) {
        return list.split(",", -1);
    }
}
