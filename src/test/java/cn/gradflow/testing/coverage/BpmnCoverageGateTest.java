package cn.gradflow.testing.coverage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.EventSource;
import org.camunda.community.process_test_coverage.core.model.EventType;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.gradflow.testing.coverage.BpmnCoverageGate.ProcessFlows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate itself: which flows it counts, whose takes count, and when it fails. */
class BpmnCoverageGateTest {

    @TempDir Path tmp;

    @Test
    void countsEveryFlowOfTheProcessIncludingItsEventSubprocessAndOnlyTakesOfThatProcess() throws Exception {
        List<Event> events = List.of(
                take("graduation-application", "Flow_Start"),
                // the same id in another process, and a flow node event with a flow's id, do not count
                take("identity-review", "Flow_BranchDecided"),
                new Event(EventSource.FLOW_NODE, EventType.START, "Flow_HqDecided", "userTask", "graduation-application", 0));

        Map<String, ProcessFlows> measured = BpmnCoverageGate.measure(Path.of("processes"), events).stream()
                .collect(Collectors.toMap(ProcessFlows::key, p -> p));

        ProcessFlows application = measured.get("graduation-application");
        assertThat(application.flows()).hasSize(44).contains("Flow_AuditInJob", "Flow_AuditAtStart", "Flow_CheckAtStart", "Flow_ClosedStart", "Flow_ClosedRecorded", "Flow_BranchDecided", "Flow_AwaitWithdrawn");
        assertThat(application.untaken()).hasSize(43).doesNotContain("Flow_Start").contains("Flow_BranchDecided", "Flow_HqDecided");
        assertThat(measured.get("identity-review").untaken()).hasSize(10).doesNotContain("Flow_BranchDecided");
        assertThat(measured).containsKeys("graduation-batch", "hq-submission", "status-expiry");
    }

    @Test
    void failsBelowTheMinimumWithTheUntakenFlowsAndPassesWhenLoweredForThatProcess() throws Exception {
        Path processes = Files.createDirectories(tmp.resolve("processes"));
        Bpmn.writeModelToFile(processes.resolve("tiny.bpmn").toFile(), Bpmn.createExecutableProcess("tiny")
                .startEvent("start").sequenceFlowId("f1").exclusiveGateway("gw")
                .sequenceFlowId("f2").endEvent("a")
                .moveToNode("gw").sequenceFlowId("f3").endEvent("b").done());
        Path reports = tmp.resolve("reports");
        classReport(reports, "SomeTest", take("tiny", "f1"), take("tiny", "f2"));

        assertThatThrownBy(() -> gate(processes, reports, "1.0", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tiny 66.7 % < 100 %").hasMessageContaining("Untaken: tiny: f3");
        assertThatThrownBy(() -> gate(processes, reports, "1.0", "unknown=0.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[unknown]");

        gate(processes, reports, "1.0", "tiny=0.6");
        assertThat(reports.resolve("all/summary.txt")).content()
                .contains("tiny", "66.7 %", "60 % (lowered for this process)", "untaken: f3").doesNotContain("raise");
        gate(processes, reports, "1.0", "tiny=0.3");
        assertThat(reports.resolve("all/summary.txt")).content().contains("66.7 % now: raise its entry");
        assertThat(reports.resolve("all/report.html")).exists();

        classReport(reports, "OtherTest", take("tiny", "f3"));
        gate(processes, reports, "1.0", "tiny=0.3");
        assertThat(reports.resolve("all/summary.txt")).content().contains("at 100 % now: drop its entry");
        gate(processes, reports, "1.0", "");
        assertThat(reports.resolve("all/summary.txt")).content().contains("every process at or above its minimum");
    }

    @Test
    void withoutAnyClassReportItFails() throws Exception {
        assertThatThrownBy(() -> gate(Path.of("processes"), tmp.resolve("none"), "0", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no test class reports");
    }

    private static void gate(Path processes, Path reports, String minimum, String perProcess) throws Exception {
        BpmnCoverageGate.main(new String[] {"--processes=" + processes, "--reports=" + reports, "--minimum=" + minimum,
                "--per-process=" + perProcess, "--enforce=true"});
    }

    private static Event take(String process, String flow) {
        return new Event(EventSource.SEQUENCE_FLOW, EventType.TAKE, flow, "sequenceFlow", process, 0);
    }

    private static void classReport(Path reports, String testClass, Event... events) throws Exception {
        Suite suite = new Suite(testClass, testClass);
        Run run = new Run("test", "test");
        for (Event e : events) {
            run.addEvent(e);
        }
        suite.addRun(run);
        Path dir = Files.createDirectories(reports.resolve(testClass));
        Files.writeString(dir.resolve("report.json"), CoverageStateJsonExporter.createCoverageStateResult(List.of(suite),
                List.of(new Model(events[0].getModelKey(), 6, null, "<definitions/>"))));
    }
}
