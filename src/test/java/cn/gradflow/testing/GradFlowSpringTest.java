package cn.gradflow.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

import cn.gradflow.testing.coverage.BpmnCoverageConfiguration;
import cn.gradflow.testing.coverage.BpmnCoverageListener;

/**
 * One Spring context for all H2 tests: the full web app on a random port, test profile, no job executor.
 * Every class also records the BPMN flows it takes, for the coverage gate of {@code mvn verify}
 * ({@link cn.gradflow.testing.coverage.BpmnCoverageGate}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(BpmnCoverageConfiguration.class)
@TestExecutionListeners(listeners = BpmnCoverageListener.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface GradFlowSpringTest {
}
