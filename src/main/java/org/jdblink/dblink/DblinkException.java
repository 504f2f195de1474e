package org.jdblink.dblink;

/** An ERROR for the local server to raise; see {@link ServerMessage}. */
public final class DblinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ServerMessage report;

    public DblinkException(ServerMessage report) {
        super(report.message());
        this.report = report;
    }

    public DblinkException(String sqlstate, String message, String detail, String hint) {
        this(new ServerMessage(sqlstate, message, detail, hint, null));
    }

    public ServerMessage report() {
        return report;
    }
}
