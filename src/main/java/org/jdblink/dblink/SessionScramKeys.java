package org.jdblink.dblink;

/**
 * The ClientKey and ServerKey of the SCRAM exchange the local session's client logged in
 * with (PostgreSQL 18's MyProcPort->scram_ClientKey and scram_ServerKey): enough to log in
 * as the same role wherever it has the same SCRAM secret, so they go nowhere but into a
 * use_scram_passthrough connection string.
 */
public record SessionScramKeys(byte[] clientKey, byte[] serverKey) {}
