package cn.gradflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.camunda.bpm.spring.boot.starter.event.EventPublisherPlugin;
import org.camunda.bpm.spring.boot.starter.property.EventingProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import cn.gradflow.forms.FormCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 is checked against "a bare engine measured outside the project on the same machine": this is that engine,
 * built here with no Spring Boot and no GradFlow — a plain {@link StandaloneProcessEngineConfiguration} on an H2 file
 * and on MariaDB — and then brought, one switch at a time, to what the application's engine is. Each step keeps the
 * steps before it, starts a fresh engine on an empty database, and measures with 2 threads: starts of a one-user-task
 * process, starts of the same process behind one no-op async continuation with that job run, and completions of the
 * first process's tasks; beside them the process's CPU time and the SQL statements per item (counted in a small pass of
 * its own, {@link SqlCounter}). The last step is the application's engine short of Spring Boot itself (the step before it,
 * with the starter's eventing, the engine before issue 13 turned that off); the in-app baseline ({@link ProvinceBenchmark})
 * is the same engine inside the running application.
 * <p>
 * Sizes: {@code bareOutside.n} (500 per measurement), {@code bareOutside.counted} (50: the counted pass and the warm-up),
 * {@code benchmark.threads} (2). MariaDB: the same variables as the
 * in-app benchmark ({@code MYSQL_BENCHMARK_DATABASE}, dropped and recreated for every step); without a server the
 * MariaDB table is skipped unless {@code -Dgradflow.mysql.required=true}. Tables in target/benchmark/bare-outside-*.md.
 */
@Tag("benchmark")
class BareEngineOutsideBenchmarkTest {

    static final int N = Integer.getInteger("bareOutside.n", 500);
    static final int THREADS = Integer.getInteger("benchmark.threads", 2);
    /** Items per kind in the counted pass (statements per item) and in the warm-up. */
    static final int COUNTED = Integer.getInteger("bareOutside.counted", 50);
    static final String PLAIN = "bare-plain";
    static final String ASYNC = "bare-async";

    /** What the application's engine has that a bare engine's defaults have not; each step switches one more on. */
    static final class Setup {
        boolean databaseSetting;
        boolean historyFull;
        boolean strongIds;
        boolean appProcess;
        boolean authorization;
        boolean appProperties;
        boolean jobsByRunner;
        boolean springTxHikari;
        boolean eventing;
        boolean gradflowPlugins;
    }

    record Step(String name, Consumer<Setup> on) {
    }

    static List<Step> steps(boolean h2) {
        List<Step> steps = new ArrayList<>();
        if (h2) {
            steps.add(new Step("bare engine outside, defaults (history audit, DbIdGenerator, engine's own pool, job executor of 2 threads,"
                    + " H2's default WRITE_DELAY of 500 ms)", s -> { }));
            steps.add(new Step("+ H2 WRITE_DELAY=0 (application.yml: a commit is in the file when commit() returns)", s -> s.databaseSetting = true));
        } else {
            // the engine refuses to start on MySQL's default REPEATABLE READ (ENGINE-12019): no step without it
            steps.add(new Step("bare engine outside, defaults (history audit, DbIdGenerator, engine's own pool, job executor of 2 threads),"
                    + " READ COMMITTED (the engine refuses REPEATABLE READ, ENGINE-12019)", s -> s.databaseSetting = true));
        }
        steps.addAll(List.of(
                new Step("+ history level full (the engine's default: audit)", s -> s.historyFull = true),
                new Step("+ StrongUuidGenerator ids (the Spring Boot starter's default)", s -> s.strongIds = true),
                new Step("+ the in-app baseline's process: a business key, 2 variables, a candidate group", s -> s.appProcess = true),
                new Step("+ authorization on, historic instance permissions", s -> s.authorization = true),
                new Step("+ GradFlow's engine properties (CMMN and standalone tasks off, query limit 10,000)", s -> s.appProperties = true),
                new Step("+ the async job run by the benchmark's runner (job query, executeJob in 2 threads), not the job executor",
                        s -> s.jobsByRunner = true),
                new Step("+ Spring transaction manager and Hikari (the engine's own MyBatis pool before)", s -> s.springTxHikari = true),
                new Step("+ the Spring Boot starter's eventing (every execution, task and history event published as a Spring event)",
                        s -> s.eventing = true),
                new Step("+ GradFlow's engine plugins: open_task projection, input guard, binary-free history, its engine indexes"
                        + " (GradFlow's schema by Flyway)", s -> s.gradflowPlugins = true),
                new Step("− the starter's eventing again (off in application.yml since issue 13): the application's engine as it is",
                        s -> s.eventing = false)));
        return steps;
    }

    /** One step's figures: rates per second, CPU milliseconds and statements per item (start, start + job, completion). */
    record Figures(double starts, double startsWithJob, double completions, double[] cpuMs, double[] statements) {
    }

    @Test
    void h2File() throws Exception {
        Path root = Path.of("target", "benchmark", "bare-outside-h2");
        List<Step> steps = steps(true);
        List<Figures> figures = new ArrayList<>();
        Setup setup = new Setup();
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).on().accept(setup);
            Path dir = root.resolve("step" + i);
            deleteRecursively(dir);
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("bare") + ";LOCK_TIMEOUT=10000"
                    + (setup.databaseSetting ? ";WRITE_DELAY=0" : "");
            figures.add(measure(i, setup, new Database("org.h2.Driver", url, "sa", "", false)));
        }
        publish("bare-outside-h2", "H2 file", steps, figures);
    }

    @Test
    void mariaDb() throws Exception {
        // no server and not required: skipped, as MariaDbBenchmarkTest is
        org.junit.jupiter.api.Assumptions.assumeTrue(MariaDbBenchmarkTest.recreate(), "no MySQL/MariaDB server");
        List<Step> steps = steps(false);
        List<Figures> figures = new ArrayList<>();
        Setup setup = new Setup();
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).on().accept(setup);
            assertThat(MariaDbBenchmarkTest.recreate()).isTrue();
            String url = MariaDbBenchmarkTest.HOST_URL + MariaDbBenchmarkTest.DATABASE
                    + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8&connectionTimeZone=LOCAL";
            figures.add(measure(i, setup, new Database("com.mysql.cj.jdbc.Driver", url, MariaDbBenchmarkTest.USER,
                    MariaDbBenchmarkTest.PASSWORD, true)));
        }
        String version;
        try (Connection c = DriverManager.getConnection(MariaDbBenchmarkTest.HOST_URL, MariaDbBenchmarkTest.USER, MariaDbBenchmarkTest.PASSWORD)) {
            version = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
        publish("bare-outside-mariadb", version, steps, figures);
    }

    record Database(String driver, String url, String user, String password, boolean mysql) {
    }

    // --- one step: an engine built, measured, closed ------------------------------------------------------------

    private Figures measure(int index, Setup s, Database db) throws Exception {
        DataSource pool = pool(s, db);
        DataSource counted = new SqlCounter.Counting(pool);
        if (s.gradflowPlugins) {
            // as the application: Flyway's GradFlow tables first, the engine's after (engine.EngineConfiguration)
            Flyway.configure().dataSource(pool)
                    .locations(db.mysql() ? new String[] {"classpath:db/migration", "classpath:db/vendor/mysql"}
                            : new String[] {"classpath:db/migration"})
                    .load().migrate();
        }
        Arrived arrived = new Arrived();
        ProcessEngine engine = engine(index, s, db, counted, arrived).buildProcessEngine();
        try {
            deploy(engine, s);
            SqlCounter.counting = false;
            // warm-up: the JIT and the engine's caches, alike for every step
            int few = COUNTED;
            starts(engine, s, PLAIN, few);
            startsWithJobs(engine, s, arrived, few);
            completions(engine, few);

            double[] cpu = new double[3];
            long cpu0 = processCpu();
            double starts = rate(N, timed(() -> starts(engine, s, PLAIN, N)));
            cpu[0] = (processCpu() - cpu0) / 1e6 / N;
            cpu0 = processCpu();
            double withJob = rate(N, timed(() -> startsWithJobs(engine, s, arrived, N)));
            cpu[1] = (processCpu() - cpu0) / 1e6 / N;
            cpu0 = processCpu();
            double completions = rate(N, timed(() -> completions(engine, N)));
            cpu[2] = (processCpu() - cpu0) / 1e6 / N;

            double[] statements = new double[3];
            statements[0] = counted(() -> starts(engine, s, PLAIN, COUNTED));
            statements[1] = counted(() -> startsWithJobs(engine, s, arrived, COUNTED));
            statements[2] = counted(() -> completions(engine, COUNTED));
            assertThat(engine.getManagementService().createJobQuery().count()).as("jobs left").isZero();
            assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey(PLAIN).count()).isZero();
            System.out.printf(Locale.ROOT, "bare outside step %d: %.1f starts/s, %.1f starts + job/s, %.1f completions/s%n",
                    index, starts, withJob, completions);
            return new Figures(starts, withJob, completions, cpu, statements);
        } finally {
            SqlCounter.counting = true;
            engine.close();
            if (pool instanceof HikariDataSource hikari) {
                hikari.close();
            } else {
                ((PooledDataSource) pool).forceCloseAll();
            }
        }
    }

    /** The engine's own pool (what a jdbcUrl gives it: MyBatis' PooledDataSource), or Hikari as Spring Boot makes it. */
    private static DataSource pool(Setup s, Database db) {
        if (s.springTxHikari) {
            HikariDataSource hikari = new HikariDataSource();
            hikari.setDriverClassName(db.driver());
            hikari.setJdbcUrl(db.url());
            hikari.setUsername(db.user());
            hikari.setPassword(db.password());
            if (db.mysql()) {
                // application-mysql.yml
                hikari.setMaximumPoolSize(20);
                if (s.databaseSetting) {
                    hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
                }
            }
            return hikari;
        }
        PooledDataSource pooled = new PooledDataSource(BareEngineOutsideBenchmarkTest.class.getClassLoader(), db.driver(), db.url(),
                db.user(), db.password());
        if (db.mysql() && s.databaseSetting) {
            pooled.setDefaultTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED);
        }
        return pooled;
    }

    private static ProcessEngineConfigurationImpl engine(int index, Setup s, Database db, DataSource dataSource, Arrived arrived)
            throws ReflectiveOperationException {
        ProcessEngineConfigurationImpl c;
        if (s.springTxHikari) {
            SpringProcessEngineConfiguration spring = new SpringProcessEngineConfiguration();
            spring.setTransactionManager(new DataSourceTransactionManager(dataSource));
            c = spring;
        } else {
            c = new StandaloneProcessEngineConfiguration();
        }
        // letters only, and never "default": the Spring tests' engines register by name in the same JVM
        c.setProcessEngineName("bareoutside" + (char) ('a' + index));
        c.setDataSource(dataSource);
        c.setDatabaseSchemaUpdate("true");
        if (db.mysql()) {
            c.setDatabaseType("mysql"); // application-mysql.yml
        }
        c.setHistory(s.historyFull ? "full" : "audit");
        if (s.strongIds) {
            c.setIdGenerator(new StrongUuidGenerator());
        }
        c.setAuthorizationEnabled(s.authorization);
        c.setEnableHistoricInstancePermissions(s.authorization);
        if (s.appProperties) {
            c.setCmmnEnabled(false);
            c.setStandaloneTasksEnabled(false);
            c.setQueryMaxResultsLimit(10_000);
        }
        if (!s.jobsByRunner) {
            DefaultJobExecutor executor = new DefaultJobExecutor();
            executor.setCorePoolSize(THREADS);
            executor.setMaxPoolSize(THREADS);
            c.setJobExecutor(executor);
        }
        c.setJobExecutorActivate(!s.jobsByRunner);
        c.setBeans(Map.of("arrived", arrived));
        List<ProcessEnginePlugin> plugins = new ArrayList<>();
        if (s.eventing) {
            GenericApplicationContext publisher = new GenericApplicationContext();
            publisher.refresh();
            plugins.add(new EventPublisherPlugin(new EventingProperty(), publisher));
        }
        if (s.gradflowPlugins) {
            plugins.addAll(gradflowPlugins(dataSource));
        }
        // as the Spring Boot starter leaves them: lists a plugin may add to
        c.setCustomPostBPMNParseListeners(new ArrayList<>());
        c.setCustomHistoryEventHandlers(new ArrayList<>());
        c.setProcessEnginePlugins(plugins);
        return c;
    }

    /**
     * The application's own engine plugins (engine, security and opentasks packages), built as Spring builds them.
     * They are package-private there, so made here by reflection; the list is the application's every
     * {@code ProcessEnginePlugin} bean.
     */
    private static List<ProcessEnginePlugin> gradflowPlugins(DataSource dataSource) throws ReflectiveOperationException {
        FormCatalog forms = new FormCatalog();
        Object openTasks = make("cn.gradflow.opentasks.OpenTasks", new Class<?>[] {JdbcClient.class, org.springframework.beans.factory.ObjectProvider.class},
                JdbcClient.create(dataSource), new StaticListableBeanFactory().getBeanProvider(RepositoryService.class));
        return List.of(
                (ProcessEnginePlugin) make("cn.gradflow.engine.EngineIndexes", new Class<?>[0]),
                (ProcessEnginePlugin) make("cn.gradflow.engine.CompletionRace", new Class<?>[0]),
                (ProcessEnginePlugin) make("cn.gradflow.engine.BinaryFreeHistory", new Class<?>[] {FormCatalog.class}, forms),
                (ProcessEnginePlugin) make("cn.gradflow.security.EngineInputGuard", new Class<?>[] {FormCatalog.class}, forms),
                (ProcessEnginePlugin) make("cn.gradflow.opentasks.OpenTaskProjection", new Class<?>[] {openTasks.getClass()}, openTasks));
    }

    private static Object make(String className, Class<?>[] types, Object... args) throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(args);
    }

    /** Counts the async process's arrivals at its task, so the run knows when the job executor has run every job. */
    static final class Arrived implements ExecutionListener {
        private volatile CountDownLatch latch = new CountDownLatch(0);

        void expect(int n) {
            latch = new CountDownLatch(n);
        }

        void await() throws InterruptedException {
            assertThat(latch.await(10, TimeUnit.MINUTES)).as("every async job run").isTrue();
        }

        @Override
        public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            latch.countDown();
        }
    }

    private static void deploy(ProcessEngine engine, Setup s) {
        engine.getRepositoryService().createDeployment().name("bare")
                .addModelInstance(PLAIN + ".bpmn", process(PLAIN, s, false))
                .addModelInstance(ASYNC + ".bpmn", process(ASYNC, s, true)).deploy();
    }

    /** A start event, one user task, an end event: the in-app baseline's process (ProvinceBenchmark.deployBareProcess). */
    private static BpmnModelInstance process(String key, Setup s, boolean async) {
        var start = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent();
        if (async) {
            start = start.camundaAsyncAfter();
        }
        UserTaskBuilder task = start.userTask("BareTask");
        if (s.appProcess) {
            task = task.camundaCandidateGroups("${group}");
        }
        if (async) {
            task = task.camundaExecutionListenerDelegateExpression(ExecutionListener.EVENTNAME_START, "${arrived}");
        }
        return task.endEvent().done();
    }

    private void starts(ProcessEngine engine, Setup s, String key, int n) {
        parallel(range(n), i -> {
            if (s.appProcess) {
                // as ProvinceBenchmark.startBare: <batch>-<branch>, the task's group and the batch
                engine.getRuntimeService().startProcessInstanceByKey(key, "202601-GD", Map.of("group", "GDSG", "batchCode", "202601"));
            } else {
                engine.getRuntimeService().startProcessInstanceByKey(key);
            }
        });
    }

    private void startsWithJobs(ProcessEngine engine, Setup s, Arrived arrived, int n) {
        arrived.expect(n);
        starts(engine, s, ASYNC, n);
        if (s.jobsByRunner) {
            // ProvinceBenchmark.runJobs
            List<Job> due;
            while (!(due = engine.getManagementService().createJobQuery().executable().listPage(0, 2_000)).isEmpty()) {
                parallel(due, job -> engine.getManagementService().executeJob(job.getId()));
            }
        }
        try {
            arrived.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void completions(ProcessEngine engine, int n) {
        List<Task> open = engine.getTaskService().createTaskQuery().processDefinitionKey(PLAIN).listPage(0, n);
        assertThat(open).hasSize(n);
        parallel(open, t -> engine.getTaskService().complete(t.getId()));
    }

    private static double counted(Runnable work) {
        SqlCounter.reset();
        SqlCounter.counting = true;
        try {
            work.run();
        } finally {
            SqlCounter.counting = false;
        }
        return SqlCounter.total() / (double) COUNTED;
    }

    // --- the table -----------------------------------------------------------------------------------------------

    private static void publish(String fileName, String database, List<Step> steps, List<Figures> figures) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "**%s**, bare engine outside GradFlow (Camunda 7.24, no Spring Boot), %d threads, %,d items"
                        + " per measurement, Java %s, %d cores, load average %.1f at the end%n%n", database, THREADS, N,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append("| step (each keeps the ones above) | starts/s | starts + async job/s | completions/s |"
                + " CPU ms per start / start + job / completion | statements per start / start + job / completion |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            Figures f = figures.get(i);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f / %.2f / %.2f | %.1f / %.1f / %.1f |%n", steps.get(i).name(),
                    number(f.starts()), number(f.startsWithJob()), number(f.completions()),
                    f.cpuMs()[0], f.cpuMs()[1], f.cpuMs()[2], f.statements()[0], f.statements()[1], f.statements()[2]));
        }
        md.append("\nCPU: the whole JVM's (the job executor's threads and, on H2, the database's work included; the MariaDB"
                + " server's not). Statements: every JDBC execution and batched row, in a pass of ").append(COUNTED)
                .append(" items of each kind.\n");
        System.out.println(md);
        Path file = Path.of("target", "benchmark", fileName + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, md, StandardCharsets.UTF_8);
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    // --- running things ----------------------------------------------------------------------------------------

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double rate(int items, long nanos) {
        return items / Math.max(nanos / 1e9, 1e-9);
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    /** The items split over the threads, each thread taking the next item (ProvinceBenchmark.parallel). */
    private static <T> void parallel(List<T> items, Consumer<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < items.size()) {
                        work.accept(items.get(i));
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
