package cn.gradflow.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.testing.GradFlowSpringTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's engine runs task completions through {@link CompletionRace} (CompletionRaceTest races them). */
@GradFlowSpringTest
class CompletionRaceWiringTest {

    @Autowired ProcessEngineConfigurationImpl configuration;

    @Test
    void theServicesCompletionsPassCompletionRaceInsideTheirCommandContext() {
        assertThat(configuration.getCustomPostCommandInterceptorsTxRequired())
                .anyMatch(interceptor -> interceptor instanceof CompletionRace.InContext);
    }
}
