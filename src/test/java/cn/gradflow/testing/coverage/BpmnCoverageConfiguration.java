package cn.gradflow.testing.coverage;

import org.camunda.bpm.spring.boot.starter.configuration.Ordering;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Puts process-test-coverage's parse listener into the test engine: every activity and sequence flow of a
 * deployed process reports to the running test class's {@link BpmnCoverageListener}. Off with
 * {@code gradflow.bpmn-coverage.enabled=false} (the benchmark profile).
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gradflow.bpmn-coverage.enabled", havingValue = "true", matchIfMissing = true)
public class BpmnCoverageConfiguration {

    @Bean
    @Order(Ordering.DEFAULT_ORDER + 1)
    AbstractCamundaConfiguration bpmnCoverageParseListener() {
        return new AbstractCamundaConfiguration() {
            @Override
            public void preInit(SpringProcessEngineConfiguration configuration) {
                ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
            }
        };
    }

    /** Reports per test class only; the gate judges all classes together, so no per-class or per-method assertion. */
    @Bean
    ProcessEngineCoverageProperties bpmnCoverageProperties() {
        return ProcessEngineCoverageProperties.builder().handleTestMethodCoverage(false).build();
    }
}
