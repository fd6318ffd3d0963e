package cn.gradflow.benchmark;

import org.junit.jupiter.api.Tag;

import cn.gradflow.testing.GradFlowSpringTest;

/**
 * {@link DashboardVolume} on embedded H2:
 * {@code mvn verify -Pbenchmark -Dgradflow.test.heap=-Xmx1200m -Dtest=DashboardVolumeTest}.
 */
@Tag("benchmark")
@GradFlowSpringTest
class DashboardVolumeTest extends DashboardVolume {

    @Override
    String database() {
        return "embedded H2";
    }

    @Override
    String fileName() {
        return "h2";
    }
}
