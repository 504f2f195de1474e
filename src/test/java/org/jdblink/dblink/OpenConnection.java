package org.jdblink.dblink;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A named connection of a test's session, opened before each test and disconnected after
 * it. Disconnecting is strict on purpose: a test that lost the connection fails.
 * Register it as an instance field after the session it belongs to.
 */
final class OpenConnection implements BeforeEachCallback, AfterEachCallback {
    private final DblinkSession session;
    private final String name;
    private final String connstr;

    OpenConnection(DblinkSession session, String name, String connstr) {
        this.session = session;
        this.name = name;
        this.connstr = connstr;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        session.connect(name, connstr);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        session.disconnect(name);
    }
}
