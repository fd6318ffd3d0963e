package cn.gradflow.application;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 review: a student started in bulk (the audit in the start's transaction, {@code CheckEligibilityAtStart}) ends
 * in the same state as the same kind of student started alone whose audit job then ran ({@code CheckEligibility}):
 * GradFlow's rows (application, findings, trail, open_task, dashboard deltas, photo lock) and the engine's (tasks, their
 * groups and due dates, variables, authorizations), everything but ids, times and the audit's own activity id.
 */
@GradFlowSpringTest
class StartPathsEqualTest {

    @Autowired TestRoster roster;
    @Autowired ApplicationStarter starter;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired BatchRepository batches;
    @Autowired SchoolClock clock;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    static List<Arguments> kinds() {
        return List.of(
                Arguments.of("eligible", (java.util.function.Function<StartPathsEqualTest, String>) t -> t.roster.eligibleStudent(LC_A, "GSGL")),
                Arguments.of("noPhoto", (java.util.function.Function<StartPathsEqualTest, String>) t -> t.roster.studentWithoutPhoto(LC_A)),
                Arguments.of("identityDoubtful", (java.util.function.Function<StartPathsEqualTest, String>) t -> t.withChsi(
                        t.roster.eligibleStudent(LC_A, "GSGL"), new ChsiStatus(true, true, true, false))),
                Arguments.of("photoDoubtful", (java.util.function.Function<StartPathsEqualTest, String>) t -> t.withChsi(
                        t.roster.eligibleStudent(LC_A, "GSGL"), new ChsiStatus(false, false, true, true))),
                Arguments.of("continuing", (java.util.function.Function<StartPathsEqualTest, String>) t -> t.roster.continuingStudent(LC_A)),
                Arguments.of("noCityTier", (java.util.function.Function<StartPathsEqualTest, String>) t -> t.roster.eligibleStudent(LC_COLLEGE, "GSGL")),
                Arguments.of("impostor", (java.util.function.Function<StartPathsEqualTest, String>) t -> t.impostor(
                        t.roster.eligibleStudent(LC_A, "GSGL"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aStudentStartedInBulkEndsAsTheSameStudentStartedAloneAndAuditedByTheJob(String kind,
            java.util.function.Function<StartPathsEqualTest, String> make) {
        Batch batch = batches.findBatch(BATCH).orElseThrow();
        String alone = make.apply(this);
        String inBulk = make.apply(this);

        Map<String, Long> before = dashboard();
        StartResult aloneResult = starter.start(batch, alone, clock.today());
        ProcessInstance aloneCase = instance(alone);
        if (aloneCase != null) {
            driver.runJobs(aloneCase);
        }
        Map<String, Long> afterAlone = dashboard();
        StartResult bulkResult = starter.startAll(batch, List.of(inBulk), clock.today()).get(0);
        Map<String, Long> afterBulk = dashboard();

        assertThat(bulkResult.result()).isEqualTo(aloneResult.result());
        assertThat(bulkResult.message()).isEqualTo(aloneResult.message());
        assertThat(delta(afterAlone, afterBulk)).as("dashboard").isEqualTo(delta(before, afterAlone));
        Snapshot a = snapshot(alone);
        Snapshot b = snapshot(inBulk);
        assertThat(b).usingRecursiveComparison().isEqualTo(a);
        if (aloneResult.result() == StartResult.Outcome.STARTED) {
            assertThat(b.tasks()).as("a started case waits at a task").isNotEmpty();
            assertThat(b.grants()).as("its units read it").isNotEmpty();
        }
    }

    record Snapshot(String application, List<String> findings, List<String> trail, boolean trailIntact, List<String> tasks,
                    List<String> openTasks, List<String> variables, List<String> grants, List<String> photo, long jobs,
                    long incidents) {
    }

    private Snapshot snapshot(String studentNo) {
        ApplicationRecord a = applications.find(BATCH, studentNo).orElse(null);
        ProcessInstance pi = instance(studentNo);
        List<String> instanceIds = pi == null ? List.of() : runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(pi.getBusinessKey()).list().stream().map(ProcessInstance::getId).toList();
        List<String> taskIds = new ArrayList<>();
        List<String> taskRows = new ArrayList<>();
        for (String id : instanceIds) {
            for (Task t : tasks.createTaskQuery().processInstanceId(id).list()) {
                taskIds.add(t.getId());
                List<String> links = tasks.getIdentityLinksForTask(t.getId()).stream()
                        .map(l -> l.getType() + ":" + l.getGroupId() + ":" + l.getUserId()).sorted().toList();
                taskRows.add(t.getTaskDefinitionKey() + "|" + t.getName() + "|" + t.getAssignee() + "|" + t.getOwner() + "|"
                        + t.getDueDate() + "|" + t.getFollowUpDate() + "|" + t.getPriority() + "|" + t.getDescription() + "|" + links);
            }
        }
        List<String> resources = new ArrayList<>(instanceIds);
        resources.addAll(taskIds);
        return new Snapshot(
                a == null ? null : String.join("|", a.state().name(), a.tier().name(), String.valueOf(a.round()),
                        String.valueOf(a.kind()), String.valueOf(a.degreeType()), String.valueOf(a.registrationNo()),
                        String.valueOf(pi == null ? null : pi.getId().equals(a.processInstanceId())),
                        String.valueOf(applications.dueDays(a.id()))),
                a == null ? List.of() : normalise(applications.findings(a.id()).stream().map(String::valueOf).toList(), studentNo),
                a == null ? List.of() : applications.decisions(a.id()).stream()
                        .map(d -> d.userId() + "|" + d.unitCode() + "|" + d.tier() + "|" + d.decision() + "|" + d.reason()
                                + "|" + d.findings()).map(r -> r.replace(studentNo, "<no>")).toList(),
                a == null || applications.trailIntact(a.id()),
                normalise(taskRows, studentNo),
                normalise(instanceIds.isEmpty() ? List.of() : jdbc.sql("""
                                SELECT process_key, task_key, step, candidate_group, tier, assignee, due_at, batch_code, unit_code,
                                    student_no, student_name, major_name FROM open_task WHERE process_instance_id IN (:ids)""")
                        .param("ids", instanceIds).query((rs, n) -> {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= 12; i++) {
                                row.append(rs.getString(i)).append('|');
                            }
                            return row.toString();
                        }).list(), studentNo),
                normalise(instanceIds.isEmpty() ? List.of() : jdbc.sql("""
                                SELECT NAME_, TYPE_, TEXT_, LONG_, DOUBLE_ FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ IN (:ids)
                                AND NAME_ <> 'applicationId'""")
                        .param("ids", instanceIds)
                        .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                                + "|" + rs.getString(5)).list(), studentNo),
                resources.isEmpty() ? List.of() : jdbc.sql("""
                                SELECT TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, PERMS_ FROM ACT_RU_AUTHORIZATION
                                WHERE RESOURCE_ID_ IN (:ids)""")
                        .param("ids", resources)
                        .query((rs, n) -> rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4) + "|"
                                + rs.getInt(5)).list().stream().sorted().toList(),
                jdbc.sql("SELECT kind, locked FROM photo WHERE student_no = ? ORDER BY kind").param(studentNo)
                        .query((rs, n) -> rs.getString(1) + "|" + rs.getBoolean(2)).list(),
                instanceIds.isEmpty() ? 0 : management.createJobQuery().processInstanceId(instanceIds.get(0)).count(),
                instanceIds.isEmpty() ? 0 : runtime.createIncidentQuery().processInstanceId(instanceIds.get(0)).count());
    }

    /** Without what differs by student: the number and the name (测试N). */
    private List<String> normalise(List<String> rows, String studentNo) {
        String name = jdbc.sql("SELECT name FROM student WHERE student_no = ?").param(studentNo).query(String.class).single();
        return rows.stream().map(r -> r.replace(studentNo, "<no>").replace(name, "<name>")).sorted().toList();
    }

    /** The dashboard's counts of the test batch and of every batch ('*'), totals and deltas added up. */
    private Map<String, Long> dashboard() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("""
                        SELECT batch_code, centre, state, SUM(n) FROM (
                            SELECT batch_code, centre, state, n FROM dashboard_count
                            UNION ALL SELECT batch_code, centre, state, n FROM dashboard_count_delta) c
                        WHERE batch_code IN (:batches) GROUP BY batch_code, centre, state""")
                .param("batches", List.of(BATCH, "*"))
                .query((java.sql.ResultSet rs) -> {
                    counts.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3), rs.getLong(4));
                });
        return counts;
    }

    private static Map<String, Long> delta(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> d = new TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(from.keySet());
        keys.addAll(to.keySet());
        for (String k : keys) {
            long n = to.getOrDefault(k, 0L) - from.getOrDefault(k, 0L);
            if (n != 0) {
                d.put(k, n);
            }
        }
        return d;
    }

    private String withChsi(String studentNo, ChsiStatus status) {
        roster.chsi(studentNo, status);
        return studentNo;
    }

    /** R-ID-04: proven an impostor by an admission review. */
    private String impostor(String studentNo) {
        Timestamp now = clock.timestamp();
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO admission_case (student_no, kind, state, outcome, started_by, started_at, closed_at)
                        VALUES (?, 'PHOTO_COMPARISON', 'CLOSED', 'IMPOSTOR', 'test', ?, ?)""")
                .params(studentNo, now, now).update(keys, "id");
        jdbc.sql("""
                        INSERT INTO identity_verdict (student_no, verdict, case_id, reason, decided_by, decided_at)
                        VALUES (?, 'IMPOSTOR', ?, '测试', 'test', ?)""")
                .params(studentNo, keys.getKey().longValue(), now).update();
        return studentNo;
    }

    private ProcessInstance instance(String studentNo) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ApplicationProcess.businessKey(BATCH, studentNo))
                .singleResult();
    }
}
