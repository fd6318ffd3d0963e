package cn.gradflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
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
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import cn.gradflow.forms.FormCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camunda engine built outside GradFlow — no Spring Boot, no application context — on a database of its own, with
 * the switches of {@link Setup} that bring it towards the application's engine (all off: Camunda's defaults). Shared by
 * {@link BareEngineOutsideBenchmarkTest} (switch by switch) and {@link ProvinceBenchmark} (the defaults only, the
 * table's "bare engine outside GradFlow" column): issue 13 is checked against such an engine.
 * <p>
 * Two processes: {@link #PLAIN} (start, one user task, end) and {@link #ASYNC} (the same behind one no-op async
 * continuation after the start, the start baseline). Work is split over {@code threads} threads.
 */
final class BareEngine implements AutoCloseable {

    static final String PLAIN = "bare-plain";
    static final String ASYNC = "bare-async";

    /** What the application's engine has that a bare engine's defaults have not; all off is Camunda's defaults. */
    static final class Setup {
        /** H2: WRITE_DELAY=0 (application.yml); MySQL/MariaDB: READ COMMITTED, which the engine requires (ENGINE-12019). */
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

        /** Camunda's defaults on this database: nothing switched on but what the engine needs to start (READ COMMITTED on MySQL). */
        static Setup defaults(Database db) {
            Setup s = new Setup();
            s.databaseSetting = db.mysql();
            return s;
        }
    }

    record Database(String driver, String url, String user, String password, boolean mysql) {

        /**
         * An H2 file of its own (the directory emptied first); at H2's defaults but LOCK_TIMEOUT, which only turns a wait
         * of over a second into no failure, unless {@code writeDelayZero} (application.yml's WRITE_DELAY=0).
         */
        static Database h2File(Path directory, boolean writeDelayZero) {
            deleteRecursively(directory);
            return new Database("org.h2.Driver", "jdbc:h2:file:" + directory.toAbsolutePath().resolve("bare") + ";LOCK_TIMEOUT=10000"
                    + (writeDelayZero ? ";WRITE_DELAY=0" : ""), "sa", "", false);
        }

        /** The database {@code name} on the MySQL tests' server (MariaDbBenchmarkTest's variables), with the application's URL options. */
        static Database mariaDb(String name) {
            return new Database("com.mysql.cj.jdbc.Driver", MariaDbBenchmarkTest.HOST_URL + name
                    + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8&connectionTimeZone=LOCAL",
                    MariaDbBenchmarkTest.USER, MariaDbBenchmarkTest.PASSWORD, true);
        }
    }

    final ProcessEngine engine;
    private final Setup setup;
    private final int threads;
    private final DataSource pool;
    private final Arrived arrived = new Arrived();

    /**
     * Builds the engine on {@code db} (its schema created on an empty database) and deploys both processes.
     * {@code name}: letters only, never "default" (engines register by name JVM-wide; the Spring tests' too).
     * {@code counting}: the engine's statements go through {@link SqlCounter} (off until {@link SqlCounter#counting}).
     */
    BareEngine(String name, Setup s, Database db, int threads, boolean counting) throws ReflectiveOperationException {
        this.setup = s;
        this.threads = threads;
        this.pool = pool(s, db);
        if (s.gradflowPlugins) {
            // as the application: Flyway's GradFlow tables first, the engine's after (engine.EngineConfiguration)
            Flyway.configure().dataSource(pool)
                    .locations(db.mysql() ? new String[] {"classpath:db/migration", "classpath:db/vendor/mysql"}
                            : new String[] {"classpath:db/migration"})
                    .load().migrate();
        }
        ProcessEngine built;
        try {
            built = configuration(name, s, db, counting ? new SqlCounter.Counting(pool) : pool).buildProcessEngine();
        } catch (RuntimeException | ReflectiveOperationException e) {
            closePool();
            throw e;
        }
        this.engine = built;
        engine.getRepositoryService().createDeployment().name("bare")
                .addModelInstance(PLAIN + ".bpmn", process(PLAIN, s, false))
                .addModelInstance(ASYNC + ".bpmn", process(ASYNC, s, true)).deploy();
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            closePool();
        }
    }

    private void closePool() {
        if (pool instanceof HikariDataSource hikari) {
            hikari.close();
        } else {
            ((PooledDataSource) pool).forceCloseAll();
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
        PooledDataSource pooled = new PooledDataSource(BareEngine.class.getClassLoader(), db.driver(), db.url(), db.user(), db.password());
        if (db.mysql() && s.databaseSetting) {
            pooled.setDefaultTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED);
        }
        return pooled;
    }

    private ProcessEngineConfigurationImpl configuration(String name, Setup s, Database db, DataSource dataSource)
            throws ReflectiveOperationException {
        ProcessEngineConfigurationImpl c;
        if (s.springTxHikari) {
            SpringProcessEngineConfiguration spring = new SpringProcessEngineConfiguration();
            spring.setTransactionManager(new DataSourceTransactionManager(dataSource));
            c = spring;
        } else {
            c = new StandaloneProcessEngineConfiguration();
        }
        c.setProcessEngineName(name);
        c.setDataSource(dataSource);
        // an empty database: the engine creates its tables (the default, "false", only checks them)
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
            // the job executor at its defaults but its pool: the benchmark's threads (Camunda's default is 3 to 10)
            DefaultJobExecutor executor = new DefaultJobExecutor();
            executor.setCorePoolSize(threads);
            executor.setMaxPoolSize(threads);
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

    /**
     * Counts the async process's arrivals at its task once their transaction committed, so the run knows when every job
     * has run and its task can be read (counted at the listener itself, the last job's task was not yet committed when a
     * completion pass read the open tasks; a job retried after a conflict counts once).
     */
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
            CountDownLatch counting = latch;
            Context.getCommandContext().getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, committed -> counting.countDown());
        }
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

    /** {@code n} instances of the process {@code key} started (its async job, if any, left to run). */
    void starts(String key, int n) {
        parallel(range(n), i -> {
            if (setup.appProcess) {
                // as ProvinceBenchmark.startBare: <batch>-<branch>, the task's group and the batch
                engine.getRuntimeService().startProcessInstanceByKey(key, "202601-GD", Map.of("group", "GDSG", "batchCode", "202601"));
            } else {
                engine.getRuntimeService().startProcessInstanceByKey(key);
            }
        });
    }

    /** {@code n} instances of {@link #ASYNC} started and their jobs run (by the job executor, or as ProvinceBenchmark.runJobs does). */
    void startsWithJobs(int n) {
        arrived.expect(n);
        starts(ASYNC, n);
        if (setup.jobsByRunner) {
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

    /** {@code n} open tasks of the process {@code key} completed (there must be that many). */
    void completions(String key, int n) {
        List<Task> open = engine.getTaskService().createTaskQuery().processDefinitionKey(key).listPage(0, n);
        assertThat(open).hasSize(n);
        parallel(open, t -> engine.getTaskService().complete(t.getId()));
    }

    private static final java.lang.management.ThreadMXBean THREAD_CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** CPU of {@link #parallel}'s worker threads, which end with each call, and their ids, left out of {@link #threadCpu}. */
    private final java.util.concurrent.atomic.AtomicLong workerCpu = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<Long> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A point to measure this engine's threads' CPU from ({@link #cpuSince}). */
    record CpuMark(Map<Long, Long> threads, long workers) {
    }

    CpuMark cpuMark() {
        return new CpuMark(threadCpu(), workerCpu.get());
    }

    /**
     * CPU nanoseconds since {@code mark} of the Java threads: the workers' and every other live thread's (the job
     * executor's, H2's background writer, the caller) — not the JVM's own (GC, JIT), which {@link #processCpu} counts. So
     * it compares with {@link ProvinceBenchmark}'s worker-thread CPU, where the jobs run in the workers.
     */
    long cpuSince(CpuMark mark) {
        long others = 0;
        for (Map.Entry<Long, Long> now : threadCpu().entrySet()) {
            others += now.getValue() - mark.threads().getOrDefault(now.getKey(), 0L);
        }
        return workerCpu.get() - mark.workers() + others;
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : THREAD_CPU.getAllThreadIds()) {
            long nanos = THREAD_CPU.getThreadCpuTime(id);
            if (nanos >= 0 && !workers.contains(id)) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** The whole JVM's CPU time in nanoseconds: the job executor's threads and, on H2, the database's work included. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    /** The items split over the threads; the workers' ids and CPU recorded ({@link #cpuSince}). */
    private <T> void parallel(List<T> items, Consumer<T> work) {
        Workers.run(threads, items, work, new Workers.Watch() {
            @Override
            public void started(long threadId) {
                workers.add(threadId);
            }

            @Override
            public void ended(long cpuNanos, long userNanos) {
                workerCpu.addAndGet(cpuNanos);
            }
        });
    }

    static void deleteRecursively(Path directory) {
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
