package cn.gradflow.benchmark;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import cn.gradflow.benchmark.BenchmarkTable.Figure;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's table in the default run (the benchmark itself runs only under -Pbenchmark). */
class BenchmarkTableTest {

    @Test
    void ratesAndTimesReadAsGradFlowsShareOfTheBaselineAndOfTheOutsideEngineAndAMissingPathSaysWhy() throws Exception {
        BenchmarkTable table = new BenchmarkTable("H2 file", "10 students");
        table.add("starts", Figure.rate(50, 1_000_000_000L, "/s"), "bare engine", Figure.rate(200, 1_000_000_000L, "/s"),
                Figure.rate(1_000, 1_000_000_000L, "/s"), true);
        table.add("officer's page", new Figure(400, "ms", ""), "as admin", new Figure(100, "ms", ""), false);
        table.notAvailable("import", "not on main", "raw JDBC", Figure.rate(1_000, 500_000_000L, "rows/s").withNote("peak heap 12 MB"));

        assertThat(table.rows()).extracting(BenchmarkTable.Row::ratio).containsExactly("25 %", "25 %", "–");
        assertThat(table.rows()).extracting(BenchmarkTable.Row::outsideRatio).containsExactly("5 %", "–", "–");
        String md = table.markdown();
        assertThat(md).contains("### H2 file", "| bare engine outside GradFlow, Camunda defaults | GradFlow / outside |",
                "| starts | 50.0 /s | bare engine | 200 /s | 25 % | 1,000 /s | 5 % |",
                "| officer's page | 400 ms | as admin | 100 ms | 25 % | – | – |",
                "| import | not available: not on main | raw JDBC | 2,000 rows/s, peak heap 12 MB | – | – | – |");
        assertThat(Files.readString(table.publish("smoke"))).isEqualTo(md);
    }

    @Test
    void heapPeaksAreResetAndRead() {
        HeapPeak.reset();
        byte[][] held = new byte[16][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1024 * 1024];
        }
        assertThat(HeapPeak.megabytes()).isGreaterThanOrEqualTo(16);
        assertThat(held[15]).hasSize(1024 * 1024);
    }
}
