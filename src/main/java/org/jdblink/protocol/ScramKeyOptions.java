package org.jdblink.protocol;

import org.jdblink.conninfo.ConnInfoException;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.ScramKeyOption;

/**
 * A connection's scram_client_key and scram_server_key (libpq 18), decoded; either may be
 * null. With a ClientKey the client proves itself without a password; with a ServerKey
 * it checks the server's signature with that key. A key not given is derived, as libpq
 * derives it, from the salted password, which is all zeros when a ClientKey spared its
 * computation (so a ClientKey alone cannot verify a real server).
 */
record ScramKeyOptions(byte[] clientKey, byte[] serverKey) {
    static ScramKeyOptions of(ConnectionSettings settings) throws ConnInfoException {
        return new ScramKeyOptions(ScramKeyOption.decode(settings.get("scram_client_key"), "client"),
                ScramKeyOption.decode(settings.get("scram_server_key"), "server"));
    }
}
