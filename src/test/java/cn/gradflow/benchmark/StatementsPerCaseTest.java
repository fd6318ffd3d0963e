package cn.gradflow.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gradflow.application.ApplicationStarter;
import cn.gradflow.application.StartResult;
import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's statement counts: the SQL statements one start (the starter's transaction, the initial audit in it)
 * and one bulk approval at the city tier send, beside the bare engine's, by kind and table. Counts, not times, so the
 * figure holds on a busy machine. Only under -Pbenchmark; prints its table and writes target/benchmark/statements.md.
 */
@Tag("benchmark")
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(SqlCounter.Wiring.class)
class StatementsPerCaseTest {

    static final int CASES = Integer.getInteger("benchmark.statementCases", 20);

    @Autowired TestRoster roster;
    @Autowired ApplicationStarter starter;
    @Autowired BatchRepository batches;
    @Autowired SchoolClock clock;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired MockMvc mvc;

    private final ObjectMapper json = new ObjectMapper();
    private final StringBuilder report = new StringBuilder();

    @Test
    void statementsPerStartAndApproval() throws Exception {
        roster.ensureBase();
        repository.createDeployment().name(ProvinceBenchmark.BARE).addModelInstance(ProvinceBenchmark.BARE + ".bpmn",
                Bpmn.createExecutableProcess(ProvinceBenchmark.BARE).camundaHistoryTimeToLive(1).startEvent().camundaAsyncAfter()
                        .userTask("BareTask").camundaCandidateGroups("${group}").endEvent().done()).deploy();
        Batch batch = batches.findBatch(TestRoster.BATCH).orElseThrow();
        cycle(batch, 5, false); // warm the caches (definitions, units) as a running node has them
        cycle(batch, CASES, true);
        System.out.println(report);
        java.nio.file.Path file = java.nio.file.Path.of("target", "benchmark", "statements.md");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, report.toString());
    }

    private void cycle(Batch batch, int n, boolean print) throws Exception {
        List<String> nos = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nos.add(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        }
        SqlCounter.reset();
        // as the benchmark and POST /api/batches/{b}/applications start them: together
        assertThat(starter.startAll(batch, nos, clock.today())).extracting(StartResult::result).containsOnly(StartResult.Outcome.STARTED);
        // the audit ran in the start's transaction (CheckEligibilityAtStart): no job is left to run
        Map<String, Long> start = SqlCounter.snapshot();
        assertThat(management.createJobQuery().executable().count()).as("audit jobs after a bulk start").isZero();

        for (Task t : tasks.createTaskQuery().taskDefinitionKey("SubmitApplication").list()) {
            tasks.complete(t.getId(), Map.of("applicationKind", "GRADUATION", "commitmentLetter", false));
        }
        runJobs();
        SqlCounter.reset();
        String token = Base64.getEncoder().encodeToString(("gz1:" + TestRoster.PASSWORD).getBytes(StandardCharsets.UTF_8));
        MvcResult result = mvc.perform(MockMvcRequestBuilders.post("/api/batches/" + TestRoster.BATCH + "/decisions")
                .header("Authorization", "Basic " + token).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("action", "APPROVE", "studentNos", nos)))).andReturn();
        Map<String, Long> approvals = SqlCounter.snapshot();
        Map<String, Long> approvalTexts = SqlCounter.texts();
        String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(answer).isEqualTo(200);
        assertThat(((Number) ((Map<?, ?>) json.readValue(answer, Map.class).get("counts")).get("DONE")).intValue()).as(answer).isEqualTo(n);

        SqlCounter.reset();
        for (int i = 0; i < n; i++) {
            runtime.startProcessInstanceByKey(ProvinceBenchmark.BARE, Map.of("group", "GDSG", "batchCode", TestRoster.BATCH));
        }
        Map<String, Long> bareStart = SqlCounter.snapshot();
        SqlCounter.reset();
        runJobs();
        Map<String, Long> bareJob = SqlCounter.snapshot();
        Map<String, Long> bareStartAndJob = new java.util.TreeMap<>(bareStart);
        bareJob.forEach((k, v) -> bareStartAndJob.merge(k, v, Long::sum));
        List<Task> bare = tasks.createTaskQuery().processDefinitionKey(ProvinceBenchmark.BARE).list();
        SqlCounter.reset();
        for (Task t : bare) {
            tasks.complete(t.getId());
        }
        Map<String, Long> bareComplete = SqlCounter.snapshot();
        if (print) {
            section("start with its initial audit (ApplicationStarter.startAll, " + n + " together, the audit in the start's"
                    + " transaction)", start, n, bareStartAndJob, "bare start + no-op job");
            section("approval (POST /api/batches/{b}/decisions APPROVE as gz1, " + n + " a request)", approvals, n, bareComplete,
                    "bare complete");
            report.append(String.format("%n#### the approval's statements, per case%n%n| per case | statement |%n|---|---|%n"));
            approvalTexts.forEach((sql, count) -> report.append(String.format("| %.2f | `%s` |%n", count / (double) n,
                    sql.length() > 400 ? sql.substring(0, 400) + " …" : sql)));
        }
    }

    private void section(String title, Map<String, Long> ours, int n, Map<String, Long> bare, String bareTitle) {
        long total = ours.values().stream().mapToLong(Long::longValue).sum();
        long bareTotal = bare.values().stream().mapToLong(Long::longValue).sum();
        report.append(String.format("%n### %s: %.1f statements per case (%s: %.1f)%n%n| statement | per case | %s |%n|---|---|---|%n",
                title, (double) total / n, bareTitle, (double) bareTotal / n, bareTitle));
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(ours.keySet());
        keys.addAll(bare.keySet());
        for (String k : keys) {
            report.append(String.format("| %s | %.2f | %.2f |%n", k, ours.getOrDefault(k, 0L) / (double) n,
                    bare.getOrDefault(k, 0L) / (double) n));
        }
    }

    private void runJobs() {
        List<Job> due;
        while (!(due = management.createJobQuery().executable().list()).isEmpty()) {
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }
}
