package org.jdblink.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestCluster} for one test class. Register it as
 * {@code @RegisterExtension static final ClassCluster pg = new ClassCluster(false);}:
 * the cluster starts before the class's {@code @BeforeAll} methods and is destroyed after
 * its {@code @AfterAll} methods (also when they or the tests failed).
 */
public class ClassCluster implements BeforeAllCallback, AfterAllCallback {
    private final boolean ssl;
    private TestCluster cluster;

    /** With {@code ssl} the server has ssl=on (see {@link TestCluster#start(boolean)}). */
    public ClassCluster(boolean ssl) {
        this.ssl = ssl;
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
