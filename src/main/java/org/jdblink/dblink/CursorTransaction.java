package org.jdblink.dblink;

/**
 * The remote transaction dblink_open begins for its cursors (dblink's newXactForCursor and
 * openCursorCount). A transaction the user began is not dblink's: cursors in it are not
 * counted and closing them commits nothing. The count is kept exactly as dblink keeps it,
 * including a cursor whose DECLARE failed and closes beyond zero, since users see the
 * effect (when COMMIT is sent).
 */
final class CursorTransaction {
    private boolean begunByDblink;
    private int openCursors;

    /** dblink_open sent BEGIN on an idle connection. */
    void begun() {
        begunByDblink = true;
        openCursors = 0;
    }

    /** dblink_open is about to DECLARE a cursor. */
    void cursorOpening() {
        if (begunByDblink) {
            openCursors++;
        }
    }

    /** dblink_close closed a cursor: true when the transaction is to be committed now. */
    boolean cursorClosed() {
        if (!begunByDblink) {
            return false;
        }
        openCursors--;
        if (openCursors == 0) {
            begunByDblink = false;
            return true;
        }
        return false;
    }
}
