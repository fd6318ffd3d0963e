package cn.gradflow.imports;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.jobs.JobState;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many rows: 2,000 students in the default run; 100,000 in a JVM of {@code -Xmx256m} under
 * {@code mvn verify -Pbenchmark -Dtest=ImportVolumeTest} (the profile sets the heap). The workbooks are written
 * to disk by SXSSF, so the test itself does not hold them; printed: time and the heap's peak.
 */
@GradFlowSpringTest
class ImportVolumeTest {

    @Autowired TestRoster roster;
    @Autowired ImportRuns imports;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void twoThousandStudents() throws Exception {
        importStudents(2_000);
    }

    @Test
    @Tag("benchmark")
    void hundredThousandStudentsInA256MegabyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx256m (the benchmark profile)").isLessThanOrEqualTo(256L << 20);
        importStudents(Integer.getInteger("benchmark.import.students", 100_000));
    }

    private void importStudents(int n) throws Exception {
        String branch = ImportRuns.unique("VB");
        String centre = branch + "01";
        byte[] units = Workbooks.xlsx(List.of("单位代码", "单位名称", "上级单位代码", "层级", "链路"), List.of(
                new Object[] {branch, "批量测试学院", "HQ", "分部", "无分校"}, new Object[] {centre, "批量测试学习中心", branch, "学习中心", null}));
        assertThat(imports.run("units", "hq1", null, units).state()).isEqualTo(JobState.DONE);
        String prefix = branch;
        long idBase = (System.currentTimeMillis() % 1_000_000L) * 1_000_000_000L;
        Path file = Files.createTempFile("students-", ".xlsx");
        try {
            try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
                Iterable<Object[]> rows = () -> new Iterator<>() {
                    int i;

                    @Override
                    public boolean hasNext() {
                        return i < n;
                    }

                    @Override
                    public Object[] next() {
                        i++;
                        return new Object[] {prefix + i, "批量学生" + i, String.format("45%015d", idBase + i) + "X", centre,
                                i % 2 == 0 ? "GSGL" : "XZGL", i % 2 == 0 ? "本科" : "专科", i % 3 == 0 ? "2022秋" : "2023春", i % 2 == 0 ? "是" : "否"};
                    }
                };
                Workbooks.write(workbook, ImportRowsTest.STUDENT_HEADERS, rows);
                workbook.write(out);
                workbook.dispose();
            }
            System.gc();
            resetPeaks();
            long started = System.nanoTime();
            RecordingJob job = new RecordingJob(Map.of(), () -> open(file), Files.size(file));
            ImportRuns.Result first = imports.run("students", "hq1", job);
            long firstMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(first.state()).as(first.message()).isEqualTo(JobState.DONE);
            assertThat(first.count("created")).isEqualTo(n);
            long peak = heapPeak();

            started = System.nanoTime();
            ImportRuns.Result again = imports.run("students", "hq1", new RecordingJob(Map.of(), () -> open(file), Files.size(file)));
            long againMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(again.count("unchanged")).isEqualTo(n);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM student WHERE unit_code = ?").param(centre).query(Long.class).single()).isEqualTo(n);
            System.out.printf("import of %,d students (%,d bytes): %,d ms; again (all unchanged): %,d ms; heap max %,d MB, peak %,d MB%n",
                    n, Files.size(file), firstMs, againMs, Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static java.io.InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of what the import held at once. */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
