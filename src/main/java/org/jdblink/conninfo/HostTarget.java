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
}
