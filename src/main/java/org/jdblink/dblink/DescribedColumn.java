package org.jdblink.dblink;

/**
 * One column of a remote query's result as jdblink_describe shows it. The type's schema
 * and name let the local server find the same type by name (the remote's OIDs mean
 * nothing locally but for built-in types); both are null when the remote has no such type.
 *
 * @param name       the column's name as the remote gives it
 * @param typeOid    the remote type's OID
 * @param typmod     the type modifier (-1 when none)
 * @param remoteType the type as the remote's format_type writes it, e.g. {@code numeric(10,2)}
 * @param typeSchema the schema of the remote type
 * @param typeName   the remote type's pg_type name, e.g. {@code _int4} for {@code integer[]}
 */
public record DescribedColumn(String name, int typeOid, int typmod, String remoteType, String typeSchema,
        String typeName) {}
