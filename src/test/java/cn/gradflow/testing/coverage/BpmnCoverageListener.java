package cn.gradflow.testing.coverage;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.community.process_test_coverage.core.model.Collector;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.engine.platform7.CompensationEventCoverageHandler;
import org.camunda.community.process_test_coverage.engine.platform7.ElementCoverageParseListener;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.spring_test.common.BaseProcessEngineCoverageTestExecutionListener;
import org.springframework.test.context.TestContext;

/**
 * Records the BPMN elements and sequence flows each test class takes and writes
 * {@code target/process-test-coverage/<test class>/report.{json,html}} after the class; {@link BpmnCoverageGate}
 * then judges all classes together. What process-test-coverage's Spring listener does, with two differences:
 * it is declared on {@code GradFlowSpringTest} only, and events are recorded under a lock, because
 * {@code RegistrationRace} executes jobs on eight threads and the library's collector is a plain list and map.
 */
public class BpmnCoverageListener extends BaseProcessEngineCoverageTestExecutionListener {

    private static final String CLASS_SETUP = "(class setup)";

    private final DefaultCollector collector = new DefaultCollector(new ExecutionContextModelProvider());

    private final Collector lockedCollector = event -> {
        synchronized (collector) {
            collector.addEvent(event);
        }
    };

    @Override
    protected DefaultCollector getCoverageCollector() {
        return collector;
    }

    /** Classes without an engine, or with an engine built without the parse listener (coverage off), record nothing. */
    @Override
    protected boolean isTestClassExcluded(TestContext testContext) {
        return super.isTestClassExcluded(testContext) || parseListener(testContext).isEmpty();
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        super.beforeTestClass(testContext);
        if (isTestClassExcluded(testContext)) {
            return;
        }
        // a run for what happens before the first test method (@BeforeAll): the library's collector has none
        collector.createRun(new Run(CLASS_SETUP, CLASS_SETUP), collector.getActiveSuite().getId());
        collector.activateRun(CLASS_SETUP);
        parseListener(testContext).orElseThrow().setCoverageState(lockedCollector);
        if (configuration(testContext).getEventHandler("compensate") instanceof CompensationEventCoverageHandler handler) {
            handler.setCoverageState(lockedCollector);
        }
    }

    /** A class that ran no process writes no report (and the library's "could not be calculated" warning is left out). */
    @Override
    public void afterTestClass(TestContext testContext) {
        if (isTestClassExcluded(testContext)
                || collector.getSuites().values().stream().allMatch(suite -> suite.getEvents().isEmpty())) {
            return;
        }
        super.afterTestClass(testContext);
    }

    private static Optional<ElementCoverageParseListener> parseListener(TestContext testContext) {
        if (testContext.getApplicationContext().getBeanNamesForType(ProcessEngine.class).length == 0) {
            return Optional.empty();
        }
        List<BpmnParseListener> listeners = configuration(testContext).getCustomPostBPMNParseListeners();
        return listeners == null ? Optional.empty()
                : listeners.stream().filter(ElementCoverageParseListener.class::isInstance)
                        .map(ElementCoverageParseListener.class::cast).findFirst();
    }

    private static ProcessEngineConfigurationImpl configuration(TestContext testContext) {
        return (ProcessEngineConfigurationImpl) testContext.getApplicationContext().getBean(ProcessEngine.class)
                .getProcessEngineConfiguration();
    }
}
