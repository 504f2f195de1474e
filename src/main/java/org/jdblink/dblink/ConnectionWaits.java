package org.jdblink.dblink;

import org.jdblink.protocol.WaitReporter;

/**
 * One remote connection's waits on the network, told to the local backend as dblink names
 * them: connecting as {@code connecting} (dblink_connect's own, or a connection made for
 * one call), then results and cancels.
 */
final class ConnectionWaits implements WaitReporter {
    private final LocalBackend backend;
    private final RemoteWait connecting;

    private ConnectionWaits(LocalBackend backend, RemoteWait connecting) {
        this.backend = backend;
        this.connecting = connecting;
    }

    /**
     * Readies every wait the connection reports before the first of them, so a backend that
     * cannot (PostgreSQL 17+ out of custom wait events) fails here with its own error
     * rather than in the middle of a wait.
     */
    static ConnectionWaits prepare(LocalBackend backend, RemoteWait connecting) {
        for (RemoteWait wait : new RemoteWait[] {connecting, RemoteWait.GET_RESULT, RemoteWait.CANCEL}) {
            backend.prepareWait(wait);
        }
        return new ConnectionWaits(backend, connecting);
    }

    @Override
    public void waitStarted(Purpose purpose) {
        backend.waitStarted(switch (purpose) {
            case CONNECT -> connecting;
            case RESULT -> RemoteWait.GET_RESULT;
            case CANCEL -> RemoteWait.CANCEL;
        });
    }

    @Override
    public void waitEnded() {
        backend.waitEnded();
    }
}
