package cn.gradflow.benchmark;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.application.ApplicationStarter;
import cn.gradflow.application.StartResult;
import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's table for one database: each GradFlow path beside a baseline measured in the same run, on the same
 * database, with the same number of threads. Sizes from system properties (see the README, "Benchmark"):
 * benchmark.students (400), benchmark.openTasks (100,000), benchmark.engineOpenTasks (5,000: where Tasklist's own
 * page is measured as the officer), benchmark.rows (20,000 import/export rows), benchmark.photos (5,000),
 * benchmark.threads (2), benchmark.pageBudgetSeconds (15: the engine's page queries stop repeating once they took this
 * long, at least one each), benchmark.outside (true: the starts and approvals rows also measured on a bare engine
 * outside GradFlow at Camunda's defaults, {@link BareEngine}, on a database of its own: {@link #outsideDatabase()}).
 * The work is checked (counts), the times are printed, not judged, each phase's wall time under the table.
 */
abstract class ProvinceBenchmark {

    static final String BARE = "benchmark-bare";
    static final String OFFICER = "gz1";
    static final String OFFICER_CITY = "GDGZ";
    /** The other city's group: the bare tasks an officer of GDGZ must not see. */
    static final String OTHER_CITY = "GDSG";
    static final String OTHER_CITY_OFFICER = "sg1";

    final int students = Integer.getInteger("benchmark.students", 400);
    final int openTasks = Integer.getInteger("benchmark.openTasks", 100_000);
    final int rows = Integer.getInteger("benchmark.rows", 20_000);
    final int photos = Integer.getInteger("benchmark.photos", 5_000);
    final int threads = Integer.getInteger("benchmark.threads", 2);
    /**
     * Open tasks at which Tasklist's own page is measured as the officer: 5,000, as H2 takes seconds a page at 100,000
     * (the engine's query reads every open task there, admin too; README), a minute more of the default run.
     */
    final int engineOpenTasks = Integer.getInteger("benchmark.engineOpenTasks", 5_000);
    /** The rows to measure (benchmark.paths, comma-separated: starts, page, approvals, import, export, photos; all by default). */
    final java.util.Set<String> paths = java.util.Set.of(System.getProperty("benchmark.paths", "starts,page,approvals,import,export,photos")
            .replace(" ", "").split(","));

    @Autowired TestRoster roster;
    @Autowired SchoolClock clock;
    @Autowired ApplicationStarter starter;
    @Autowired BatchRepository batches;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired DataSource dataSource;
    @Autowired MockMvc mvc;
    @Autowired cn.gradflow.opentasks.OpenTasks projection;
    @Autowired org.camunda.bpm.engine.FilterService filters;
    @Autowired cn.gradflow.engine.TasklistFilters tasklistFilters;

    private final ObjectMapper json = new ObjectMapper();

    static final int APPROVALS_PER_REQUEST = 100;
    /** Students a start request names (the bulk page's APPLY, POST /api/batches/{b}/applications). */
    static final int STARTS_PER_REQUEST = 100;

    /** The bare tasks the engine itself created (starts and warm-up), before the filler's copies. */
    private List<String> engineBareTasks = List.of();

    /** The students started by the timed path: the officer approves exactly these. */
    private List<String> nos = List.of();

    /** Whether the starts and approvals rows also get the bare engine outside GradFlow (the issue is checked against one). */
    final boolean outside = Boolean.parseBoolean(System.getProperty("benchmark.outside", "true"));

    /** The outside engine's figures (starts with their async job; completions), measured before the rows that show them. */
    private BenchmarkTable.Figure outsideStarts;
    private BenchmarkTable.Figure outsideCompletions;

    abstract String database();

    abstract String fileName();

    /** The bare engine outside GradFlow's own database, emptied: on the same server or disk as the table's, never the application's. */
    abstract BareEngine.Database outsideDatabase();

    @Test
    void provinceTable() throws Exception {
        roster.ensureBase();
        deployBareProcess();
        BenchmarkTable table = new BenchmarkTable(database(), String.format(
                "%,d students, %,d open tasks, %,d sheet rows, %,d photos, %d threads; Java %s, %d cores, max heap %,d MB",
                students, openTasks, rows, photos, threads, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        Batch batch = batches.findBatch(TestRoster.BATCH).orElseThrow();
        int expected = 0;
        // the officer's page and the approvals need the started cases; their start is timed only when asked for
        if (paths.contains("starts") || paths.contains("page") || paths.contains("approvals")) {
            phase(table, "warm-up", () -> warmUp(batch));
            if (outside) {
                phase(table, "bare engine outside GradFlow (its schema, warm-up, starts, completions)", () -> outside(table));
            }
            phase(table, "starts (both sides)", () -> starts(table, batch));
            phase(table, "cases to the city's approval (untimed)", this::moveToCityApproval);
            expected += paths.contains("starts") ? 1 : 0;
        }
        if (paths.contains("page")) {
            officerPage(table);
            expected += 2;
        }
        if (paths.contains("approvals")) {
            phase(table, "approvals (both sides)", () -> approvals(table));
            expected++;
        }
        if (paths.contains("import")) {
            phase(table, "import (both sides)", () -> imports(table));
            expected++;
        }
        if (paths.contains("export")) {
            phase(table, "export (both sides)", () -> exports(table));
            expected++;
        }
        if (paths.contains("photos")) {
            phase(table, "photos (both sides)", () -> photos(table));
            expected++;
        }

        table.publish(fileName());
        lastTableAt = System.nanoTime();
        assertThat(table.rows()).hasSize(expected);
    }

    /** When the previous table of this JVM was published: the next one's set-up (its Spring context, the schema) starts there. */
    private static long lastTableAt = 0;

    interface Phase {
        void run() throws Exception;
    }

    /** Runs one phase of the table and notes its wall time under the table, so the README can say where a run's minutes go. */
    static void phase(BenchmarkTable table, String name, Phase work) throws Exception {
        if (table.phases().isEmpty()) {
            // the context's start-up (engine schema, Flyway, roster) before this test method: since the JVM or the previous table
            long setUp = lastTableAt == 0 ? java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L
                    : System.nanoTime() - lastTableAt;
            table.phase("set-up (JVM, Spring context, schema)", setUp);
        }
        long start = System.nanoTime();
        work.run();
        long took = System.nanoTime() - start;
        table.phase(name, took);
        System.out.printf(java.util.Locale.ROOT, "benchmark phase: %s %.1f s%n", name, took / 1e9);
    }

    /** A few of each path first, so neither side pays the JIT and the engine's caches for the other. */
    private void warmUp(Batch batch) {
        int few = warmUpSize();
        List<String> nos = parallelCollect(few, i -> roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        // as the timed starts run: together, the audit in the start's transaction (two requests, one per thread)
        parallel(chunks(nos, Math.max(1, (few + 1) / 2)), request -> starter.startAll(batch, request, clock.today()));
        parallel(range(few), i -> startBare());
        runJobs();
    }

    private int warmUpSize() {
        return Math.max(10, Math.min(100, students / 20));
    }

    // --- 0. the bare engine outside GradFlow -----------------------------------------------------------------

    /**
     * What a checker measures on their own: a bare Camunda engine at its defaults ({@link BareEngine.Setup#defaults}:
     * history audit, DbIdGenerator, MyBatis' pool, no authorization, its job executor running the async job) on a database
     * of its own, with the same threads and N as the rows: N starts of the one-task process behind one no-op async job,
     * each job run by the job executor, then those N tasks completed. Measured here and shown in the starts and
     * approvals rows beside the in-app baseline (the target), which has the application engine's settings.
     */
    private void outside(BenchmarkTable table) throws Exception {
        BareEngine.Database db = outsideDatabase();
        try (BareEngine bare = new BareEngine("benchmarkoutside", BareEngine.Setup.defaults(db), db, threads, false)) {
            int few = warmUpSize();
            bare.startsWithJobs(few);
            bare.completions(BareEngine.ASYNC, few);
            // the Java threads' CPU (the workers', the job executor's): what the rows' worker-thread CPU compares with
            BareEngine.CpuMark mark = bare.cpuMark();
            long starts = timed(() -> bare.startsWithJobs(students));
            double startCpu = bare.cpuSince(mark) / 1e6 / students;
            mark = bare.cpuMark();
            long completions = timed(() -> bare.completions(BareEngine.ASYNC, students));
            double completionCpu = bare.cpuSince(mark) / 1e6 / students;
            assertThat(bare.engine.getTaskService().createTaskQuery().count()).as("every outside task completed").isZero();
            assertThat(bare.engine.getManagementService().createJobQuery().count()).as("every outside job run").isZero();
            outsideStarts = BenchmarkTable.Figure.rate(students, starts, "/s");
            outsideCompletions = BenchmarkTable.Figure.rate(students, completions, "/s");
            System.out.printf(java.util.Locale.ROOT, "benchmark CPU bare engine outside: %.2f ms per start with its job, %.2f ms per completion"
                    + " (the Java threads': the workers', the job executor's, H2's background writer's)%n", startCpu, completionCpu);
            table.note(String.format(java.util.Locale.ROOT, "Bare engine outside GradFlow (column \"outside\"): a StandaloneProcessEngineConfiguration"
                            + " at Camunda's defaults (history audit, DbIdGenerator, MyBatis' pool, authorization off, its job executor of %d threads"
                            + " running the async jobs) on %s; %,d starts of the one-task process with its no-op async job, then their %,d tasks"
                            + " completed, %d threads; CPU (the Java threads': workers, job executor, H2's writer) %.2f ms per start"
                            + " with its job, %.2f ms per completion",
                    threads, outsideDatabaseName(db), students, students, threads, startCpu, completionCpu));
        }
    }

    private static String outsideDatabaseName(BareEngine.Database db) {
        // the URL's database part, without the options after ? (MySQL) or ; (H2)
        return db.url().replaceAll("[?;].*$", "");
    }

    // --- 1. starts ----------------------------------------------------------------------------------------

    private void starts(BenchmarkTable table, Batch batch) {
        nos = parallelCollect(students, i -> roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        long before = tasks.createTaskQuery().taskDefinitionKey("SubmitApplication").count();
        AtomicInteger started = new AtomicInteger();
        // as POST /api/batches/{b}/applications starts them: a request's students together (ApplicationStarter.startAll)
        long gradflow = cpuTimed("starts, GradFlow", students, () -> {
            parallel(chunks(nos, STARTS_PER_REQUEST), request -> starter.startAll(batch, request, clock.today()).forEach(r -> {
                if (r.result() == StartResult.Outcome.STARTED) {
                    started.incrementAndGet();
                }
            }));
            runJobs();
        });
        assertThat(started).hasValue(students);
        assertThat(tasks.createTaskQuery().taskDefinitionKey("SubmitApplication").count() - before).isEqualTo(students);

        long bareBefore = tasks.createTaskQuery().processDefinitionKey(BARE).count();
        long bare = cpuTimed("starts, bare engine", students, () -> {
            parallel(range(students), i -> startBare());
            runJobs();
        });
        assertThat(tasks.createTaskQuery().processDefinitionKey(BARE).count() - bareBefore).isEqualTo(students);
        if (!paths.contains("starts")) {
            return;
        }
        table.add(String.format("start %,d applications, checks run, each waiting at its first task", students),
                BenchmarkTable.Figure.rate(students, gradflow, "/s"),
                "bare engine: start a one-task process, run its one no-op async job",
                BenchmarkTable.Figure.rate(students, bare, "/s"), outsideStarts, true);
    }

    /** Untimed: every started application applied for and checked, so the city's officer has them to approve. */
    private void moveToCityApproval() {
        List<String> submit = taskIds(tasks.createTaskQuery().taskDefinitionKey("SubmitApplication"));
        parallel(submit, id -> tasks.complete(id, Map.of("applicationKind", "GRADUATION", "degreeType", "OUC",
                "commitmentLetter", true, "letterKind", "GRADUATION", "letterDegreeType", "OUC")));
        runJobs();
        assertThat(cityTasks().count()).isGreaterThanOrEqualTo(students);
    }

    // --- 6. the officer's page --------------------------------------------------------------------------

    private void officerPage(BenchmarkTable table) throws Exception {
        engineBareTasks = taskIds(tasks.createTaskQuery().processDefinitionKey(BARE));
        long officers = cityTasks().count();

        // Tasklist's page as the officer (the filter 本单位待办, searched by 批次) at benchmark.engineOpenTasks (5,000 unless
        // set), beside the admin's same query. The copies are bulk SQL: right after them MariaDB still planned with the
        // statistics of a table of a few hundred tasks (seconds a page); one page is timed there, then the engine's tables
        // are analyzed, as InnoDB's automatic recalculation and H2's auto-analyze keep them where tasks come one by one.
        int engineSize = Math.min(openTasks, engineOpenTasks);
        long[] atEngineSize = new long[1];
        double[] engine = new double[2];
        double[] stale = new double[1];
        phase(table, String.format("open tasks filled to %,d", engineSize), () -> {
            atEngineSize[0] = fillTo(engineSize);
            stale[0] = medianMillis(1, i -> enginePage(true, true, 15, 300 + i));
            analyzeEngineTables();
        });
        phase(table, "Tasklist's query as the officer and as admin", () -> {
            engine[0] = medianMillis(7, i -> enginePage(true, true, 15, i));
            engine[1] = medianMillis(7, i -> enginePage(false, true, 15, i));
            table.note(String.format("Tasklist as %s (%,d open tasks, median of 7): the filter %s opened without a search %.1f ms (as admin"
                            + " %.1f ms); searched by 批次 right after the bulk fill, before the engine's tables were analyzed, %.1f ms (one run)",
                    OFFICER, atEngineSize[0], cn.gradflow.engine.TasklistFilters.UNIT_QUEUE,
                    medianMillis(7, i -> enginePage(true, false, 15, 200 + i)), medianMillis(7, i -> enginePage(false, false, 15, 200 + i)),
                    stale[0]));
        });

        long[] total = {atEngineSize[0]};
        if (engineSize < openTasks) {
            phase(table, String.format("open tasks filled to %,d", openTasks), () -> {
                total[0] = fillTo(openTasks);
                analyzeEngineTables();
            });
        }
        double[] page = new double[2];
        phase(table, "GradFlow's page and the admin's engine query", () -> {
            page[0] = pageMillis(i -> gradflowPage(OFFICER, "", officers, true));
            page[1] = medianMillis(7, i -> enginePage(false, true, 50, 100 + i));
            // beside the row: the README's filters, and the officer of the city whose queue holds the filler's copies
            long others = tasks.createTaskQuery().processDefinitionKey(BARE).count();
            long lastPage = (others - 1) / 50;
            table.note(String.format("GradFlow's page as %s with the other filters (%,d open tasks, median of 7): assignee=none %.1f ms;"
                            + " assignee=me (none claimed) %.1f ms; unit=%s as HQ (hq1) %.1f ms. As %s, whose queue holds %,d of them:"
                            + " first page %.1f ms, last page (page=%,d) %.1f ms, assignee=none %.1f ms",
                    OFFICER, total[0],
                    pageMillis(i -> gradflowPage(OFFICER, "&assignee=none", officers, true)),
                    pageMillis(i -> gradflowPage(OFFICER, "&assignee=me", 0, false)),
                    OFFICER_CITY, pageMillis(i -> gradflowPage("hq1", "&unit=" + OFFICER_CITY, officers, true)),
                    OTHER_CITY_OFFICER, others,
                    pageMillis(i -> gradflowPage(OTHER_CITY_OFFICER, "", others, true)),
                    lastPage, pageMillis(i -> gradflowPage(OTHER_CITY_OFFICER, "&page=" + lastPage, others, true)),
                    pageMillis(i -> gradflowPage(OTHER_CITY_OFFICER, "&assignee=none", others, true))));
        });
        table.add(String.format("a city officer's open tasks, page of 50 + count, filtered by batch (%,d open tasks, %,d the officer's):"
                                + " GradFlow's page GET /api/batches/{b}/tasks as the officer (open_task, unit scope)", total[0], officers),
                new BenchmarkTable.Figure(page[0], "ms", ""),
                "the same query as admin (no authorization check): Tasklist's engine query (candidate group, batchCode variable, by due)",
                new BenchmarkTable.Figure(page[1], "ms", ""), false);
        table.add(String.format("Tasklist's own page as the officer (authorization on): filter %s searched by 批次, first page of 15 + count"
                                + " (POST filter/{id}/list) at %,d open tasks%s", cn.gradflow.engine.TasklistFilters.UNIT_QUEUE, atEngineSize[0],
                        atEngineSize[0] < total[0] ? String.format(" (benchmark.engineOpenTasks), not at %,d", total[0]) : ""),
                new BenchmarkTable.Figure(engine[0], "ms", ""),
                String.format("the same query as admin (no authorization check) at %,d open tasks", atEngineSize[0]),
                new BenchmarkTable.Figure(engine[1], "ms", ""), false);
    }

    /** Refreshes the optimizer's statistics of the engine tables the bulk fill wrote (DashboardVolume does the same for its rows). */
    private void analyzeEngineTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().startsWith("H2");
            for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_IDENTITYLINK", "ACT_RU_VARIABLE", "ACT_RU_AUTHORIZATION")) {
                s.execute("ANALYZE TABLE " + table);
                if (!h2) {
                    // MySQL answers ANALYZE TABLE with a result set (one row a table): read it
                    try (var rs = s.getResultSet()) {
                        while (rs != null && rs.next()) {
                            // nothing to keep
                        }
                    }
                }
            }
        }
    }

    /** Fills the engine up to {@code target} open tasks (if below) with the bare instance's copies; returns the open tasks. */
    private long fillTo(int target) throws SQLException {
        fillBareTasks((int) Math.max(0, target - tasks.createTaskQuery().count()));
        long total = tasks.createTaskQuery().count();
        assertThat(total).isGreaterThanOrEqualTo(target);
        return total;
    }

    /**
     * Fills the engine up to {@code openTasks} with copies of one bare instance waiting at its task, by batched SQL:
     * starting 100,000 instances through the engine takes longer than the rest of the run. Every runtime row of the
     * template (execution, task, candidate group, variables, authorizations) is copied with fresh ids; history rows
     * are not (nothing completes a copy: the approvals' baseline completes the engine's own bare tasks). Then
     * {@link cn.gradflow.opentasks.OpenTasks#reconcile} gives the copies their open_task rows, as it does at a start.
     */
    /** Copies written so far: a later fill numbers its copies on, so their ids stay fresh whichever template it takes. */
    private int copiesMade = 0;

    private void fillBareTasks(int copies) throws SQLException {
        if (copies <= 0) {
            return;
        }
        startBare();
        runJobs();
        String template = runtime.createProcessInstanceQuery().processDefinitionKey(BARE).orderByProcessInstanceId().desc()
                .list().stream().filter(pi -> tasks.createTaskQuery().processInstanceId(pi.getId()).count() == 1)
                .findFirst().orElseThrow().getId();
        String taskId = tasks.createTaskQuery().processInstanceId(template).singleResult().getId();
        String[][] tables = {
                {"ACT_RU_EXECUTION", "PROC_INST_ID_ = ? ORDER BY PARENT_ID_", template},
                {"ACT_RU_TASK", "PROC_INST_ID_ = ?", template},
                {"ACT_RU_IDENTITYLINK", "TASK_ID_ = ?", taskId},
                {"ACT_RU_VARIABLE", "PROC_INST_ID_ = ?", template},
                {"ACT_RU_AUTHORIZATION", "RESOURCE_ID_ = ? OR RESOURCE_ID_ = '" + template + "'", taskId}};
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // the template's ids, each to be replaced in every column of every copy
            java.util.Set<String> ids = new java.util.HashSet<>();
            List<Object[][]> rows = new ArrayList<>();
            List<String[]> columns = new ArrayList<>();
            for (String[] t : tables) {
                try (PreparedStatement select = c.prepareStatement("SELECT * FROM " + t[0] + " WHERE " + t[1])) {
                    select.setString(1, t[2]);
                    try (var rs = select.executeQuery()) {
                        int n = rs.getMetaData().getColumnCount();
                        String[] names = new String[n];
                        for (int i = 0; i < n; i++) {
                            names[i] = rs.getMetaData().getColumnName(i + 1);
                        }
                        List<Object[]> found = new ArrayList<>();
                        while (rs.next()) {
                            Object[] values = new Object[n];
                            for (int i = 0; i < n; i++) {
                                values[i] = rs.getObject(i + 1);
                                if ("ID_".equalsIgnoreCase(names[i])) {
                                    ids.add((String) values[i]);
                                }
                            }
                            found.add(values);
                        }
                        columns.add(names);
                        rows.add(found.toArray(Object[][]::new));
                    }
                }
            }
            assertThat(ids.stream().map(id -> id.substring(0, 24)).distinct().count()).as("the template's ids differ in their first 24 characters")
                    .isEqualTo(ids.size());
            for (int t = 0; t < tables.length; t++) {
                if (rows.get(t).length == 0) {
                    continue;
                }
                String[] names = columns.get(t);
                // 100 rows a statement, a commit every 1,000: one round trip a row (Connector/J without rewriteBatchedStatements
                // sends a batch row by row) made 100,000 copies take minutes on MariaDB
                List<Object[]> pending = new ArrayList<>();
                for (int copy = 1; copy <= copies; copy++) {
                    for (Object[] values : rows.get(t)) {
                        Object[] fresh = new Object[values.length];
                        for (int i = 0; i < values.length; i++) {
                            Object v = values[i];
                            fresh[i] = v instanceof String id && ids.contains(id) ? id.substring(0, 24) + String.format("f%011d", copiesMade + copy) : v;
                        }
                        pending.add(fresh);
                        if (pending.size() == 100) {
                            insertRows(c, tables[t][0], names, pending);
                        }
                    }
                    if (copy % 1_000 == 0) {
                        c.commit();
                    }
                }
                insertRows(c, tables[t][0], names, pending);
                c.commit();
            }
            c.setAutoCommit(true);
        }
        copiesMade += copies;
        int[] reconciled = projection.reconcile();
        assertThat(reconciled[1]).isEqualTo(copies);
        List<List<cn.gradflow.opentasks.OpenTasks.Row>> both = projection.compareWithEngine();
        assertThat(both.get(1)).as("open_task after the bulk fill").hasSameSizeAs(both.get(0));
    }

    /** One multi-row INSERT of the pending rows (then cleared). */
    private static void insertRows(Connection c, String table, String[] names, List<Object[]> pending) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        String tuple = "(" + String.join(", ", java.util.Collections.nCopies(names.length, "?")) + ")";
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES "
                + String.join(", ", java.util.Collections.nCopies(pending.size(), tuple)))) {
            int p = 1;
            for (Object[] row : pending) {
                for (Object v : row) {
                    insert.setObject(p++, v);
                }
            }
            insert.executeUpdate();
        }
        pending.clear();
    }

    /**
     * What the officer opens: GradFlow's page of their unit's queue in the batch (the page and its count in one request),
     * as {@code user} with the query's {@code filters} appended; the total at least {@code total}.
     */
    private void gradflowPage(String user, String filters, long total, boolean items) {
        try {
            String token = Base64.getEncoder().encodeToString((user + ":" + TestRoster.PASSWORD).getBytes(StandardCharsets.UTF_8));
            MvcResult result = mvc.perform(MockMvcRequestBuilders.get("/api/batches/" + TestRoster.BATCH + "/tasks?size=50" + filters)
                    .header("Authorization", "Basic " + token)).andReturn();
            String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(result.getResponse().getStatus()).as(answer).isEqualTo(200);
            Map<?, ?> page = json.readValue(answer, Map.class);
            assertThat(((Number) page.get("total")).longValue()).isGreaterThanOrEqualTo(total);
            if (items) {
                assertThat((List<?>) page.get("items")).isNotEmpty().hasSizeLessThanOrEqualTo(50);
            } else {
                assertThat((List<?>) page.get("items")).isEmpty();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The filter's id and the officer's groups, looked up once and untimed: the webapp holds the id, the session the groups. */
    private String unitQueueFilter;
    private List<String> officerGroups;

    /**
     * Tasklist's page as the webapp asks for it (camunda-tasklist-bootstrap.js, 7.24): POST filter/{id}/list?firstResult=0
     * &maxResults=15 with {sorting: [{sortBy: created, sortOrder: desc}], active: true} and, when the officer searches
     * the 批次 column, processVariables [{name: batchCode, operator: eq}]; the HAL answer carries the filter's count
     * (FilterResourceImpl.queryHalList: listPage, then count). As the officer, through the filter GradFlow creates
     * (本单位待办: candidate groups ${currentUserGroups()}, assigned included, by due date, then the request's sorting); as
     * admin (no authorization check), the same query with the officer's groups named. Each repetition differs in a
     * created-after bound that excludes nothing, so H2 cannot answer from its cache of identical queries (CAMUNDA-NOTES 23).
     */
    private void enginePage(boolean asOfficer, boolean byBatch, int size, int repetition) {
        Date bound = new Date(1_000L + repetition + (asOfficer ? 0 : 1_000) + (byBatch ? 0 : 10_000));
        TaskQuery request = tasks.createTaskQuery().active().taskCreatedAfter(bound);
        if (byBatch) {
            request.processVariableValueEquals(ApplicationProcess.BATCH_CODE.name(), TestRoster.BATCH);
        }
        request.orderByTaskCreateTime().desc();
        List<Task> page;
        long count;
        if (asOfficer) {
            // before the officer's authentication: the look-up's unbounded filter query is refused to a user (query-max-results-limit)
            if (unitQueueFilter == null) {
                unitQueueFilter = tasklistFilters.idOf(cn.gradflow.engine.TasklistFilters.UNIT_QUEUE);
            }
            String filter = unitQueueFilter;
            roster.authenticate(OFFICER);
            try {
                page = filters.listPage(filter, request, 0, size);
                count = filters.count(filter, request);
            } finally {
                identity.clearAuthentication();
            }
        } else {
            if (officerGroups == null) {
                officerGroups = identity.createGroupQuery().groupMember(OFFICER).list().stream()
                        .map(org.camunda.bpm.engine.identity.Group::getId).toList();
            }
            TaskQuery query = tasks.createTaskQuery().taskCandidateGroupIn(officerGroups).includeAssignedTasks().active()
                    .taskCreatedAfter(bound);
            if (byBatch) {
                query.processVariableValueEquals(ApplicationProcess.BATCH_CODE.name(), TestRoster.BATCH);
            }
            query.orderByDueDate().asc().orderByTaskCreateTime().desc();
            page = query.listPage(0, size);
            count = query.count();
        }
        assertThat(count).isGreaterThanOrEqualTo(students);
        assertThat(page).hasSize((int) Math.min(size, count));
    }

    /**
     * GradFlow's page, median of 7, each run after an untimed no-op write to open_task: H2 answers an identical query
     * from its result cache while the table is unchanged (CAMUNDA-NOTES 23), and the page's count is the same query
     * every time; MariaDB has no such cache (query_cache_type off).
     */
    private double pageMillis(java.util.function.IntConsumer run) {
        return medianMillis(7, i -> {
            try (Connection c = dataSource.getConnection(); var touch = c.createStatement()) {
                // MySQL refuses a subquery on the updated table: the id first
                try (var first = touch.executeQuery("SELECT MIN(task_id) FROM open_task")) {
                    first.next();
                    String id = first.getString(1);
                    touch.executeUpdate("UPDATE open_task SET step = step WHERE task_id = '" + id.replace("'", "''") + "'");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, run);
    }

    private static double medianMillis(int times, java.util.function.IntConsumer run) {
        return medianMillis(times, i -> { }, run);
    }

    /** The median of up to {@code times} timed runs (each after an untimed {@code prepare}); fewer once they took benchmark.pageBudgetSeconds together (at least one). */
    private static double medianMillis(int times, java.util.function.IntConsumer prepare, java.util.function.IntConsumer run) {
        long budget = Long.getLong("benchmark.pageBudgetSeconds", 15L) * 1_000_000_000L;
        List<Double> millis = new ArrayList<>();
        long spent = 0;
        for (int i = 0; i < times && (i == 0 || spent < budget); i++) {
            prepare.accept(i);
            long start = System.nanoTime();
            run.accept(i);
            long took = System.nanoTime() - start;
            spent += took;
            millis.add(took / 1e6);
        }
        java.util.Collections.sort(millis);
        return millis.get(millis.size() / 2);
    }

    // --- 2. approvals -----------------------------------------------------------------------------------

    private void approvals(BenchmarkTable table) {
        List<List<String>> requests = chunks(nos, APPROVALS_PER_REQUEST);
        AtomicInteger done = new AtomicInteger();
        long gradflow = cpuTimed("approvals, GradFlow", students, () -> parallel(requests, studentNos -> done.addAndGet(approve(studentNos))));
        assertThat(done).hasValue(students);
        // the engine's own bare tasks (the filler's copies have no history for a completion to update); read here
        // when the officer's page (which adds the copies) was not asked for
        if (engineBareTasks.isEmpty()) {
            engineBareTasks = taskIds(tasks.createTaskQuery().processDefinitionKey(BARE));
        }
        List<String> bare = engineBareTasks.subList(0, students);
        long baseline = cpuTimed("approvals, bare engine", students, () -> parallel(bare, tasks::complete));
        table.add(String.format("approve %,d tasks in bulk at the city tier (POST /api/batches/{b}/decisions, APPROVE, %d students a request, as the officer)",
                        students, APPROVALS_PER_REQUEST),
                BenchmarkTable.Figure.rate(students, gradflow, "/s"),
                "bare engine: complete a task", BenchmarkTable.Figure.rate(students, baseline, "/s"), outsideCompletions, true);
    }

    /** One bulk decision as the city's officer (HTTP Basic through MockMvc); returns how many were DONE. */
    private int approve(List<String> studentNos) {
        try {
            String body = json.writeValueAsString(Map.of("action", "APPROVE", "studentNos", studentNos));
            String token = Base64.getEncoder().encodeToString((OFFICER + ":" + TestRoster.PASSWORD).getBytes(StandardCharsets.UTF_8));
            MvcResult result = mvc.perform(MockMvcRequestBuilders.post("/api/batches/" + TestRoster.BATCH + "/decisions")
                    .header("Authorization", "Basic " + token).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
            String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(result.getResponse().getStatus()).as(answer).isEqualTo(200);
            Map<?, ?> counts = (Map<?, ?>) json.readValue(answer, Map.class).get("counts");
            return ((Number) counts.get("DONE")).intValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- 3. import ----------------------------------------------------------------------------------------

    private void imports(BenchmarkTable table) throws Exception {
        byte[] sheet = studentSheet(rows);
        // both sides run in this thread (the test profile runs the job before answering): its CPU time is the work
        // done in Java and, on H2, in the database, which a loaded machine does not blur as it does the wall clock
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        HeapPeak.reset();
        long cpuBefore = cpu.getCurrentThreadCpuTime();
        long nanos = timed(() -> importStudents(sheet));
        long gradflowCpu = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
        BenchmarkTable.Figure gradflow = BenchmarkTable.Figure.rate(rows, nanos, "rows/s")
                .withNote("peak heap " + HeapPeak.megabytes() + " MB, CPU " + gradflowCpu + " ms");
        assertThat(countStudents("I%")).isEqualTo(rows);
        HeapPeak.reset();
        cpuBefore = cpu.getCurrentThreadCpuTime();
        long raw = timed(() -> insertStudentsRaw(rows));
        long rawCpu = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
        BenchmarkTable.Figure baseline = BenchmarkTable.Figure.rate(rows, raw, "rows/s")
                .withNote("peak heap " + HeapPeak.megabytes() + " MB, CPU " + rawCpu + " ms");
        assertThat(countStudents("B%")).isEqualTo(rows);
        table.add(String.format("import a %,d-row student sheet (POST /api/imports/students as HQ, %,d KB)", rows, sheet.length / 1024),
                gradflow, "raw batched JDBC insert of the same rows (1,000 per batch and commit; each row fires the dashboard summary's"
                        + " trigger, where the import writes one delta per centre and chunk)", baseline, true);
    }

    /** The student sheet's columns (ImportRowsTest.STUDENT_HEADERS), its rows the ones the raw insert writes. */
    private static byte[] studentSheet(int count) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            SXSSFSheet sheet = workbook.createSheet("学生");
            String[] headers = {"学号", "姓名", "身份证号", "学习中心代码", "专业代码", "层次", "入学学期", "专升本"};
            Row head = sheet.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                head.createCell(c).setCellValue(headers[c]);
            }
            for (int i = 1; i <= count; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(String.format("I%012d", i));
                row.createCell(1).setCellValue("基准" + i);
                row.createCell(2).setCellValue(String.format("45%015dX", i));
                row.createCell(3).setCellValue(TestRoster.LC_A);
                row.createCell(4).setCellValue("XZGL");
                row.createCell(5).setCellValue("专科");
                row.createCell(6).setCellValue("2023春");
                row.createCell(7).setCellValue("否");
            }
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        }
    }

    /** As HQ's clerk would: the upload answers 202 with the job, which the test profile runs before answering. */
    private void importStudents(byte[] sheet) {
        try {
            String token = Base64.getEncoder().encodeToString(("hq1:" + TestRoster.PASSWORD).getBytes(StandardCharsets.UTF_8));
            MvcResult result = mvc.perform(MockMvcRequestBuilders.multipart("/api/imports/students")
                    .file(new org.springframework.mock.web.MockMultipartFile("file", "students.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet))
                    .header("Authorization", "Basic " + token)).andReturn();
            assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(202);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long countStudents(String like) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM student WHERE student_no LIKE ?")) {
            count.setString(1, like);
            try (var rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void insertStudentsRaw(int count) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term, status,
                        upgrade_from_junior, continuing, supplementary_required, degree_eligible)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 1; i <= count; i++) {
                    insert.setString(1, String.format("B%012d", i));
                    insert.setString(2, "基准" + i);
                    insert.setString(3, String.format("46%015dX", i));
                    insert.setString(4, TestRoster.LC_A);
                    insert.setString(5, "XZGL");
                    insert.setString(6, "202303");
                    insert.setString(7, "ENROLLED");
                    insert.setBoolean(8, false);
                    insert.setBoolean(9, false);
                    insert.setBoolean(10, false);
                    insert.setBoolean(11, false);
                    insert.addBatch();
                    if (i % 1_000 == 0 || i == count) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- 4. export ----------------------------------------------------------------------------------------

    private void exports(BenchmarkTable table) {
        // untimed: the roster's cases, written as exports.ExportSeed writes them (every tenth name hostile)
        cn.gradflow.exports.ExportSeed.seed(new org.springframework.jdbc.core.JdbcTemplate(dataSource), TestRoster.LC_A, rows);
        // untimed, both sides: the JIT compiles the writers before the clock runs, as on a node that has run a while
        exportRoster(cn.gradflow.exports.ExportSeed.ROSTER_BATCH);
        writeRosterCells(Math.min(rows, 5_000));
        HeapPeak.reset();
        long[] written = {0};
        long gradflow = timed(() -> written[0] = exportRoster(cn.gradflow.exports.ExportSeed.ROSTER_BATCH));
        long gradflowHeap = HeapPeak.megabytes();
        assertThat(written[0]).as("the workbook's bytes").isPositive();
        HeapPeak.reset();
        long nanos = timed(() -> writeRosterCells(rows));
        BenchmarkTable.Figure baseline = BenchmarkTable.Figure.rate(rows, nanos, "rows/s").withNote("peak heap " + HeapPeak.megabytes() + " MB");
        table.add(String.format("export the %,d-row graduate roster (GET /api/batches/{b}/exports/roster.xlsx as HQ)", rows),
                BenchmarkTable.Figure.rate(rows, gradflow, "rows/s").withNote("peak heap " + gradflowHeap + " MB"),
                "POI SXSSF writing the same cells (12 per row, window of 100 rows)", baseline, true);
    }

    /** As HQ's clerk would, through the endpoint; the workbook lands in MockMvc's buffer (a few MB at 100,000 rows). */
    private long exportRoster(String batch) {
        try {
            String token = Base64.getEncoder().encodeToString(("hq1:" + TestRoster.PASSWORD).getBytes(StandardCharsets.UTF_8));
            MvcResult result = mvc.perform(MockMvcRequestBuilders.get("/api/batches/" + batch + "/exports/roster.xlsx")
                    .param("unit", "HQ").header("Authorization", "Basic " + token)).andReturn();
            assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
            return result.getResponse().getContentAsByteArray().length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The baseline's cells ({@link RosterCellsBaseline}) into a temporary file, as a download would land. */
    private static void writeRosterCells(int count) {
        try {
            Path file = Files.createTempFile("benchmark-roster", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                RosterCellsBaseline.write(count, out);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- 5. photos ----------------------------------------------------------------------------------------

    private void photos(BenchmarkTable table) {
        byte[] photo = PhotoFixtures.graduationJpeg();
        // untimed, both sides: the JIT compiles the pixel loops before the clock runs, as on a node that has run a while
        parallel(range(Math.min(photos, 200)), i -> {
            PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, "p.jpg", photo, null);
            headerSize(photo);
        });
        AtomicInteger ok = new AtomicInteger();
        HeapPeak.reset();
        long gradflow = cpuTimed("photos, GradFlow", photos, () -> parallel(range(photos), i -> {
            if (PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, "p.jpg", photo, null).ok()) {
                ok.incrementAndGet();
            }
        }));
        long gradflowHeap = HeapPeak.megabytes();
        assertThat(ok).hasValue(photos);
        AtomicInteger read = new AtomicInteger();
        HeapPeak.reset();
        long baseline = cpuTimed("photos, header only", photos, () -> parallel(range(photos), i -> {
            if (headerSize(photo) == 480 * 640) {
                read.incrementAndGet();
            }
        }));
        long baselineHeap = HeapPeak.megabytes();
        assertThat(read).hasValue(photos);
        table.add(String.format("inspect %,d photos (photo.PhotoInspector, OUC graduation profile)", photos),
                BenchmarkTable.Figure.rate(photos, gradflow, "/s").withNote("peak heap " + gradflowHeap + " MB"),
                "ImageIO reading the header only (width × height)",
                BenchmarkTable.Figure.rate(photos, baseline, "/s").withNote("peak heap " + baselineHeap + " MB"), true);
    }

    private static int headerSize(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the engine side of the baselines, and running things ---------------------------------------------

    /** One user task behind one async continuation, in the same engine as GradFlow's processes. */
    private void deployBareProcess() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(BARE).count() > 0) {
            return;
        }
        BpmnModelInstance model = Bpmn.createExecutableProcess(BARE).camundaHistoryTimeToLive(1)
                .startEvent().camundaAsyncAfter()
                .userTask("BareTask").camundaCandidateGroups("${group}")
                .endEvent().done();
        repository.createDeployment().name(BARE).addModelInstance(BARE + ".bpmn", model).deploy();
    }

    private void startBare() {
        // in the batch as the projection reads it (<batch>-<branch>), like the rest of a province's tasks
        runtime.startProcessInstanceByKey(BARE, TestRoster.BATCH + "-GD",
                Map.of("group", OTHER_CITY, ApplicationProcess.BATCH_CODE.name(), TestRoster.BATCH));
    }

    private TaskQuery cityTasks() {
        return tasks.createTaskQuery().taskDefinitionKey("CityApproval").taskCandidateGroup(OFFICER_CITY);
    }

    private static List<String> taskIds(TaskQuery query) {
        List<String> ids = new ArrayList<>();
        int first = 0;
        List<Task> page;
        while (!(page = query.listPage(first, 5_000)).isEmpty()) {
            page.forEach(t -> ids.add(t.getId()));
            first += page.size();
        }
        return ids;
    }

    /** Runs every due job, as the job executor would, with the benchmark's threads; returns when none is left. */
    void runJobs() {
        List<Job> due;
        while (!(due = management.createJobQuery().executable().listPage(0, 2_000)).isEmpty()) {
            parallel(due, job -> management.executeJob(job.getId()));
        }
    }

    private static List<List<String>> chunks(List<String> items, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    private List<String> parallelCollect(int n, java.util.function.IntFunction<String> make) {
        String[] made = new String[n];
        parallel(range(n), i -> made[i] = make.apply(i));
        return List.of(made);
    }

    /** The items split over the benchmark's threads, each thread taking the next item; a failure fails the run. */
    <T> void parallel(List<T> items, Consumer<T> work) {
        Workers.run(threads, items, work, (cpu, user) -> {
            cpuNanos.addAndGet(cpu);
            userNanos.addAndGet(user);
        });
    }


    /** CPU time the benchmark's worker threads spent (ThreadMXBean): on a shared machine a steadier measure than the clock. */
    private final java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();
    /**
     * The part of it in user mode: the rest is the kernel's, on MySQL/MariaDB mostly the socket's round trips (issue 13:
     * tells Java work from round trips where a JFR profile, which samples Java frames only, cannot).
     */
    private final java.util.concurrent.atomic.AtomicLong userNanos = new java.util.concurrent.atomic.AtomicLong();

    /** CPU time of the work's worker threads in {@link #parallel}, printed per item: what a busy machine does not blur. */
    private long cpuTimed(String what, int items, Runnable work) {
        long before = cpuNanos.get();
        long userBefore = userNanos.get();
        long nanos = timed(work);
        long cpu = cpuNanos.get() - before;
        long user = userNanos.get() - userBefore;
        System.out.printf("benchmark CPU %s: %,.2f ms CPU per item, %,.2f ms of it user mode (%,d items, %,.1f s CPU, %,.1f s wall)%n",
                what, cpu / 1e6 / items, user / 1e6 / items, items, cpu / 1e9, nanos / 1e9);
        return nanos;
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }
}
