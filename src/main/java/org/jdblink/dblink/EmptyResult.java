package org.jdblink.dblink;

/** A call that returns an empty set without a query (dblink returns before materializing). */
final class EmptyResult implements ResultStream {
    @Override
    public String remoteParameter(String name) {
        return null;
    }

    @Override
    public boolean pump(RowSink sink) {
        return false;
    }

    @Override
    public void abandon() {
        // nothing was started
    }
}
