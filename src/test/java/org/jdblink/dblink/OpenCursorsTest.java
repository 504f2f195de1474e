package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The open-cursor count of jdblink_connections(): opened, closed, and gone with their transaction. */
class OpenCursorsTest {
    @Test
    void opensAndClosesAreCounted() {
        OpenCursors cursors = new OpenCursors();
        assertEquals(0, cursors.count(0));
        cursors.declared(0);
        cursors.declared(0);
        assertEquals(2, cursors.count(0));
        cursors.closed("a", 0);
        assertEquals(1, cursors.count(0));
        cursors.closed("b", 0);
        cursors.closed("b", 0);
        assertEquals(0, cursors.count(0), "never below zero");
    }

    @Test
    void closeAllClosesThemAll() {
        OpenCursors cursors = new OpenCursors();
        cursors.declared(3);
        cursors.declared(3);
        cursors.closed("all", 3);
        assertEquals(0, cursors.count(3));
    }

    @Test
    void theEndOfTheirTransactionClosesThem() {
        OpenCursors cursors = new OpenCursors();
        cursors.declared(5);
        cursors.declared(5);
        assertEquals(0, cursors.count(6));
        cursors.declared(7);
        assertEquals(1, cursors.count(7), "only the new transaction's");
        cursors.closed("x", 8);
        assertEquals(0, cursors.count(8));
    }
}
