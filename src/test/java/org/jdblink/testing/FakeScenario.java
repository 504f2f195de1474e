package org.jdblink.testing;

import java.io.IOException;

/** How a {@link FakePgServer} misbehaves: its authentication and its answer to "fake" queries. */
public interface FakeScenario {
    /** Authenticates the client; by default trust (AuthenticationOk). */
    default void authenticate(FakeSession session) throws IOException, InterruptedException {
        session.send(FakeMessage.of('R').int32(0));
    }

    /**
     * Whether every query is the scenario's to answer; by default only those that mention
     * {@code fake}, the session answering the client's own statements.
     */
    default boolean answersEveryQuery() {
        return false;
    }

    /**
     * Answers the Describe of a statement of the extended protocol meant for the scenario
     * (after its ParseComplete); by default as for a statement without parameters or
     * columns, so that the answer to its Execute, {@link #answer}, brings them.
     */
    default void describe(FakeSession session, String sql) throws IOException, InterruptedException {
        session.send(FakeMessage.of('t').int16(0), FakeMessage.of('n'));
    }

    /** Answers a query meant for the scenario (it sends everything, ReadyForQuery included, or nothing). */
    void answer(FakeSession session, String sql) throws IOException, InterruptedException;
}
