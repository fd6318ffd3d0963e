package cn.gradflow.exports;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * Run by {@link ExportMemoryTest} in a JVM of its own with -Xmx256m: an embedded H2 file database migrated by
 * GradFlow's own Flyway scripts, {@code n} cases seeded per export, then each workbook written by
 * {@link WorkbookExports} (the code behind the endpoint) into a stream that counts and drops the bytes.
 * Prints one line per export: rows, seconds, rows/s, bytes, heap peaks.
 */
public final class ExportHeapProbe {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:h2:file:" + dir.resolve("probe") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
            ds.setUsername("sa");
            ds.setPassword("");
            ds.setMaximumPoolSize(2);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            ExportSeed.units(jdbc);
            long start = System.nanoTime();
            ExportSeed.seed(jdbc, "XSC01", n);
            System.out.printf(Locale.ROOT, "SEED cases=%d seconds=%.1f%n", n, (System.nanoTime() - start) / 1e9);

            WorkbookExports exports = new WorkbookExports(ds);
            Unit branch = new Unit("XS", "规模分部", Tier.BRANCH, "HQ", true);
            record Run(ExportKind kind, String batch) {
            }
            for (Run run : List.of(new Run(ExportKind.PENDING, ExportSeed.PENDING_BATCH), new Run(ExportKind.REJECTIONS, ExportSeed.PENDING_BATCH),
                    new Run(ExportKind.ROSTER, ExportSeed.ROSTER_BATCH), new Run(ExportKind.HQ_LIST, ExportSeed.HQ_BATCH),
                    new Run(ExportKind.STATISTICS, ExportSeed.ROSTER_BATCH))) {
                System.gc();
                resetPeaks();
                long[] bytes = {0};
                OutputStream counting = new OutputStream() {
                    @Override
                    public void write(int b) {
                        bytes[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        bytes[0] += len;
                    }
                };
                long t0 = System.nanoTime();
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long rows = exports.write(run.kind(), run.batch(), branch, ExportHeapProbe::mask, counting);
                double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "EXPORT kind=%s rows=%d seconds=%.1f rows/s=%.0f cpuSeconds=%.2f rowsPerCpuSecond=%.0f bytes=%d"
                                + " oldGenPeakMB=%d poolPeaksMB=%d maxHeapMB=%d%n",
                        run.kind().path(), rows, seconds, rows / Math.max(seconds, 0.001), cpuSeconds, rows / Math.max(cpuSeconds, 0.001),
                        bytes[0], peakMb(true), peakMb(false), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            }
            // the benchmark's baseline on this thread: SXSSF writing 12 texts a row (CPU time: comparable under load)
            System.gc();
            resetPeaks();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long bytes = sxssfRoster(n);
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "BASELINE sxssf rows=%d seconds=%.1f rows/s=%.0f cpuSeconds=%.2f rowsPerCpuSecond=%.0f bytes=%d"
                            + " oldGenPeakMB=%d%n", n, seconds, n / Math.max(seconds, 0.001), cpuSeconds, n / Math.max(cpuSeconds, 0.001), bytes,
                    peakMb(true));
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The benchmark's export baseline (RosterCellsBaseline) into a counting stream; its bytes. */
    private static long sxssfRoster(int count) throws java.io.IOException {
        long[] bytes = {0};
        cn.gradflow.benchmark.RosterCellsBaseline.write(count, new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        });
        return bytes[0];
    }

    private static String mask(String id) {
        return id.substring(0, 4) + "**********" + id.substring(id.length() - 4);
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * The old generation's peak (what outlived young collections: the export's lasting footprint), or the sum of
     * every heap pool's own peak, an upper bound only, since the pools peak at different moments (it can exceed -Xmx).
     */
    private static long peakMb(boolean oldGenOnly) {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .filter(p -> !oldGenOnly || p.getName().contains("Old Gen") || p.getName().contains("Tenured"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
