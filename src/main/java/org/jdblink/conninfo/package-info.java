/**
 * libpq's connection-string rules, those of the host's release (15 to 18, see
 * {@link org.jdblink.conninfo.HostVersion}): 15 as built on Debian 12, 16 to 18 as the
 * reference builds the version tests compare with. What differs between releases is
 * named once, in {@link org.jdblink.conninfo.LibpqChange} and in the option table.
 *
 * <ul>
 * <li>{@link org.jdblink.conninfo.ConnInfoParser}: what a string itself says (PQconninfoParse),
 *     keyword=value or URI form.</li>
 * <li>{@link org.jdblink.conninfo.ConnInfoResolver}: the full resolution PQconnectdb performs before
 *     contacting a server: service file, PG* environment, compiled defaults, host lists and
 *     value checks.</li>
 * <li>{@link org.jdblink.conninfo.PassFile}: the password file, per target, when the server asks for
 *     a password and none was given.</li>
 * <li>{@link org.jdblink.conninfo.IntegerOption}: integer options, read when the connection uses
 *     them (connect_timeout, keepalives*, tcp_user_timeout), as libpq does.</li>
 * <li>{@link org.jdblink.conninfo.LibpqOptions}: the option table in PQconndefaults order, per release.</li>
 * </ul>
 *
 * Every error is a {@link org.jdblink.conninfo.ConnInfoException} carrying libpq's text. The tests
 * compare against each release's libpq through golden files (src/test/resources/.../golden).
 */
package org.jdblink.conninfo;
