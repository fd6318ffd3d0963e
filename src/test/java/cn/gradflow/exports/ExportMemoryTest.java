package cn.gradflow.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every export in a JVM limited to 256 MB ({@link ExportHeapProbe}, forked): 2,000 cases per export in the
 * default run; 100,000 ({@code -Dexports.rows=…}) with {@code mvn verify -Pbenchmark}, which prints rows/s.
 * Not a timed test: it passes when every workbook was written whole within the heap.
 */
class ExportMemoryTest {

    private static final Pattern EXPORT = Pattern.compile("EXPORT kind=(\\S+) rows=(\\d+) ");

    @TempDir
    Path dir;

    @Test
    void twoThousandCasesPerExportIn256Mb() throws Exception {
        probe(2_000, 5);
    }

    @Tag("benchmark")
    @Test
    void hundredThousandCasesPerExportIn256Mb() throws Exception {
        probe(Integer.getInteger("exports.rows", 100_000), 30);
    }

    private void probe(int cases, int minutes) throws IOException, InterruptedException {
        Path log = dir.resolve("probe.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Duser.timezone=UTC", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), ExportHeapProbe.class.getName(), dir.toString(), String.valueOf(cases))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(minutes, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.stream().filter(l -> l.startsWith("SEED") || l.startsWith("EXPORT") || l.startsWith("BASELINE")).forEach(System.out::println);
        assertThat(ended).as("the probe ended within %d minutes", minutes).isTrue();
        assertThat(child.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))).isZero();
        long wholeExports = lines.stream().map(EXPORT::matcher).filter(Matcher::find)
                .filter(m -> m.group(1).equals("statistics") ? m.group(2).equals("1") : m.group(2).equals(String.valueOf(cases)))
                .count();
        assertThat(wholeExports).as("pending, rejections, roster, hq-list with every case; statistics with its one city").isEqualTo(5);
        // the list exports stream without temp files; were any made (POI's poifiles directory), they must be gone
        Path poiTemp = dir.resolve("poifiles");
        if (Files.isDirectory(poiTemp)) {
            try (var left = Files.list(poiTemp)) {
                assertThat(left.filter(p -> p.getFileName().toString().startsWith("poi-sxssf")).toList()).as("temp files disposed").isEmpty();
            }
        }
    }
}
