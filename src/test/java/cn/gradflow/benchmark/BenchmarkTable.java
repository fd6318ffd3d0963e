package cn.gradflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One database's benchmark table: each GradFlow path beside its baseline, measured in the same run, as
 * Markdown (printed and written to target/benchmark/). A path whose code is not on this branch is a row
 * saying so, never a number from elsewhere.
 */
final class BenchmarkTable {

    /** A measured figure: the number, its unit, and what else is worth reading beside it (peak heap). */
    record Figure(double value, String unit, String note) {

        static Figure rate(long items, long nanos, String unit) {
            return new Figure(items / Math.max(nanos / 1e9, 1e-9), unit, "");
        }

        Figure withNote(String note) {
            return new Figure(value, unit, note);
        }

        String text() {
            String number = value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
            return number + " " + unit + (note.isEmpty() ? "" : ", " + note);
        }
    }

    /**
     * higherIsBetter: rates; false for times (ms), so the ratio reads "GradFlow's share of the baseline" either way.
     * outside: the same work on a bare engine outside GradFlow at Camunda's defaults (starts and approvals only), or null.
     */
    record Row(String path, Figure gradflow, String missing, String baselineName, Figure baseline, Figure outside,
               boolean higherIsBetter) {

        String ratio() {
            return share(baseline);
        }

        /** GradFlow's share of the bare engine outside GradFlow, "–" where the row has none. */
        String outsideRatio() {
            return share(outside);
        }

        private String share(Figure other) {
            if (gradflow == null || other == null || other.value() == 0 || gradflow.value() == 0) {
                return "–";
            }
            double r = higherIsBetter ? gradflow.value() / other.value() : other.value() / gradflow.value();
            return String.format(Locale.ROOT, "%.0f %%", r * 100);
        }
    }

    private final String database;
    private final String settings;
    private final List<Row> rows = new ArrayList<>();
    /** Wall time of each phase of the run, in order (name, nanoseconds): printed under the table. */
    private final java.util.LinkedHashMap<String, Long> phases = new java.util.LinkedHashMap<>();
    /** Figures measured beside the rows (the page's filters), printed under the table. */
    private final List<String> notes = new ArrayList<>();

    BenchmarkTable(String database, String settings) {
        this.database = database;
        this.settings = settings;
    }

    void add(String path, Figure gradflow, String baselineName, Figure baseline, boolean higherIsBetter) {
        add(path, gradflow, baselineName, baseline, null, higherIsBetter);
    }

    /** A row with the bare engine outside GradFlow beside its baseline ({@code outside} null: not measured, "–"). */
    void add(String path, Figure gradflow, String baselineName, Figure baseline, Figure outside, boolean higherIsBetter) {
        rows.add(new Row(path, gradflow, null, baselineName, baseline, outside, higherIsBetter));
    }

    void notAvailable(String path, String why, String baselineName, Figure baseline) {
        rows.add(new Row(path, null, why, baselineName, baseline, null, true));
    }

    void phase(String name, long nanos) {
        phases.merge(name, nanos, Long::sum);
    }

    java.util.Map<String, Long> phases() {
        return java.util.Collections.unmodifiableMap(phases);
    }

    void note(String note) {
        notes.add(note);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(database).append("\n\n").append(settings).append("\n\n");
        md.append("| path | GradFlow | baseline | baseline figure | GradFlow / baseline"
                + " | bare engine outside GradFlow, Camunda defaults | GradFlow / outside |\n|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.path())
                    .append(" | ").append(row.gradflow() != null ? row.gradflow().text() : "not available: " + row.missing())
                    .append(" | ").append(row.baselineName())
                    .append(" | ").append(row.baseline() != null ? row.baseline().text() : "–")
                    .append(" | ").append(row.ratio())
                    .append(" | ").append(row.outside() != null ? row.outside().text() : "–")
                    .append(" | ").append(row.outsideRatio()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        if (!phases.isEmpty()) {
            long total = phases.values().stream().mapToLong(Long::longValue).sum();
            md.append(String.format(Locale.ROOT, "%nPhases (wall time, %.0f s in all): ", total / 1e9));
            List<String> each = new ArrayList<>();
            phases.forEach((name, nanos) -> each.add(String.format(Locale.ROOT, "%s %.1f s", name, nanos / 1e9)));
            md.append(String.join("; ", each)).append('\n');
        }
        return md.toString();
    }

    /** Prints the table and writes it to target/benchmark/{fileName}.md. */
    Path publish(String fileName) {
        String md = markdown();
        System.out.println();
        System.out.println(md);
        Path file = Path.of("target", "benchmark", fileName + ".md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
