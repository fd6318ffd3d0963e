package cn.gradflow.testing.coverage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.export.CoverageStateResult;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.EventSource;
import org.camunda.community.process_test_coverage.core.model.EventType;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.report.CoverageReportUtil;

/**
 * The BPMN coverage gate of {@code mvn verify} (exec-maven-plugin, after all tests): the sequence flows of every
 * process in {@code processes/*.bpmn} against the flows taken in all test classes' reports together
 * ({@code target/process-test-coverage/<test class>/report.json}, written by {@link BpmnCoverageListener}).
 * Prints each process's share and its untaken flow ids, writes them to {@code all/summary.txt} and the union
 * to {@code all/report.html}, and fails when a process is below its minimum.
 *
 * <p>Arguments: {@code --processes=DIR --reports=DIR --minimum=1.0 --per-process=key=0.8,key=0.9 --enforce=true}.
 */
public final class BpmnCoverageGate {

    static final String UNION_DIRECTORY = "all";

    private BpmnCoverageGate() {
    }

    /** One executable process: its flows in the file's order, and those some test took. */
    record ProcessFlows(String file, String key, List<String> flows, Set<String> taken) {

        List<String> untaken() {
            return flows.stream().filter(flow -> !taken.contains(flow)).toList();
        }

        double ratio() {
            return flows.isEmpty() ? 1.0 : (double) (flows.size() - untaken().size()) / flows.size();
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path processes = Path.of(required(options, "processes"));
        Path reports = Path.of(required(options, "reports"));
        double minimum = ratio(options.getOrDefault("minimum", "1.0"), "minimum");
        Map<String, Double> lowered = perProcess(options.getOrDefault("per-process", ""));
        boolean enforce = !"false".equalsIgnoreCase(options.getOrDefault("enforce", "true"));

        List<Path> classReports = classReports(reports);
        CoverageStateResult union = union(classReports);
        List<ProcessFlows> measured = measure(processes, union.getEvents());

        List<String> unknown = lowered.keySet().stream()
                .filter(key -> measured.stream().noneMatch(p -> p.key().equals(key))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("bpmn.coverage.minimum.per-process names no process in " + processes + ": " + unknown);
        }

        List<String> failures = new ArrayList<>();
        List<String> untakenBelow = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "BPMN sequence-flow coverage, all %d test class reports together (%s)%n",
                classReports.size(), reports));
        out.append(String.format(Locale.ROOT, "  %-26s %6s %6s %9s  %s%n", "process", "flows", "taken", "coverage", "minimum"));
        for (ProcessFlows p : measured) {
            // -Dbpmn.coverage.minimum lowers every process, a per-process entry only its own
            double required = Math.min(minimum, lowered.getOrDefault(p.key(), minimum));
            String note = required < minimum ? " (lowered for this process)" : "";
            out.append(String.format(Locale.ROOT, "  %-26s %6d %6d %8.1f %%  %s%s%n", p.key(), p.flows().size(),
                    p.flows().size() - p.untaken().size(), 100 * p.ratio(), percent(required), note));
            if (!p.untaken().isEmpty()) {
                out.append("      untaken: ").append(String.join(", ", p.untaken())).append('\n');
            }
            if (p.ratio() + 1e-9 < required) {
                failures.add(String.format(Locale.ROOT, "%s %.1f %% < %s", p.key(), 100 * p.ratio(), percent(required)));
                untakenBelow.add(p.key() + ": " + String.join(", ", p.untaken()));
            } else if (lowered.containsKey(p.key()) && p.untaken().isEmpty()) {
                out.append("      at 100 % now: drop its entry in bpmn.coverage.minimum.per-process\n");
            } else if (lowered.containsKey(p.key()) && p.ratio() - 1.0 / p.flows().size() + 1e-9 >= lowered.get(p.key())) {
                // a flow could be lost without failing: the floor no longer holds the ground gained
                out.append(String.format(Locale.ROOT, "      %.1f %% now: raise its entry in bpmn.coverage.minimum.per-process%n",
                        100 * p.ratio()));
            }
        }
        if (classReports.isEmpty()) {
            failures.add("no test class reports under " + reports + " (did the GradFlowSpringTest classes run?)");
        }
        out.append(failures.isEmpty() ? "  every process at or above its minimum\n"
                : (enforce ? "  BELOW MINIMUM: " : "  below minimum, not enforced (bpmn.coverage.enforce=false, as in a -Dtest run): ")
                        + String.join("; ", failures) + "\n");

        System.out.print(out);
        writeUnion(reports.resolve(UNION_DIRECTORY), out.toString(), union);
        if (enforce && !failures.isEmpty()) {
            throw new IllegalStateException("BPMN sequence-flow coverage below the minimum: " + String.join("; ", failures)
                    + (untakenBelow.isEmpty() ? "" : ". Untaken: " + String.join("; ", untakenBelow))
                    + ". Report: " + reports.resolve(UNION_DIRECTORY).resolve("summary.txt"));
        }
    }

    /** Every executable process of every {@code *.bpmn} in the directory, with the flows taken among the events. */
    static List<ProcessFlows> measure(Path processes, Collection<Event> events) throws IOException {
        Map<String, Set<String>> taken = new HashMap<>();
        for (Event e : events) {
            if (e.getSource() == EventSource.SEQUENCE_FLOW && e.getType() == EventType.TAKE) {
                taken.computeIfAbsent(e.getModelKey(), k -> new HashSet<>()).add(e.getDefinitionKey());
            }
        }
        List<ProcessFlows> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(processes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                var model = Bpmn.readModelFromFile(file.toFile());
                Map<String, List<String>> flowsByProcess = new LinkedHashMap<>();
                for (Process process : model.getModelElementsByType(Process.class)) {
                    if (process.isExecutable()) {
                        flowsByProcess.put(process.getId(), new ArrayList<>());
                    }
                }
                for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                    List<String> flows = flowsByProcess.get(enclosingProcess(flow).getId());
                    if (flows != null) {
                        flows.add(flow.getId());
                    }
                }
                flowsByProcess.forEach((key, flows) -> result.add(new ProcessFlows(file.getFileName().toString(), key,
                        List.copyOf(flows), Set.copyOf(taken.getOrDefault(key, Set.of())))));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no executable process in " + processes);
        }
        return result;
    }

    private static Process enclosingProcess(ModelElementInstance element) {
        ModelElementInstance e = element;
        while (!(e instanceof Process)) {
            e = e.getParentElement();
        }
        return (Process) e;
    }

    static List<Path> classReports(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(reports)) {
            return dirs.filter(d -> !d.getFileName().toString().equals(UNION_DIRECTORY))
                    .map(d -> d.resolve("report.json")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** All classes' runs, and each process model once. */
    static CoverageStateResult union(List<Path> classReports) throws IOException {
        List<Suite> suites = new ArrayList<>();
        Map<String, Model> models = new TreeMap<>();
        for (Path report : classReports) {
            CoverageStateResult r = CoverageStateJsonExporter.readCoverageStateResult(Files.readString(report));
            suites.addAll(r.getSuites());
            r.getModels().forEach(m -> models.putIfAbsent(m.getKey(), m));
        }
        return new CoverageStateResult(suites, List.copyOf(models.values()));
    }

    private static void writeUnion(Path dir, String summary, CoverageStateResult union) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        String json = CoverageStateJsonExporter.createCoverageStateResult(union.getSuites(), union.getModels());
        CoverageReportUtil.writeReport(json, false, dir.toFile(), "report.json", j -> j);
        CoverageReportUtil.writeReport(json, true, dir.toFile(), "report.html", CoverageReportUtil::generateHtml);
    }

    static Map<String, Double> perProcess(String spec) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("bpmn.coverage.minimum.per-process: expected key=ratio, got '" + entry + "'");
            }
            result.put(kv[0].trim(), ratio(kv[1].trim(), kv[0].trim()));
        }
        return result;
    }

    private static double ratio(String value, String what) {
        double r = Double.parseDouble(value);
        if (r < 0 || r > 1) {
            throw new IllegalArgumentException(what + ": a ratio from 0 to 1, got " + value);
        }
        return r;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, ratio * 100 == Math.rint(ratio * 100) ? "%.0f %%" : "%.1f %%", ratio * 100);
    }

    private static Map<String, String> options(String[] args) {
        return Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1),
                        (a, b) -> b, HashMap::new));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }
}
