package cn.gradflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.testing.GradFlowSpringTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the Spring Boot starter's eventing (a Spring event for every execution, task and history event of every
 * process) is off, since nothing in GradFlow listens to it; GradFlow's own listeners stay.
 */
@GradFlowSpringTest
class EngineEventingTest {

    private static final String STARTER_EVENTS = "org.camunda.bpm.spring.boot.starter.event.";

    @Autowired ProcessEngine engine;

    @Test
    void noEngineEventBecomesASpringEvent() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getCustomPostBPMNParseListeners()).isNotEmpty()
                .noneMatch(listener -> listener.getClass().getName().startsWith(STARTER_EVENTS));
        assertThat(configuration.getCustomPreBPMNParseListeners() == null ? java.util.List.of() : configuration.getCustomPreBPMNParseListeners())
                .noneMatch(listener -> listener.getClass().getName().startsWith(STARTER_EVENTS));
        assertThat(configuration.getCustomHistoryEventHandlers() == null ? java.util.List.of() : configuration.getCustomHistoryEventHandlers())
                .noneMatch(handler -> handler.getClass().getName().startsWith(STARTER_EVENTS));
    }
}
