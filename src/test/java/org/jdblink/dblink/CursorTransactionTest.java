package org.jdblink.dblink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** dblink's counting of the cursors in the remote transaction it began. */
class CursorTransactionTest {
    @Test
    void commitsWhenTheLastCountedCursorCloses() {
        CursorTransaction t = new CursorTransaction();
        t.begun();
        t.cursorOpening();
        t.cursorOpening();
        assertFalse(t.cursorClosed());
        assertTrue(t.cursorClosed());
        // the transaction is over: later closes are not dblink's business
        assertFalse(t.cursorClosed());
    }

    @Test
    void cursorsInTheUsersTransactionAreNotCounted() {
        CursorTransaction t = new CursorTransaction();
        t.cursorOpening();
        assertFalse(t.cursorClosed());
        assertFalse(t.cursorClosed());
    }

    @Test
    void closingAnyCursorCountsLikeDblinksOwn() {
        CursorTransaction t = new CursorTransaction();
        t.begun();
        t.cursorOpening(); // dblink's cursor
        assertTrue(t.cursorClosed()); // a cursor the user declared closes first: COMMIT already
        assertFalse(t.cursorClosed()); // dblink's own cursor then commits nothing
    }

    @Test
    void beginningAgainResetsTheCount() {
        CursorTransaction t = new CursorTransaction();
        t.begun();
        t.cursorOpening();
        t.cursorOpening();
        t.begun();
        t.cursorOpening();
        assertTrue(t.cursorClosed());
    }
}
