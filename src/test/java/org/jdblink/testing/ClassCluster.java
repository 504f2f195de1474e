package org.jdblink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestCluster} for one test class. Register it as
 * {@code @RegisterExtension static final ClassCluster pg = new ClassCluster(false);}:
 * the cluster starts before the class's {@code @BeforeAll} methods and is destroyed after
 * its {@code @AfterAll} methods (also when they or the tests failed). With
 * {@code -Djdblink.test.server} it is that existing server instead ({@link TestCluster}).
 */
public class ClassCluster implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    private final boolean ssl;
    private TestCluster cluster;

    /** With {@code ssl} the server has ssl=on (see {@link TestCluster#start(boolean)}). */
    public ClassCluster(boolean ssl) {
        this.ssl = ssl;
    }

    /**
     * Disables the class when the existing server cannot serve it: its tests are then
     * reported skipped one by one with the reason (an assumption failing in beforeAll
     * would skip them without a word in Surefire's reports).
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        try {
            String unfit = TestCluster.existingServerUnfitFor(ssl);
            return unfit == null ? ConditionEvaluationResult.enabled("no existing server, or a fitting one")
                    : ConditionEvaluationResult.disabled(unfit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask the server of -D" + ExistingServer.PROPERTY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the server of -D" + ExistingServer.PROPERTY, e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = TestCluster.start(ssl);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster (between the class's first and last callbacks only). */
    public TestCluster cluster() {
        return cluster;
    }
}
