package cn.gradflow.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.gradflow.benchmark.BareEngine.Database;
import cn.gradflow.benchmark.BareEngine.Setup;

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
            figures.add(measure(i, setup, Database.h2File(root.resolve("step" + i), setup.databaseSetting)));
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
            figures.add(measure(i, setup, Database.mariaDb(MariaDbBenchmarkTest.DATABASE)));
        }
        String version;
        try (Connection c = DriverManager.getConnection(MariaDbBenchmarkTest.HOST_URL, MariaDbBenchmarkTest.USER, MariaDbBenchmarkTest.PASSWORD)) {
            version = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
        publish("bare-outside-mariadb", version, steps, figures);
    }

    // --- one step: an engine built, measured, closed ------------------------------------------------------------

    private Figures measure(int index, Setup s, Database db) throws Exception {
        // letters only, and never "default": the Spring tests' engines register by name in the same JVM
        try (BareEngine bare = new BareEngine("bareoutside" + (char) ('a' + index), s, db, THREADS, true)) {
            SqlCounter.counting = false;
            // warm-up: the JIT and the engine's caches, alike for every step
            int few = COUNTED;
            bare.starts(BareEngine.PLAIN, few);
            bare.startsWithJobs(few);
            bare.completions(BareEngine.PLAIN, few);

            double[] cpu = new double[3];
            long cpu0 = BareEngine.processCpu();
            double starts = rate(N, timed(() -> bare.starts(BareEngine.PLAIN, N)));
            cpu[0] = (BareEngine.processCpu() - cpu0) / 1e6 / N;
            cpu0 = BareEngine.processCpu();
            double withJob = rate(N, timed(() -> bare.startsWithJobs(N)));
            cpu[1] = (BareEngine.processCpu() - cpu0) / 1e6 / N;
            cpu0 = BareEngine.processCpu();
            double completions = rate(N, timed(() -> bare.completions(BareEngine.PLAIN, N)));
            cpu[2] = (BareEngine.processCpu() - cpu0) / 1e6 / N;

            double[] statements = new double[3];
            statements[0] = counted(() -> bare.starts(BareEngine.PLAIN, COUNTED));
            statements[1] = counted(() -> bare.startsWithJobs(COUNTED));
            statements[2] = counted(() -> bare.completions(BareEngine.PLAIN, COUNTED));
            assertThat(bare.engine.getManagementService().createJobQuery().count()).as("jobs left").isZero();
            assertThat(bare.engine.getTaskService().createTaskQuery().processDefinitionKey(BareEngine.PLAIN).count()).isZero();
            System.out.printf(Locale.ROOT, "bare outside step %d: %.1f starts/s, %.1f starts + job/s, %.1f completions/s%n",
                    index, starts, withJob, completions);
            return new Figures(starts, withJob, completions, cpu, statements);
        } finally {
            SqlCounter.counting = true;
        }
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

    private static double rate(int items, long nanos) {
        return items / Math.max(nanos / 1e9, 1e-9);
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }
}
