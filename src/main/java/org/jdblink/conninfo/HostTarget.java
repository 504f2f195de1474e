package org.jdblink.conninfo;

/**
 * One place to try, in the order libpq tries them (host, hostaddr and port lists
 * expanded). For a Unix-domain socket, {@code host} is the socket directory.
 *
 * @param host     the host name or socket directory as given (after defaults); null when
 *                 this slot has only a hostaddr
 * @param hostaddr the numeric address to use instead of resolving {@code host}, or null
 * @param port     the port (also names the socket file {@code .s.PGSQL.<port>})
 * @param unixSocket true when {@code host} is a socket directory (starts with '/' or '@')
 *                 and no hostaddr is given for this slot
 */
public record HostTarget(String host, String hostaddr, int port, boolean unixSocket) {
    /** The socket file path for a Unix-domain target. */
    public String socketPath() {
        return host + "/.s.PGSQL." + port;
    }

    /**
     * Whether a hostaddr was given for this slot: then it is connected to as it is (no
     * name lookup), and libpq's messages show it rather than the host name.
     */
    public boolean byAddress() {
        return hostaddr != null && !hostaddr.isEmpty();
    }

    /** What libpq's messages about this target show: the hostaddr when given, else the host. */
    public String shownName() {
        return byAddress() ? hostaddr : host;
    }

    /**
     * The name the server is known by, for the password file and TLS host verification:
     * the host when given, else the hostaddr (null or empty when neither is).
     */
    public String serverName() {
        return host != null && !host.isEmpty() ? host : hostaddr;
    }
}
