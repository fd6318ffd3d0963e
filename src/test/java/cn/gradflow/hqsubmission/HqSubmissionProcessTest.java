package cn.gradflow.hqsubmission;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.batch.WorkingDays;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.testing.WebappSession;

import static cn.gradflow.testing.TestRoster.BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Every path of processes/hq-submission.bpmn: the city confirmation loop, no cities, empty list, HQ overdue. */
@GradFlowSpringTest
class HqSubmissionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired cn.gradflow.common.SchoolClock clock;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired WorkingDays workingDays;
    @Autowired cn.gradflow.batch.BatchRepository batches;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void citiesConfirmAfterOneCorrectionRoundThenHqGetsTheListAndOverdueIsEscalated() {
        String a1 = waitingForHq(TestRoster.LC_A, "gz1", "gd1");
        String a2 = waitingForHq(TestRoster.LC_A, "gz1", "gd1");
        String s1 = waitingForHq(TestRoster.LC_OTHER_CITY, "sg1", "gd1");

        ProcessInstance list = start("gd1", "GD");
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.CONFIRM_LIST.id());
        assertThat(openTaskGroups(list)).containsExactlyInAnyOrder("GDGZ", "GDSG");
        Task guangzhou = tasks.createTaskQuery().processInstanceId(list.getId()).taskCandidateGroup("GDGZ").singleResult();
        assertThat(guangzhou.getName()).isEqualTo("确认拟上报总部名单：" + BATCH + "（广州分校）");
        // issue 11: due with the branch's review (the calendar's branchReviewDue), the end of that day in Beijing
        assertThat(guangzhou.getDueDate()).isEqualTo(clock.endOfDay(batches.findCalendar(BATCH, "GD").orElseThrow().branchReviewDue()));
        assertThat((String) engine.getRuntimeService().getVariable(list.getId(), "listSummary")).startsWith("共 3 人");
        assertThat(listed(list, "gd1", null)).containsExactlyInAnyOrder(a1, a2, s1);
        assertThat(listed(list, "gz1", "GDGZ")).containsExactlyInAnyOrder(a1, a2);

        answer(list, "GDGZ", "gz1", "RETURN", a2 + " 照片待更换，本次撤下");
        answer(list, "GDSG", "sg1", "CONFIRM", null);
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.REVISE_LIST.id());
        assertThat((String) engine.getRuntimeService().getVariable(list.getId(), "returnsSummary")).contains("照片待更换");

        complete(list, "GD", "gd1", Map.of("excludedStudentNos", a2));
        // the branch's click commits its revision; re-issuing the list is a job of its own
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.REVISE_LIST.id());
        runMessageJobs(list);
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.CONFIRM_LIST.id());
        assertThat((String) engine.getRuntimeService().getVariable(list.getId(), "listSummary")).startsWith("共 2 人");
        assertThat(listed(list, "gd1", null)).containsExactlyInAnyOrder(a1, s1);
        answer(list, "GDGZ", "gz1", "CONFIRM", null);
        answer(list, "GDSG", "sg1", "CONFIRM", null);

        // the last city's click commits only its answer; the list goes to HQ in jobs, one per case
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.SUBMIT.id());
        assertThat(state(a1)).isEqualTo(ApplicationState.AWAITING_HQ);
        runMessageJobs(list);

        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.TURNAROUND_TIMER.id());
        assertThat(state(a1)).isEqualTo(ApplicationState.HQ_REVIEW);
        assertThat(state(s1)).isEqualTo(ApplicationState.HQ_REVIEW);
        assertThat(state(a2)).isEqualTo(ApplicationState.AWAITING_HQ);
        Job timer = management.createJobQuery().processInstanceId(list.getId()).timers().singleResult();
        LocalDate due = timer.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
        assertThat(due).isEqualTo(workingDays.after(clock.today(), 5));
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

        management.executeJob(timer.getId()); // the five working days have passed
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.OVERDUE.id());
        Task overdue = tasks.createTaskQuery().processInstanceId(list.getId()).singleResult();
        assertThat(tasks.getIdentityLinksForTask(overdue.getId())).anyMatch(l -> "HQ".equals(l.getGroupId()));
        assertThat((String) engine.getRuntimeService().getVariable(list.getId(), "overdueSummary")).contains("尚待总部终审 2 人", a1, s1);
        complete(list, "HQ", "hq1", Map.of("overdueAcknowledged", true));
        assertThat(list).isEnded().hasPassed(HqSubmissionProcess.Step.END_ESCALATED.id());
    }

    @Test
    void collegeListGoesStraightToHqAndFinishesOnTime() {
        String c1 = waitingForHq(TestRoster.LC_COLLEGE, null, "smjk1");

        ProcessInstance list = start("smjk1", "SMJK");
        runMessageJobs(list);
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.TURNAROUND_TIMER.id())
                .hasNotPassed(HqSubmissionProcess.Step.CONFIRM_LIST.id());
        ProcessInstance application = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(BATCH + "-" + c1).singleResult();
        driver.approve(application, "hq1");

        management.executeJob(management.createJobQuery().processInstanceId(list.getId()).timers().singleResult().getId());
        assertThat(list).isEnded().hasPassed(HqSubmissionProcess.Step.END_ON_TIME.id());
    }

    /** R-BA-06: a list sent on 2026-09-30 is due after 国庆 (10-01 to 10-07) and its 调休 Saturday 10-10. */
    @Test
    void aListSentTheDayBeforeNationalDayIsDueAfterTheHoliday() {
        String c1 = waitingForHq(TestRoster.LC_COLLEGE, null, "smjk1");
        ProcessInstance list = start("smjk1", "SMJK");
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-09-30T02:00:00Z"))); // 10:00 in Beijing
        try {
            runMessageJobs(list);
        } finally {
            ClockUtil.reset();
        }
        assertThat(list).isWaitingAt(HqSubmissionProcess.Step.TURNAROUND_TIMER.id());
        Job timer = management.createJobQuery().processInstanceId(list.getId()).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-10-13T09:00:00Z")); // 17:00 in Beijing

        driver.approve(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(BATCH + "-" + c1).singleResult(), "hq1");
        management.executeJob(timer.getId());
        assertThat(list).isEnded().hasPassed(HqSubmissionProcess.Step.END_ON_TIME.id());
    }

    /**
     * Issue 11: a branch asking for a list with nobody waiting is refused before anything starts, at /api and
     * at Tasklist's 「Start process」 (the webapps' submit-form), with the reason in Chinese. The batch's close
     * files its list as system and may find it empty: that one ends at once as 无待上报学生, on record.
     */
    @Test
    void anEmptyListIsRefusedAtBothDoorsAndOnlyTheBranchMayStartIt() {
        ResponseEntity<Map> forbidden = http.withBasicAuth("gz1", TestRoster.PASSWORD)
                .postForEntity("/api/batches/" + BATCH + "/branches/SMJK/hq-submissions", null, Map.class);
        assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        long listsBefore = smjkLists();

        ResponseEntity<Map> empty = http.withBasicAuth("smjk1", TestRoster.PASSWORD)
                .postForEntity("/api/batches/" + BATCH + "/branches/SMJK/hq-submissions", null, Map.class);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(empty.getBody()).containsEntry("error", "NOTHING_WAITING");
        assertThat((String) empty.getBody().get("message")).contains("生命健康学院没有可编入名单的学生", "待分部上报总部");

        WebappSession tasklist = WebappSession.login(port, "smjk1", TestRoster.PASSWORD, "tasklist");
        var started = tasklist.post("/camunda/api/engine/engine/default/process-definition/key/hq-submission/submit-form",
                "{\"variables\":{\"batchCode\":{\"value\":\"" + BATCH + "\"},\"branch\":{\"value\":\"SMJK\"}}}");
        assertThat(started.statusCode()).isEqualTo(400);
        assertThat(started.body()).contains("没有可编入名单的学生");
        assertThat(smjkLists()).as("nothing started").isEqualTo(listsBefore);

        ProcessInstance atClose = engine.getRuntimeService().createProcessInstanceByKey(HqSubmissionProcess.KEY)
                .setVariables(Map.of("batchCode", BATCH, "branch", "SMJK")).execute();
        assertThat(atClose).isEnded().hasPassed(HqSubmissionProcess.Step.END_EMPTY.id());
    }

    private long smjkLists() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(HqSubmissionProcess.KEY)
                .processInstanceBusinessKey(BATCH + "-SMJK").count();
    }

    /** A new case of the centre, approved up to the branch. */
    private String waitingForHq(String centre, String cityUser, String branchUser) {
        String no = roster.eligibleStudent(centre, "XZGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, lcUser(centre), "GRADUATION");
        if (cityUser != null) {
            driver.approve(pi, cityUser);
        }
        driver.approve(pi, branchUser);
        assertThat(state(no)).isEqualTo(ApplicationState.AWAITING_HQ);
        return no;
    }

    private ProcessInstance start(String user, String branch) {
        ResponseEntity<Map> response = http.withBasicAuth(user, TestRoster.PASSWORD)
                .postForEntity("/api/batches/" + BATCH + "/branches/" + branch + "/hq-submissions", null, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody()).containsEntry("empty", false);
        String id = (String) response.getBody().get("processInstanceId");
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    /** The list as its page shows it to the user (a city passes its code). */
    @SuppressWarnings("unchecked")
    private List<String> listed(ProcessInstance list, String user, String city) {
        Object id = engine.getRuntimeService().getVariable(list.getId(), "submissionId");
        ResponseEntity<Map> page = http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity("/api/hq-submissions/" + id
                + "/items?size=200" + (city == null ? "" : "&city=" + city), Map.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map<String, Object>>) page.getBody().get("items")).stream().map(i -> (String) i.get("studentNo")).toList();
    }

    /** What the job executor would do: every async continuation of the list, until only the timer waits. */
    private void runMessageJobs(ProcessInstance list) {
        for (int round = 0; round < 1000; round++) {
            List<Job> jobs = management.createJobQuery().processInstanceId(list.getId()).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
        throw new AssertionError("jobs keep coming");
    }

    private List<String> openTaskGroups(ProcessInstance list) {
        return tasks.createTaskQuery().processInstanceId(list.getId()).list().stream()
                .flatMap(t -> tasks.getIdentityLinksForTask(t.getId()).stream())
                .map(l -> l.getGroupId()).filter(g -> g != null).toList();
    }

    private void answer(ProcessInstance list, String city, String user, String decision, String corrections) {
        Map<String, Object> vars = corrections == null ? Map.of("confirmation", decision)
                : Map.of("confirmation", decision, "corrections", corrections);
        complete(list, city, user, vars);
    }

    private void complete(ProcessInstance list, String group, String user, Map<String, Object> vars) {
        Task task = tasks.createTaskQuery().processInstanceId(list.getId()).taskCandidateGroup(group).singleResult();
        roster.authenticate(user);
        try {
            tasks.complete(task.getId(), vars);
        } finally {
            identity.clearAuthentication();
        }
    }

    private ApplicationState state(String studentNo) {
        return applications.find(BATCH, studentNo).orElseThrow().state();
    }

    private static String lcUser(String centre) {
        return switch (centre) {
            case TestRoster.LC_A -> "th1";
            case TestRoster.LC_B -> "py1";
            case TestRoster.LC_OTHER_CITY -> "zj1";
            default -> "bj1";
        };
    }
}
