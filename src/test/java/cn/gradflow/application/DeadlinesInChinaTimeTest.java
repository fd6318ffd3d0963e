package cn.gradflow.application;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test JVM runs in UTC (the surefire argLine), as a server abroad or a container would: a centre's
 * deadline on a calendar day still ends at 23:59:59 Beijing time, not at 07:59:59 the next morning.
 */
@GradFlowSpringTest
class DeadlinesInChinaTimeTest {

    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired BatchRepository batches;
    @Autowired TaskService tasks;

    @Test
    void aCentresDeadlineEndsAtMidnightInBeijing() {
        roster.ensureBase();
        assertThat(java.util.TimeZone.getDefault().getID()).isEqualTo("UTC");
        BatchCalendar calendar = batches.findCalendar(TestRoster.BATCH, "GD").orElseThrow();

        ProcessInstance pi = driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        Task submit = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();

        assertThat(submit.getDueDate().toInstant()).isEqualTo(OffsetDateTime.of(calendar.firstRound().close().atTime(23, 59, 59),
                ZoneOffset.ofHours(8)).toInstant());
    }
}
