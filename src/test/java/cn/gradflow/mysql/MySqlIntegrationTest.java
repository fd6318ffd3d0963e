package cn.gradflow.mysql;

import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batchflow.BatchFlow;
import cn.gradflow.batchflow.BatchProcess.Milestone;
import cn.gradflow.batchflow.BatchProcess;
import cn.gradflow.common.SchoolClock;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.SCALE_BRANCH;
import static cn.gradflow.testing.TestRoster.SCALE_LATER_BATCH;

import java.util.HashSet;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.RegistrationRace;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.registration.RegistrationNumber;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The whole application on a real MySQL/MariaDB server, from an empty database: Flyway and the
 * engine create their schemas, a student climbs to a registration number, and 50 concurrent issues
 * stay unique under row locks.
 */
@SpringBootTest
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles({"test", "mysql"})
@EnabledIf("cn.gradflow.mysql.MySqlDatabase#recreate")
@DirtiesContext
class MySqlIntegrationTest {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MySqlDatabase.URL);
        registry.add("spring.datasource.username", () -> MySqlDatabase.USER);
        registry.add("spring.datasource.password", () -> MySqlDatabase.PASSWORD);
        // A name of its own: engines register by name JVM-wide, and closing this context must not
        // unregister the "default" engine the H2 tests' REST API looks up.
        registry.add("camunda.bpm.process-engine-name", () -> "mysql");
    }

    static final int CASES = 300;

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired BatchRepository batches;
    @Autowired BatchFlow flow;
    @Autowired JdbcTemplate jdbcTemplate;
    @Autowired SchoolClock clock;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired RegistrationRace race;
    @Autowired cn.gradflow.opentasks.OpenTasks openTasks;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void runsOnMySql() {
        String product = jdbc.sql("SELECT VERSION()").query(String.class).single();
        assertThat(product).isNotBlank();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1").query(Integer.class).single())
                .isGreaterThanOrEqualTo(3);
    }

    /**
     * Issue 13 on MariaDB: reconcile brings open_task in line with the engine — a row of a gone task deleted, rows of
     * tasks without one written again with their step, student and names, nothing to do the second time — by comparing
     * the two sets of ids (the DELETE … NOT EXISTS it ran before could not use ACT_RU_TASK's key across the engine's
     * utf8mb3_bin ids and read every task for every row: 100,000 × 100,000 at the benchmark's fill); and V68 replaced
     * the assignee-first index by one for the queue's assignee filters.
     */
    @Test
    void openTasksReconcileOnMySql() {
        ProcessInstance pi = driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        String taskId = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
        ProcessInstance other = driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        driver.apply(other, "th1", "GRADUATION");
        String otherTaskId = tasks.createTaskQuery().processInstanceId(other.getId()).singleResult().getId();
        Map<String, Object> before = jdbc.sql("SELECT step, student_no, student_name, major_name, unit_code, batch_code, candidate_group"
                + " FROM open_task WHERE task_id = ?").param(otherTaskId).query().singleRow();
        jdbc.sql("DELETE FROM open_task WHERE task_id IN (?, ?)").params(taskId, otherTaskId).update();
        jdbc.sql("INSERT INTO open_task (task_id, process_instance_id, process_key, created_at) VALUES ('gone-1', 'gone', 'gone', CURRENT_TIMESTAMP)")
                .update();
        assertThat(openTasks.reconcile()).containsExactly(1, 2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM open_task WHERE task_id = 'gone-1'").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT step FROM open_task WHERE task_id = ?").param(taskId).query(String.class).single())
                .isEqualTo("提交毕业申请");
        assertThat(jdbc.sql("SELECT step, student_no, student_name, major_name, unit_code, batch_code, candidate_group"
                + " FROM open_task WHERE task_id = ?").param(otherTaskId).query().singleRow()).isEqualTo(before);
        assertThat(before.get("step")).isNotNull();
        assertThat(before.get("student_name")).isNotNull();
        List<List<cn.gradflow.opentasks.OpenTasks.Row>> both = openTasks.compareWithEngine();
        assertThat(both.get(1)).isEqualTo(both.get(0));
        assertThat(openTasks.reconcile()).containsExactly(0, 0);
        assertThat(jdbc.sql("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'open_task'").query(String.class).list())
                .contains("ix_open_task_queue", "ix_open_task_queue_assignee").doesNotContain("ix_open_task_assignee");
    }

    /** engine.EngineIndexes on MariaDB: the engine's variable and subtask look-ups served by GradFlow's indexes (camunda/camunda#36824). */
    @Test
    void engineIndexesOnMySql() {
        assertThat(jdbc.sql("SELECT DISTINCT UPPER(INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND UPPER(TABLE_NAME) IN ('ACT_RU_VARIABLE', 'ACT_RU_TASK')").query(String.class).list())
                .contains("GF_IDX_VAR_PROCINST_NAME", "GF_IDX_TASK_PARENT");
        // the completion's subtask query reads by the index, not the whole task table
        String plan = jdbc.sql("EXPLAIN SELECT * FROM ACT_RU_TASK WHERE PARENT_TASK_ID_ = 'x'").query((rs, n) -> rs.getString("key")).list().toString();
        assertThat(plan).containsIgnoringCase("GF_IDX_TASK_PARENT");
    }

    /** V41 on MySQL: a scope open on one side and no exemption cut-off (R-BA-02, R-EL-05) are stored as NULL. */
    @Test
    void calendarsWithoutScopeSideOrExemptionCutoffRoundTripOnMySql() {
        BatchCalendar before = batches.findCalendar(BATCH, TestRoster.BATCH_TEST_CITY_BRANCH).orElseThrow();
        try {
            BatchCalendar lifeHealth = BatchCalendar.of(BATCH, before.branchCode(), null, cn.gradflow.roster.Term.parse("202103"),
                    null, before.firstRound(), before.secondRound(), before.cityReviewDue(), before.branchReviewDue(),
                    before.hqReviewDue());
            batches.saveCalendar(lifeHealth);
            assertThat(batches.findCalendar(BATCH, before.branchCode()).orElseThrow()).isEqualTo(lifeHealth);
            BatchCalendar shandong = BatchCalendar.of(BATCH, before.branchCode(), cn.gradflow.roster.Term.parse("201803"), null,
                    null, before.firstRound(), before.secondRound(), before.cityReviewDue(), before.branchReviewDue(),
                    before.hqReviewDue());
            batches.saveCalendar(shandong);
            assertThat(batches.findCalendar(BATCH, before.branchCode()).orElseThrow()).isEqualTo(shandong);
        } finally {
            batches.saveCalendar(before);
        }
    }

    /**
     * Issue 12: Connector/J streams a result only with fetch size Integer.MIN_VALUE; the exports use it here and
     * a 2,000-case pending list and roster come out whole, over the endpoint.
     */
    @Test
    void exportsStreamTheirRowsOnMySql() throws Exception {
        roster.ensureExportBranch();
        cn.gradflow.exports.ExportSeed.seed(jdbcTemplate, "EXA02", 2_000);
        assertThat(jdbcTemplate.execute((java.sql.Connection c) -> c.getMetaData().getDriverName())).startsWith("MySQL Connector");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("ex1:" + TestRoster.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String[] export : new String[][] {{"pending", cn.gradflow.exports.ExportSeed.PENDING_BATCH},
                {"roster", cn.gradflow.exports.ExportSeed.ROSTER_BATCH}}) {
            byte[] body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .get("/api/batches/" + export[1] + "/exports/" + export[0] + ".xlsx?unit=EXA").header("Authorization", basic))
                    .andReturn().getResponse().getContentAsByteArray();
            try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(body))) {
                assertThat(wb.getSheetAt(0).getLastRowNum()).as(export[0]).isEqualTo(2_000);
            }
        }
    }

    @Test
    void studentFromStartToRegistrationNumber() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION_DEGREE");
        driver.approve(pi, "gz1");
        driver.reject(pi, "gd1", "承诺书签名不清晰");
        driver.resubmit(pi, "th1");
        driver.approve(pi, "gz1");
        driver.approve(pi, "gd1");
        driver.submitToHq(pi);
        driver.approve(pi, "hq1");
        driver.handOutCertificate(pi, "th1");

        assertThat(pi).isEnded().hasPassed(Step.END_GRADUATED.id());
        var application = applications.find(TestRoster.BATCH, no).orElseThrow();
        assertThat(application.registrationNo()).matches(RegistrationNumber.FORMAT);
        assertThat(applications.decisions(application.id())).extracting(d -> d.decision())
                // the branch records its photo comparison (R-PH-03, R-ID-04) before each decision
                .containsExactly("APPLY", "APPROVE", "PHOTO_COMPARISON", "REJECT", "RESUBMIT", "APPROVE", "PHOTO_COMPARISON",
                        "APPROVE", "APPROVE", "CERTIFICATE_HANDED_OUT");
    }

    /**
     * Camunda creates its tables on MySQL as utf8 (three bytes a character): an emoji in a reason is
     * refused as input with the field named, not by the database; the longest reason fits.
     */
    @Test
    void textsFitTheEngineTablesOnMySql() {
        assertThat(jdbc.sql("""
                        SELECT CHARACTER_SET_NAME FROM INFORMATION_SCHEMA.COLUMNS
                        WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = 'ACT_RU_VARIABLE' AND UPPER(COLUMN_NAME) = 'TEXT_'""")
                .query(String.class).single()).startsWith("utf8").isNotEqualTo("utf8mb4");
        String no = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        assertThatThrownBy(() -> driver.reject(pi, "gz1", "照片背景不符😀"))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("退回原因 含有无法保存的字符「😀」");
        driver.reject(pi, "gz1", "退".repeat(1000));
        long id = applications.find(TestRoster.BATCH, no).orElseThrow().id();
        assertThat(applications.decisions(id)).last().extracting(d -> d.reason().length()).isEqualTo(1000);
    }

    /** Issue 10 item 6 on MySQL: the identity package is GradFlow's, none of it in the engine's history. */
    @Test
    void identityDocumentsStayOutOfHistoryOnMySql() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        roster.chsi(no, new ChsiStatus(true, true, true, false));
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        Map<String, Object> upload = new HashMap<>(Map.of("identityAction", "SUBMIT"));
        upload.put("reviewFormFile", Variables.fileValue("复核表.pdf").file("%PDF-1.4 form".getBytes()).create());
        upload.put("registrationFormFile", Variables.fileValue("登记表.pdf").file("%PDF-1.4 reg".getBytes()).create());
        upload.put("admissionPhotoFile", Variables.fileValue("a.jpg").file(PhotoFixtures.admissionJpeg()).create());
        upload.put("graduationPhotoFile", Variables.fileValue("g.jpg").file(PhotoFixtures.graduationJpeg()).create());
        driver.act(pi, "th1", upload);

        long id = applications.find(TestRoster.BATCH, no).orElseThrow().id();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_review_document WHERE application_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(4);
        List<String> names = List.of("reviewFormFile", "registrationFormFile", "admissionPhotoFile", "graduationPhotoFile");
        for (String table : List.of("ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_RU_VARIABLE", "ACT_GE_BYTEARRAY")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE NAME_ IN (:names)").param("names", names)
                    .query(Long.class).single()).as(table).isZero();
        }
    }

    @Test
    void fiftyConcurrentRegistrationsStayUnique() throws Exception {
        List<String> numbers = race.run(50, 8);

        assertThat(numbers).hasSize(50).allMatch(n -> RegistrationNumber.FORMAT.matcher(n).matches());
        assertThat(new HashSet<>(numbers)).hasSize(50);
    }

    /**
     * The many-case paths' SQL (counting, paging, INSERT … SELECT, the per-unit notices): the HQ list sent
     * case by case, the batch's close and the 8-year sweep, over a few hundred cases written into the tables.
     */
    @Test
    void theListTheCloseAndTheSweepRunOnMySql() throws Exception {
        roster.ensureScaleBranch();
        Timestamp now = clock.timestamp();
        List<Object[]> students = new ArrayList<>();
        List<Object[]> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String no = String.format("8%011d", i);
            String expired = String.format("7%011d", i);
            students.add(new Object[] {no, "规模" + i, String.format("S%017d", i), i % 2 == 0 ? "PSA01" : "PSB01", "XZGL", "202303"});
            students.add(new Object[] {expired, "到期" + i, String.format("E%017d", i), i % 2 == 0 ? "PSA01" : "PSB01", "XZGL", "201709"});
            cases.add(new Object[] {BATCH, no, "GRADUATION", "FIRST", "AWAITING_HQ", "BRANCH", now, now});
            cases.add(new Object[] {SCALE_LATER_BATCH, no, "GRADUATION", "FIRST", "CITY_REVIEW", "CITY", now, now});
        }
        jdbcTemplate.batchUpdate("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, ?)", students);
        jdbcTemplate.batchUpdate("INSERT INTO application (batch_code, student_no, kind, application_round, state, tier, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cases);

        // the HQ list: compiled, paged, confirmed by both cities, sent one case per job
        Map<?, ?> started = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/batches/" + BATCH + "/branches/" + SCALE_BRANCH + "/hq-submissions").with(basic("ps1")))
                .andReturn(), 201);
        ProcessInstance list = runtime.createProcessInstanceQuery().processInstanceId((String) started.get("processInstanceId")).singleResult();
        Number id = (Number) started.get("submissionId");
        Map<?, ?> page = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/hq-submissions/" + id + "/items?city=PSA&page=1&size=100").with(basic("psa1"))).andReturn(), 200);
        assertThat(((Number) page.get("total")).intValue()).isEqualTo(CASES / 2);
        assertThat((List<?>) page.get("items")).hasSize(CASES / 2 - 100);
        for (String city : List.of("PSA", "PSB")) {
            Task confirm = tasks.createTaskQuery().processInstanceId(list.getId()).taskCandidateGroup(city).singleResult();
            tasks.complete(confirm.getId(), Map.of("confirmation", "CONFIRM"));
        }
        runJobs(Set.of(list.getId()));
        assertThat(list).isWaitingAt("HqTurnaroundElapsed").hasPassed("ListDelivered");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hq_submission_item WHERE submission_id = ? AND delivery = 'NOT_WAITING'")
                .param(id.longValue()).query(Long.class).single()).isEqualTo(CASES);

        // the close of the later batch, with the sweep on its clean-up date
        BatchCalendar calendar = batches.findCalendar(SCALE_LATER_BATCH, SCALE_BRANCH).orElseThrow();
        batches.saveCalendar(new BatchCalendar(SCALE_LATER_BATCH, SCALE_BRANCH, calendar.scopeFrom(), calendar.scopeTo(),
                calendar.exemptionCutoff(), calendar.firstRound(), calendar.secondRound(), null, null, null, calendar.cityReviewDue(),
                calendar.branchReviewDue(), calendar.hqReviewDue(), null, null, null, LocalDate.of(2026, 9, 1), 3));
        ProcessInstance batch = flow.startOrReplan(SCALE_LATER_BATCH, SCALE_BRANCH);
        ProcessInstance expiry = runtime.createProcessInstanceQuery().processDefinitionKey(BatchProcess.EXPIRY_KEY)
                .processInstanceBusinessKey(SCALE_LATER_BATCH + "-" + SCALE_BRANCH).singleResult();
        for (Milestone m : List.of(Milestone.FIRST_ROUND_OPENS, Milestone.FIRST_ROUND_REMINDER, Milestone.FIRST_ROUND_CLOSES,
                Milestone.SECOND_ROUND_OPENS, Milestone.SECOND_ROUND_REMINDER, Milestone.BATCH_CLOSES)) {
            assertThat(batch).isWaitingAt(m.activityId());
            management.executeJob(management.createJobQuery().processInstanceId(batch.getId()).timers().singleResult().getId());
        }
        runJobs(Set.of(batch.getId(), expiry.getId()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch_closure WHERE batch_code = ? AND branch_code = ? AND outcome = 'ALREADY_ENDED'")
                .params(SCALE_LATER_BATCH, SCALE_BRANCH).query(Long.class).single()).isEqualTo(CASES);
        assertThat(batch).hasPassed("AnnounceBatchClosed");

        management.executeJob(management.createJobQuery().processInstanceId(expiry.getId()).timers().singleResult().getId());
        runJobs(Set.of(expiry.getId()));
        assertThat(expiry).isWaitingAt("ConfirmExpiryReport");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM student WHERE student_no LIKE '7%' AND status = 'TERMINATED'")
                .query(Long.class).single()).isEqualTo(CASES);
        assertThat(jdbc.sql("""
                        SELECT n.student_count FROM notification n WHERE n.unit_code = 'PSA01' AND n.kind = 'STATUS_TERMINATED'""")
                .query(Integer.class).single()).isEqualTo(CASES / 2);
        assertThat((String) runtime.getVariable(expiry.getId(), "expiryReport")).startsWith("共 " + CASES + " 人");
    }

    /** Issue 12 on MySQL: the case list's one SQL (GROUP_CONCAT, LIKE with an escape) and a bulk application. */
    @Test
    void caseListAndBulkDecisionsOnMySql() throws Exception {
        String blocked = roster.studentWithoutPhoto(TestRoster.LC_A);
        driver.start(blocked);
        String fresh = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        Map<?, ?> page = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/batches/" + BATCH + "/cases?eligible=false&hasPhoto=false&rule=R-PH-01&enrolmentTerm=2023春&q=" + blocked)
                .with(basic("th1"))).andReturn(), 200);
        assertThat((List<?>) page.get("items")).singleElement()
                .satisfies(i -> assertThat(((Map<?, ?>) i).get("blockingRules")).isEqualTo(List.of("R-EL-06/R-PH-01")));
        assertThat(json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/batches/" + BATCH + "/cases?state=NOT_APPLIED&q={q}", fresh.substring(0, 6) + "%_").with(basic("th1")))
                .andReturn(), 200).get("total")).isEqualTo(0);
        Map<?, ?> decided = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/batches/" + BATCH + "/decisions").with(basic("th1"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"action\":\"APPLY\",\"studentNos\":[\"" + fresh + "\",\"" + blocked + "\"]}")).andReturn(), 200);
        assertThat(((List<?>) decided.get("results")).stream().map(r -> (Object) ((Map<?, ?>) r).get("result")).toList())
                .containsExactly((Object) "DONE", "BLOCKED");
        Map<?, ?> groups = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/batches/" + BATCH + "/cases/groups").with(basic("gz1"))).andReturn(), 200);
        assertThat(groups.get("unit")).isEqualTo("GDGZ");
        // the batch dashboard's GROUP BYs, dates and LIMITs on MySQL/MariaDB, at every tier
        for (String user : List.of("th1", "gz1", "gd1", "hq1")) {
            Map<?, ?> dashboard = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .get("/api/batches/" + BATCH + "/dashboard").with(basic(user))).andReturn(), 200);
            assertThat(((Number) dashboard.get("total")).longValue()).as(user).isPositive();
            assertThat((List<?>) dashboard.get("states")).as(user).isNotEmpty();
        }
    }

    /**
     * Issue 13 on MariaDB: starts and approvals share transactions, each student in a savepoint (SAVEPOINT / ROLLBACK TO
     * SAVEPOINT): a refusal in the middle undoes that student alone, the others commit with their rows and trail entries.
     */
    @Test
    void startsAndApprovalsInSavepointsOnMySql() throws Exception {
        List<String> nos = List.of(roster.eligibleStudent(TestRoster.LC_A, "XZGL"), roster.eligibleStudent(TestRoster.LC_A, "XZGL"),
                roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        String startedBefore = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        driver.start(startedBefore);
        Map<?, ?> started = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/batches/" + BATCH + "/applications").with(basic("th1"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"studentNos\":[\"" + nos.get(0) + "\",\"" + startedBefore + "\",\"" + nos.get(1) + "\",\""
                        + nos.get(2) + "\"]}")).andReturn(), 200);
        assertThat(((List<?>) started.get("results")).stream().map(r -> (Object) ((Map<?, ?>) r).get("result")).toList())
                .containsExactly((Object) "STARTED", "ALREADY_EXISTS", "STARTED", "STARTED");
        for (String no : nos) {
            ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(BATCH + "-" + no).singleResult();
            driver.runJobs(pi);
            if (!no.equals(nos.get(1))) {
                driver.apply(pi, "th1", "GRADUATION");
            }
        }
        // nos[1] still waits for its centre: refused in the middle of the city's transaction
        Map<?, ?> approved = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/batches/" + BATCH + "/decisions").with(basic("gz1"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"action\":\"APPROVE\",\"studentNos\":[\"" + nos.get(0) + "\",\"" + nos.get(1) + "\",\""
                        + nos.get(2) + "\"]}")).andReturn(), 200);
        assertThat(((List<?>) approved.get("results")).stream().map(r -> (Object) ((Map<?, ?>) r).get("result")).toList())
                .containsExactly((Object) "DONE", "NOT_AT_YOUR_TIER", "DONE");
        for (String no : List.of(nos.get(0), nos.get(2))) {
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(BATCH + "-" + no).singleResult().getTaskDefinitionKey())
                    .isEqualTo("BranchReview");
            assertThat(jdbc.sql("SELECT d.decision FROM decision_log d JOIN application a ON a.id = d.application_id "
                            + "WHERE a.batch_code = ? AND a.student_no = ? ORDER BY d.id").params(BATCH, no).query(String.class).list())
                    .containsExactly("APPLY", "APPROVE");
        }
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(BATCH + "-" + nos.get(1)).singleResult().getTaskDefinitionKey())
                .isEqualTo("SubmitApplication");
        // the list pages' projection kept pace with every task created, completed and undone (OpenTasks.refresh)
        List<List<cn.gradflow.opentasks.OpenTasks.Row>> both = openTasks.compareWithEngine();
        assertThat(both.get(1)).as("open_task").containsExactlyElementsOf(both.get(0));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor basic(String user) {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + TestRoster.PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request -> {
            request.addHeader("Authorization", "Basic " + token);
            return request;
        };
    }

    private static Map<?, ?> json(org.springframework.test.web.servlet.MvcResult result, int status) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                result.getResponse().getContentAsByteArray(), Map.class);
    }

    private void runJobs(Set<String> processInstanceIds) {
        List<Job> due;
        while (!(due = management.createJobQuery().processInstanceIds(processInstanceIds).messages().list()).isEmpty()) {
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }
}
