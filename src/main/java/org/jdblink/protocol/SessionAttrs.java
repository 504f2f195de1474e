package org.jdblink.protocol;

import java.util.Locale;

/** target_session_attrs, checked from the in_hot_standby / default_transaction_read_only reports. */
enum SessionAttrs {
    ANY, READ_WRITE, READ_ONLY, PRIMARY, STANDBY, PREFER_STANDBY;

    static SessionAttrs parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "read-write" -> READ_WRITE;
            case "read-only" -> READ_ONLY;
            case "primary" -> PRIMARY;
            case "standby" -> STANDBY;
            case "prefer-standby" -> PREFER_STANDBY;
            default -> ANY;
        };
    }

    /** libpq's reason the session does not qualify, or null when it does. */
    String mismatch(WireState s) {
        boolean standby = "on".equals(s.parameter("in_hot_standby"));
        boolean readOnly = standby || "on".equals(s.parameter("default_transaction_read_only"));
        return switch (this) {
            case READ_WRITE -> readOnly ? "session is read-only" : null;
            case READ_ONLY -> readOnly ? null : "session is not read-only";
            case PRIMARY -> standby ? "server is in hot standby mode" : null;
            case STANDBY -> standby ? null : "server is not in hot standby mode";
            default -> null;
        };
    }
}
