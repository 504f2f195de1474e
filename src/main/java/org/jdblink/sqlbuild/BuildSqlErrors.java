package org.jdblink.sqlbuild;

import org.jdblink.dblink.DblinkException;

/** dblink's errors for the SQL builders, with their SQLSTATEs. */
final class BuildSqlErrors {
    private static final String INVALID_PARAMETER_VALUE = "22023";
    private static final String ARRAY_SUBSCRIPT_ERROR = "2202E";
    private static final String CARDINALITY_VIOLATION = "21000";

    private BuildSqlErrors() {}

    static DblinkException noKeyAttributes() {
        return error(INVALID_PARAMETER_VALUE, "number of key attributes must be > 0");
    }

    static DblinkException invalidAttributeNumber(int attnum) {
        return error(INVALID_PARAMETER_VALUE, "invalid attribute number " + attnum);
    }

    static DblinkException sourceKeyCount() {
        return error(ARRAY_SUBSCRIPT_ERROR, "source key array length must match number of key attributes");
    }

    static DblinkException targetKeyCount() {
        return error(ARRAY_SUBSCRIPT_ERROR, "target key array length must match number of key attributes");
    }

    static DblinkException sourceRowNotFound() {
        return error(CARDINALITY_VIOLATION, "source row not found");
    }

    static DblinkException sourceRowNotUnique() {
        return error(CARDINALITY_VIOLATION, "source criteria matched more than one record");
    }

    private static DblinkException error(String sqlstate, String message) {
        return new DblinkException(sqlstate, message, null, null);
    }
}
