package cn.gradflow.opentasks;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: open_task equals the engine's open tasks after every kind of change, and the page reads it in scope. */
@GradFlowSpringTest
@SuppressWarnings({"unchecked", "rawtypes"})
class OpenTaskProjectionTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ProcessEngine engine;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired ManagementService management;
    @Autowired OpenTasks openTasks;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired PlatformTransactionManager transactionManager;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    private void inStep() {
        List<List<OpenTasks.Row>> both = openTasks.compareWithEngine();
        assertThat(both.get(1)).as("open_task").containsExactlyElementsOf(both.get(0));
    }

    private Task taskOf(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    }

    @Test
    void theProjectionFollowsEveryChangeOfATask() {
        ProcessInstance submitting = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        ProcessInstance atCity = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        driver.apply(atCity, "th1", "GRADUATION");
        ProcessInstance rejected = driver.start(roster.eligibleStudent(LC_B, "XZGL"));
        driver.apply(rejected, "py1", "GRADUATION");
        inStep();
        assertThat(openTasks.compareWithEngine().get(0)).hasSizeGreaterThanOrEqualTo(3);
        Task city = taskOf(atCity);
        Map row = jdbc.sql("SELECT candidate_group, tier, batch_code, student_no, unit_code, student_name, major_name, step FROM open_task"
                + " WHERE task_id = ?").param(city.getId()).query().singleRow();
        assertThat(lower(row)).containsEntry("candidate_group", "GDGZ").containsEntry("tier", "CITY").containsEntry("batch_code", BATCH)
                .containsEntry("student_no", atCity.getBusinessKey().substring(BATCH.length() + 1)).containsEntry("unit_code", LC_A)
                .containsEntry("step", "分校审批");
        assertThat(lower(row).get("student_name")).isNotNull();
        assertThat(lower(row).get("major_name")).isNotNull();

        // claimed, handed to a colleague, given back, re-dated, a second group added
        tasks.claim(city.getId(), "gz1");
        inStep();
        tasks.setAssignee(city.getId(), "gz2");
        inStep();
        tasks.setAssignee(city.getId(), null);
        inStep();
        Task loaded = tasks.createTaskQuery().taskId(city.getId()).singleResult();
        loaded.setDueDate(new Date(loaded.getDueDate().getTime() + 86_400_000L));
        tasks.saveTask(loaded);
        inStep();
        tasks.addCandidateGroup(city.getId(), "GD");
        inStep();
        tasks.deleteCandidateGroup(city.getId(), "GD");
        inStep();

        // completed (the case moves on to a new task), rejected back to the centre
        driver.approve(atCity, "gz1");
        driver.reject(rejected, "gz1", "毕业照片背景不符");
        inStep();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM open_task WHERE task_id = ?").param(city.getId()).query(Long.class).single()).isZero();

        // cancelled from Cockpit, which skips the BPMN's own listeners by default
        runtime.deleteProcessInstance(submitting.getId(), "测试撤销", true);
        inStep();
    }

    @Test
    void aTaskEndedByItsTimerLeavesTheProjection() {
        String key = "open-task-timer";
        repository.createDeployment().addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().userTask("Waiting").name("等待").camundaCandidateGroups("GDSG")
                .boundaryEvent("Late").timerWithDuration("PT1H").endEvent().done()).deploy();
        ProcessInstance pi = runtime.startProcessInstanceByKey(key, BATCH + "-GD");
        inStep();
        Task waiting = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(jdbc.sql("SELECT batch_code FROM open_task WHERE task_id = ?").param(waiting.getId()).query(String.class).single())
                .isEqualTo(BATCH);
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
        management.executeJob(timer.getId());
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        inStep();
    }

    @Test
    void aCompletionUndoneBySavepointKeepsItsRowAndATaskBornAndDoneInOneTransactionLeavesNone() {
        String key = "open-task-savepoint";
        repository.createDeployment().addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().userTask("First").name("第一步").camundaCandidateGroups("GDSG")
                .userTask("Second").name("第二步").camundaCandidateGroups("GDSG").endEvent().done()).deploy();
        ProcessInstance pi = runtime.startProcessInstanceByKey(key, BATCH + "-GD");
        Task first = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        // as BulkDecisions undoes one student: the completion's listener ran, its rows did not stay
        transaction.executeWithoutResult(status -> {
            Object savepoint = status.createSavepoint();
            tasks.complete(first.getId());
            status.rollbackToSavepoint(savepoint);
        });
        inStep();
        assertThat(jdbc.sql("SELECT step FROM open_task WHERE task_id = ?").param(first.getId()).query(String.class).single())
                .isEqualTo("第一步");

        // the second task created and completed in one transaction; the first completed: neither keeps a row
        transaction.executeWithoutResult(status -> {
            tasks.complete(first.getId());
            tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId());
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM open_task WHERE process_instance_id = ?").param(pi.getId()).query(Long.class).single())
                .isZero();
        inStep();
    }

    @Test
    void reconcileRestoresWhatTheDatabaseLost() {
        ProcessInstance pi = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        String taskId = taskOf(pi).getId();
        jdbc.sql("DELETE FROM open_task WHERE task_id = ?").param(taskId).update();
        jdbc.sql("INSERT INTO open_task (task_id, process_instance_id, process_key, created_at) VALUES ('gone', 'gone', 'gone', CURRENT_TIMESTAMP)")
                .update();
        int[] changed = openTasks.reconcile();
        assertThat(changed[0]).isEqualTo(1);
        assertThat(changed[1]).isEqualTo(1);
        inStep();
        assertThat(jdbc.sql("SELECT step FROM open_task WHERE task_id = ?").param(taskId).query(String.class).single()).isEqualTo("提交毕业申请");
    }

    @Test
    void theOfficersPageIsTheirQueueInTheBatchByDueDate() {
        ProcessInstance first = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        driver.apply(first, "th1", "GRADUATION");
        ProcessInstance second = driver.start(roster.eligibleStudent(LC_B, "XZGL"));
        driver.apply(second, "py1", "GRADUATION");
        tasks.claim(taskOf(second).getId(), "gz1");

        long engineCount = tasks.createTaskQuery().taskCandidateGroup("GDGZ").includeAssignedTasks()
                .processVariableValueEquals(ApplicationProcess.BATCH_CODE.name(), BATCH).count();
        Map page = get("gz1", "/api/batches/" + BATCH + "/tasks?size=200").getBody();
        assertThat(((Number) page.get("total")).longValue()).isEqualTo(engineCount);
        List<Map> items = (List<Map>) page.get("items");
        assertThat(items).extracting(i -> i.get("candidateGroup")).containsOnly("GDGZ");
        assertThat(items).extracting(i -> i.get("studentNo")).contains(first.getBusinessKey().substring(BATCH.length() + 1));
        List<String> dues = items.stream().map(i -> (String) i.get("due")).toList();
        assertThat(dues).isSortedAccordingTo(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));

        Map mine = get("gz1", "/api/batches/" + BATCH + "/tasks?assignee=me").getBody();
        // other tests of the shared context may have left gz1 a claimed task too: all of them gz1's, this one among them
        assertThat((List<Map>) mine.get("items")).extracting(i -> i.get("taskId")).contains(taskOf(second).getId());
        assertThat((List<Map>) mine.get("items")).extracting(i -> i.get("assignee")).containsOnly("gz1");
        Map open = get("gz1", "/api/batches/" + BATCH + "/tasks?assignee=none&size=200").getBody();
        assertThat((List<Map>) open.get("items")).extracting(i -> i.get("assignee")).containsOnlyNulls();
        // the filter's count (V68's index) is the engine's: a candidate-group query leaves claimed tasks out
        assertThat(((Number) open.get("total")).longValue()).isEqualTo(tasks.createTaskQuery().taskCandidateGroup("GDGZ")
                .processVariableValueEquals(ApplicationProcess.BATCH_CODE.name(), BATCH).count());

        // a centre's clerk cannot read the city's queue; a bad assignee or batch is refused in Chinese
        ResponseEntity<Map> refused = get("th1", "/api/batches/" + BATCH + "/tasks?unit=GDGZ");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) refused.getBody().get("message")).contains("不在本人范围内");
        assertThat(get("gz1", "/api/batches/" + BATCH + "/tasks?assignee=x").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("gz1", "/api/batches/209901/tasks").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // HQ may look at the city's queue
        assertThat(((Number) get("hq1", "/api/batches/" + BATCH + "/tasks?unit=GDGZ").getBody().get("total")).longValue())
                .isEqualTo(engineCount);
    }

    @Test
    void theEngineHasGradFlowsIndexesForVariableFiltersAndSubtasks() throws Exception {
        // engine.EngineIndexes: Tasklist's batch filter, and the subtask look-up of every completion (camunda/camunda#36824)
        assertThat(indexExists("ACT_RU_VARIABLE", "GF_IDX_VAR_PROCINST_NAME")).as("variable index").isTrue();
        assertThat(indexExists("ACT_RU_TASK", "GF_IDX_TASK_PARENT")).as("subtask index").isTrue();
    }

    private boolean indexExists(String table, String index) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), null, table, false, true)) {
            boolean found = false;
            while (rs.next()) {
                found |= index.equalsIgnoreCase(rs.getString("INDEX_NAME"));
            }
            return found;
        }
    }

    private ResponseEntity<Map> get(String user, String url) {
        return http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity(url, Map.class);
    }

    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> lower = new java.util.HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        return lower;
    }
}
