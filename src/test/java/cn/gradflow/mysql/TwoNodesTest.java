package cn.gradflow.mysql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gradflow.GradFlowApplication;
import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.batchflow.BatchFlow;
import cn.gradflow.jobs.Jobs;
import cn.gradflow.registration.RegistrationNumber;
import cn.gradflow.testing.EchoJobWork;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 3: two GradFlow nodes — two application contexts of the real app, each with its web server on
 * its own port, its job executor and its background-jobs poller — on one MariaDB database, started at the same
 * moment on an empty database. Everything goes through the nodes' HTTP doors, split over both; the job executors
 * of both run the jobs. Then the database is counted: every job ran once, every student decided once, the
 * trails' hash chains intact, registration numbers 1..n without a gap.
 */
@EnabledIf("cn.gradflow.mysql.MySqlDatabase#recreate")
class TwoNodesTest {

    static final String BATCH = TestRoster.BATCH;
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static Node one;
    static Node two;

    /** Runs in a JVM of its own (pom: profile two-nodes-own-jvm): the engine's and webapps' registries are static. */
    @BeforeAll
    static void startBothAtOnceOnAnEmptyDatabase() throws Exception {
        MySqlDatabase.empty();
        ExecutorService starting = Executors.newFixedThreadPool(2);
        // two Spring Boot starts at once both re-initialise Logback, whose property map is not thread-safe
        // (a ConcurrentModificationException stopped a node once); the nodes keep the JVM's logging as it is
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            Future<Node> first = starting.submit(() -> Node.start("node1"));
            Future<Node> second = starting.submit(() -> Node.start("node2"));
            one = first.get(5, TimeUnit.MINUTES);
            two = second.get(5, TimeUnit.MINUTES);
        } finally {
            starting.shutdownNow();
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
        one.bean(TestRoster.class).ensureBase();
    }

    @AfterAll
    static void stopBoth() {
        for (Node node : new Node[] {one, two}) {
            if (node != null) {
                node.context.close();
            }
        }
    }

    /** Flyway ran each migration once, the engine deployed once, the first admin exists once. */
    @Test
    void bothStartedAtOnceOnAnEmptyDatabaseAndMadeEverythingOnce() {
        JdbcTemplate db = one.jdbc();
        assertThat(db.queryForList("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL GROUP BY version"
                + " HAVING COUNT(*) > 1")).isEmpty();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0", Integer.class)).isZero();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_RE_PROCDEF WHERE KEY_ = 'graduation-application'", Integer.class))
                .isEqualTo(1);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = 'testadmin'", Integer.class)).isEqualTo(1);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM node_startup_turn", Integer.class)).isEqualTo(1);
    }

    /**
     * The batch processes' timers made due at once on both nodes, round after round, and GradFlow's own
     * background jobs: each ran once; a job whose node stopped beating is taken over by one node.
     */
    @Test
    void timersAndBackgroundJobsRunOnce() throws Exception {
        ManagementService management = one.bean(ProcessEngine.class).getManagementService();
        List<String> instances = new ArrayList<>();
        for (String branch : List.of(TestRoster.BATCH_TEST_BRANCH, TestRoster.BATCH_TEST_CITY_BRANCH)) {
            instances.add(one.bean(BatchFlow.class).startOrReplan(BATCH, branch).getId());
        }
        List<String> fired = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            List<Job> timers = instances.stream()
                    .flatMap(pi -> management.createJobQuery().processInstanceId(pi).timers().list().stream()).toList();
            assertThat(timers).as("round %d", round).isNotEmpty();
            java.util.Date now = new java.util.Date(System.currentTimeMillis() - 1000);
            for (Job timer : timers) {
                if (timer.getDuedate().after(now)) {
                    // a timer already due may be running on a node right now: it needs no push
                    management.setJobDuedate(timer.getId(), now);
                }
            }
            List<String> ids = timers.stream().map(Job::getId).toList();
            fired.addAll(ids);
            await("the timers of round " + round + " ran", () -> ids.stream()
                    .noneMatch(id -> management.createJobQuery().jobId(id).count() > 0));
        }
        JdbcTemplate db = one.jdbc();
        for (String id : fired) {
            assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = ? AND JOB_STATE_ = 2",
                    Integer.class, id)).as("successful runs of timer %s", id).isEqualTo(1);
        }
        assertThat(db.queryForList("SELECT unit_code, kind, message FROM notification GROUP BY unit_code, kind, message"
                + " HAVING COUNT(*) > 1")).as("notices announced twice").isEmpty();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM notification", Integer.class)).isPositive();

        // GradFlow's background jobs: submitted on one node, claimed by exactly one of the two pollers
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Node node = i % 2 == 0 ? one : two;
            node.bean(TestRoster.class).authenticate("th1");
            try {
                jobs.add(node.bean(Jobs.class).submit(EchoJobWork.KIND, Map.of(), new java.io.ByteArrayInputStream(
                        ("ok:A" + i + "\nok:B" + i + "\n").getBytes(StandardCharsets.UTF_8))));
            } finally {
                node.bean(IdentityService.class).clearAuthentication();
            }
        }
        // a job whose node died while running it (its heartbeat two minutes old): one of the two takes it over
        String orphan = java.util.UUID.randomUUID().toString();
        one.bean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(tx -> {
            db.update("INSERT INTO bulk_job (id, kind, state, owner_id, params, input_size, node, attempts, created_at, started_at,"
                    + " heartbeat_at) VALUES (?, ?, 'RUNNING', 'th1', '{}', 6, 'dead-node', 1, ?, ?, ?)", orphan, EchoJobWork.KIND,
                    ago(180), ago(180), ago(120));
            db.update("INSERT INTO bulk_job_input (job_id, seq, content) VALUES (?, 0, ?)", orphan,
                    "ok:C1\n".getBytes(StandardCharsets.UTF_8));
        });
        jobs.add(orphan);
        await("the background jobs ended", () -> db.queryForObject("SELECT COUNT(*) FROM bulk_job WHERE id IN ("
                + String.join(",", jobs.stream().map(j -> "'" + j + "'").toList()) + ") AND state = 'DONE'", Integer.class) == jobs.size());
        for (String job : jobs) {
            Map<String, Object> row = db.queryForMap("SELECT node, attempts FROM bulk_job WHERE id = ?", job);
            assertThat(((Number) row.get("attempts")).intValue()).as("runs of %s", job).isEqualTo(job.equals(orphan) ? 2 : 1);
            assertThat((String) row.get("node")).isNotEqualTo("dead-node");
            assertThat(db.queryForList("SELECT item_key FROM bulk_job_item WHERE job_id = ? GROUP BY item_key HAVING COUNT(*) > 1",
                    job)).as("results of %s recorded twice", job).isEmpty();
        }
        System.out.println("[two nodes] background jobs per node: " + db.queryForList(
                "SELECT node, COUNT(*) FROM bulk_job GROUP BY node"));
    }

    /**
     * Two city officers, one on each node, complete the same task at the same moment: both read it, then both
     * write (a listener of the test holds each completion until the other arrived). One decision is recorded;
     * the other officer reads a Chinese refusal — on /engine-rest a 409, on /api the student's result.
     */
    @Test
    void twoOfficersCompletingOneTaskAtOnceEndWithOneDecision() throws Exception {
        ensureSecondCityOfficer();
        List<String> nos = eligibleStudents(2);
        startAndApply(nos);
        await("both at the city", () -> states(nos).equals(Map.of("CITY_REVIEW", 2L)));

        // /engine-rest on both nodes
        String first = nos.get(0);
        String taskId = task(first).getId();
        Rendezvous.arm();
        List<HttpResponse<String>> answers = atOnce(
                () -> one.post("gz1", "/engine-rest/engine/node1/task/" + taskId + "/complete", "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}"),
                () -> two.post("gz2", "/engine-rest/engine/node2/task/" + taskId + "/complete", "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}"));
        assertThat(Rendezvous.disarm()).as("both completions had read the task before either wrote").isTrue();
        assertThat(answers).extracting(HttpResponse::statusCode).as(answers.stream().map(HttpResponse::body).toList().toString())
                .containsExactlyInAnyOrder(204, 409);
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat(JSON.readTree(refused.body()).path("message").asText()).isEqualTo("数据已被他人同时修改，未作任何更改；请刷新后重试");

        // /api bulk decisions on both nodes
        String second = nos.get(1);
        Rendezvous.arm();
        List<HttpResponse<String>> results = atOnce(
                () -> one.post("gz1", "/api/batches/" + BATCH + "/decisions", decisions("APPROVE", List.of(second))),
                () -> two.post("gz2", "/api/batches/" + BATCH + "/decisions", decisions("APPROVE", List.of(second))));
        assertThat(Rendezvous.disarm()).as("both completions had read the task before either wrote").isTrue();
        List<String> outcomes = new ArrayList<>();
        for (HttpResponse<String> r : results) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode result = JSON.readTree(r.body()).path("results").get(0);
            outcomes.add(result.path("result").asText() + " " + result.path("message").asText());
        }
        assertThat(outcomes).containsExactlyInAnyOrder("DONE 分校已通过", "ALREADY_DECIDED 该生的待办刚被他人办理，本次未作更改");

        ApplicationRepository applications = one.bean(ApplicationRepository.class);
        for (String no : nos) {
            long id = applications.find(BATCH, no).orElseThrow().id();
            assertThat(applications.decisions(id)).extracting(d -> d.tier() + " " + d.decision())
                    .containsExactly("LEARNING_CENTER APPLY", "CITY APPROVE");
            assertThat(applications.trailIntact(id)).isTrue();
        }
        assertThat(states(nos)).isEqualTo(Map.of("BRANCH_REVIEW", 2L));
    }

    /**
     * A batch through both nodes: starts and 申请毕业 sent to both nodes at once (the same list twice), the city's
     * bulk approval the same, the branch's reviews split, the branch's list for HQ asked for on both nodes at
     * once, HQ's approvals split; each start request audits its students in its own transactions (issue 13), the job
     * executors of both nodes run the audits after applying, the list's deliveries and the registration numbers. Every student is decided once at every tier, every trail intact, every job ran once,
     * and the registration numbers are 1..n.
     */
    @Test
    void aBatchThroughBothNodesLosesAndDuplicatesNothing() throws Exception {
        int n = 16;
        List<String> nos = eligibleStudents(n);
        // starts, half on each node
        List<HttpResponse<String>> started = atOnce(
                () -> one.post("th1", "/api/batches/" + BATCH + "/applications", studentNos(nos.subList(0, n / 2))),
                () -> two.post("th1", "/api/batches/" + BATCH + "/applications", studentNos(nos.subList(n / 2, n))));
        started.forEach(r -> assertThat(r.statusCode()).as(r.body()).isLessThan(300));
        // the initial audits ran in the start requests (CheckEligibilityAtStart): nothing to wait for
        assertThat(states(nos)).isEqualTo(Map.of("APPLYING", (long) n));

        // 申请毕业 for all of them, on both nodes at once
        assertDecidedOnce(atOnce(
                () -> one.post("th1", "/api/batches/" + BATCH + "/decisions", decisions("APPLY", nos)),
                () -> two.post("th1", "/api/batches/" + BATCH + "/decisions", decisions("APPLY", nos))), nos);
        await("audits after applying ran", () -> states(nos).equals(Map.of("CITY_REVIEW", (long) n)));

        // the city approves all of them, on both nodes at once
        assertDecidedOnce(atOnce(
                () -> one.post("gz1", "/api/batches/" + BATCH + "/decisions", decisions("APPROVE", nos)),
                () -> two.post("gz1", "/api/batches/" + BATCH + "/decisions", decisions("APPROVE", nos))), nos);
        assertThat(states(nos)).isEqualTo(Map.of("BRANCH_REVIEW", (long) n));

        // the branch reviews, half on each node (its form needs the photo comparison)
        atOnce(() -> completeEach(one, "gd1", nos.subList(0, n / 2)), () -> completeEach(two, "gd1", nos.subList(n / 2, n)));
        assertThat(states(nos)).isEqualTo(Map.of("AWAITING_HQ", (long) n));

        // the branch's list for HQ, asked for on both nodes at once: one list holds every student once
        List<HttpResponse<String>> lists = atOnce(
                () -> one.post("gd1", "/api/batches/" + BATCH + "/branches/GD/hq-submissions", ""),
                () -> two.post("gd1", "/api/batches/" + BATCH + "/branches/GD/hq-submissions", ""));
        System.out.println("[two nodes] the two list requests: " + lists.stream().map(r -> r.statusCode() + " " + r.body()).toList());
        // one list; the other request finds nothing left to list: 409 NOTHING_WAITING, no empty list filed (walked
        // by hand, the later request had filed an empty list, 201 "empty": true, each time)
        assertThat(lists).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        assertThat(lists.stream().filter(r -> r.statusCode() == 409).map(HttpResponse::body).findFirst().orElseThrow())
                .contains("\"error\":\"NOTHING_WAITING\"");
        JdbcTemplate db = one.jdbc();
        String inList = in(nos);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hq_submission_item WHERE student_no IN " + inList, Integer.class)).isEqualTo(n);
        assertThat(db.queryForObject("SELECT COUNT(DISTINCT student_no) FROM hq_submission_item WHERE student_no IN " + inList,
                Integer.class)).isEqualTo(n);
        // the city confirms the list on node 2; the job executors deliver it to HQ
        TaskService taskService = one.bean(ProcessEngine.class).getTaskService();
        await("the city's confirmation task", () -> taskService.createTaskQuery().taskDefinitionKey("ConfirmHqList").count() == 1);
        Task confirm = taskService.createTaskQuery().taskDefinitionKey("ConfirmHqList").singleResult();
        HttpResponse<String> confirmed = two.post("gz1", "/engine-rest/engine/node2/task/" + confirm.getId() + "/complete",
                "{\"variables\":{\"confirmation\":{\"value\":\"CONFIRM\"}}}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
        await("the list reached HQ", () -> states(nos).equals(Map.of("HQ_REVIEW", (long) n)));

        // HQ approves, half on each node; the registration numbers are issued by the job executors
        atOnce(() -> completeEach(one, "hq1", nos.subList(0, n / 2)), () -> completeEach(two, "hq1", nos.subList(n / 2, n)));
        await("registration numbers issued", () -> states(nos).equals(Map.of("CERTIFICATE", (long) n)));

        ApplicationRepository applications = one.bean(ApplicationRepository.class);
        List<String> numbers = new ArrayList<>();
        for (String no : nos) {
            var application = applications.find(BATCH, no).orElseThrow();
            numbers.add(application.registrationNo());
            assertThat(applications.decisions(application.id())).extracting(d -> d.tier() + " " + d.decision())
                    .as(no).containsExactly("LEARNING_CENTER APPLY", "CITY APPROVE", "BRANCH PHOTO_COMPARISON", "BRANCH APPROVE", "HQ APPROVE");
            assertThat(applications.trailIntact(application.id())).as(no).isTrue();
        }
        assertThat(numbers).doesNotHaveDuplicates().allMatch(r -> r.matches(RegistrationNumber.FORMAT.pattern()));
        List<Integer> sequences = db.queryForList("SELECT registration_no FROM registration", String.class).stream()
                .map(r -> Integer.parseInt(r.substring(r.length() - 6))).sorted().toList();
        assertThat(sequences).as("every number issued, 1..n without a gap")
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, sequences.size()).boxed().toList());
        assertThat(sequences).hasSize(n);

        // every job ran once, none failed; both job executors took part
        assertThat(db.queryForList("SELECT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 GROUP BY JOB_ID_ HAVING COUNT(*) > 1"))
                .as("jobs that ran twice").isEmpty();
        assertThat(db.queryForList("SELECT JOB_ID_, JOB_EXCEPTION_MSG_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 1"))
                .as("jobs that failed").isEmpty();
        List<Map<String, Object>> byNode = db.queryForList(
                "SELECT HOSTNAME_, COUNT(*) AS runs FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 GROUP BY HOSTNAME_");
        System.out.println("[two nodes] jobs run per node: " + byNode);
        assertThat(byNode).extracting(row -> row.get("HOSTNAME_")).contains("node1", "node2");
    }

    // ---- the flow's steps ----

    private static List<String> eligibleStudents(int n) {
        TestRoster roster = one.bean(TestRoster.class);
        List<String> nos = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nos.add(roster.eligibleStudent(TestRoster.LC_A, "GSGL"));
        }
        return nos;
    }

    private static void startAndApply(List<String> nos) throws Exception {
        HttpResponse<String> started = one.post("th1", "/api/batches/" + BATCH + "/applications", studentNos(nos));
        assertThat(started.statusCode()).as(started.body()).isLessThan(300);
        await("initial audits ran", () -> states(nos).equals(Map.of("APPLYING", (long) nos.size())));
        HttpResponse<String> applied = two.post("th1", "/api/batches/" + BATCH + "/decisions", decisions("APPLY", nos));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }

    /** Each student DONE on exactly one of the two nodes; the other node answered that it was already decided. */
    private static void assertDecidedOnce(List<HttpResponse<String>> answers, List<String> nos) throws Exception {
        Map<String, List<String>> byStudent = new TreeMap<>();
        Map<String, List<String>> messages = new TreeMap<>();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            for (JsonNode r : JSON.readTree(answer.body()).path("results")) {
                byStudent.computeIfAbsent(r.path("studentNo").asText(), k -> new ArrayList<>()).add(r.path("result").asText());
                messages.computeIfAbsent(r.path("studentNo").asText(), k -> new ArrayList<>()).add(r.path("message").asText());
            }
        }
        assertThat(byStudent.keySet()).containsExactlyInAnyOrderElementsOf(nos);
        byStudent.forEach((no, results) -> assertThat(results).as(no + " " + messages.get(no))
                .containsExactlyInAnyOrder("DONE", "ALREADY_DECIDED"));
    }

    /** Completes each student's open task through the node's /engine-rest as the user. */
    private static Void completeEach(Node node, String user, List<String> nos) throws Exception {
        TaskService taskService = node.bean(ProcessEngine.class).getTaskService();
        for (String no : nos) {
            Task task = task(no);
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("decision", Map.of("value", "APPROVE"));
            if (ApplicationProcess.Step.BRANCH_REVIEW.id().equals(task.getTaskDefinitionKey())) {
                java.util.List<String> stored = java.util.List.of(String.valueOf(
                        taskService.getVariable(task.getId(), ApplicationProcess.PHOTOS_STORED.name())).split("、"));
                boolean graduation = stored.contains("平台毕业照片");
                boolean academic = stored.contains("学信网学历照片");
                boolean admission = stored.contains("录取照片");
                variables.put(ApplicationProcess.ACADEMIC_PHOTO_MATCH.name(), Map.of("value", graduation && academic ? "MATCH" : "NO_PHOTO"));
                variables.put(ApplicationProcess.ADMISSION_PHOTO_MATCH.name(), Map.of("value", graduation && admission ? "MATCH" : "NO_PHOTO"));
            }
            HttpResponse<String> done = node.post(user, "/engine-rest/engine/" + node.name + "/task/" + task.getId() + "/complete",
                    JSON.writeValueAsString(Map.of("variables", variables)));
            assertThat(done.statusCode()).as(no + ": " + done.body()).isEqualTo(204);
        }
        return null;
    }

    private static Task task(String studentNo) {
        return one.bean(ProcessEngine.class).getTaskService().createTaskQuery()
                .processInstanceBusinessKey(ApplicationProcess.businessKey(BATCH, studentNo)).singleResult();
    }

    private static Map<String, Long> states(List<String> nos) {
        Map<String, Long> states = new TreeMap<>();
        one.jdbc().query("SELECT state, COUNT(*) FROM application WHERE batch_code = ? AND student_no IN " + in(nos)
                + " GROUP BY state", rs -> {
            states.put(rs.getString(1), rs.getLong(2));
        }, BATCH);
        return states;
    }

    private static void ensureSecondCityOfficer() {
        IdentityService identity = two.bean(IdentityService.class);
        if (identity.createUserQuery().userId("gz2").count() == 0) {
            User user = identity.newUser("gz2");
            user.setPassword(TestRoster.PASSWORD);
            identity.saveUser(user);
            identity.createMembership("gz2", "GDGZ");
        }
    }

    private static String studentNos(List<String> nos) throws Exception {
        return JSON.writeValueAsString(Map.of("studentNos", nos));
    }

    private static String decisions(String action, List<String> nos) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("action", action, "studentNos", nos));
        if (action.startsWith("APPLY")) {
            body.put("commitmentLetter", true);
        }
        return JSON.writeValueAsString(body);
    }

    private static String in(List<String> nos) {
        return "(" + String.join(",", nos.stream().map(no -> "'" + no.replace("'", "") + "'").toList()) + ")";
    }

    private static java.sql.Timestamp ago(int seconds) {
        return new java.sql.Timestamp(System.currentTimeMillis() - seconds * 1000L);
    }

    /** Runs both calls at the same moment, one thread each, and returns both answers. */
    @SafeVarargs
    private static <T> List<T> atOnce(Callable<T>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        CountDownLatch ready = new CountDownLatch(calls.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return call.call();
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> f : futures) {
                answers.add(f.get(3, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls a database condition until it holds, failing after {@link #PATIENCE}. */
    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    // ---- a node ----

    /** One GradFlow node: the real application with the mysql profile, on a port of its own. */
    record Node(String name, ConfigurableApplicationContext context, int port) {

        static Node start(String name) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(GradFlowApplication.class)
                    .profiles("mysql")
                    .initializers(c -> c.getBeanFactory().registerSingleton("twoNodesTestPlugin", new TestPlugin(name)))
                    // as command-line arguments: they outrank application-mysql.yml (builder properties are only defaults)
                    .run(Map.ofEntries(
                            Map.entry("spring.datasource.url", MySqlDatabase.URL),
                            Map.entry("spring.datasource.username", MySqlDatabase.USER),
                            Map.entry("spring.datasource.password", MySqlDatabase.PASSWORD),
                            // engines register by name JVM-wide: each node its own (one per JVM in production: "default")
                            Map.entry("camunda.bpm.process-engine-name", name),
                            Map.entry("camunda.bpm.admin-user.id", "testadmin"),
                            Map.entry("camunda.bpm.admin-user.password", "test-admin-secret"),
                            Map.entry("camunda.bpm.job-execution.wait-time-in-millis", "200"),
                            Map.entry("camunda.bpm.job-execution.max-wait", "1000"),
                            Map.entry("gradflow.jobs.poll", "PT0.3S"),
                            Map.entry("gradflow.jobs.stale-after", "PT1M"),
                            Map.entry("server.port", "0"),
                            Map.entry("spring.main.banner-mode", "off"))
                            .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
            int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
            return new Node(name, context, port);
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        JdbcTemplate jdbc() {
            return bean(JdbcTemplate.class);
        }

        HttpResponse<String> post(String user, String path, String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + TestRoster.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    /** When armed, holds every task completion until the other one arrived: two completions truly at once. */
    static final class Rendezvous implements TaskListener {
        static volatile CountDownLatch gate;
        static final AtomicBoolean MET = new AtomicBoolean();

        static void arm() {
            MET.set(false);
            gate = new CountDownLatch(2);
        }

        /** Whether two completions met while armed. */
        static boolean disarm() {
            gate = null;
            return MET.get();
        }

        @Override
        public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
            CountDownLatch g = gate;
            if (g == null) {
                return;
            }
            g.countDown();
            try {
                if (g.await(20, TimeUnit.SECONDS)) {
                    MET.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Names the node in the job log (HOSTNAME_) and puts the rendezvous before every user task's own listeners. */
    static final class TestPlugin extends AbstractProcessEnginePlugin {
        private final String name;

        TestPlugin(String name) {
            this.name = name;
        }

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            configuration.setHostname(name);
            List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null ? new ArrayList<>()
                    : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
            listeners.add(new AbstractBpmnParseListener() {
                @Override
                public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                    TaskDefinition definition = ((org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior)
                            activity.getActivityBehavior()).getTaskDefinition();
                    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, new Rendezvous());
                }
            });
            configuration.setCustomPreBPMNParseListeners(listeners);
        }
    }
}
