package org.jdblink.protocol;

import org.jdblink.protocol.PgConnection.Event;

/** The events of a query as text lines, for tests that compare them with a list (test helper). */
final class EventLines {
    private EventLines() {}

    /** The line for the event just read from {@code c}; null for events the lines do not show. */
    static String of(PgConnection c, Event e) {
        return switch (e) {
            case ROW_DESCRIPTION -> "columns " + c.rowDescription().columnCount();
            case DATA_ROW -> "row " + RowText.values(c);
            case COMMAND_COMPLETE -> "tag " + c.commandTag();
            case EMPTY_QUERY -> "empty";
            case ERROR -> c.error() == null ? "protocol error" : "error " + c.error().sqlState();
            default -> null;
        };
    }
}
