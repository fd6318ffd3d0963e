package cn.gradflow.benchmark;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.application.ApplicationStarter;
import cn.gradflow.application.StartResult;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times GradFlow's bulk paths on the embedded database and prints a table (not a pass/fail timing):
 * {@code mvn verify -Pbenchmark -Dbenchmark.students=2000}. Excluded from the default test run.
 */
@Tag("benchmark")
@GradFlowSpringTest
class BulkPathsBenchmarkTest {

    @Autowired TestRoster roster;
    @Autowired cn.gradflow.common.SchoolClock clock;
    @Autowired ApplicationStarter starter;
    @Autowired BatchRepository batches;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;

    private final List<String[]> rows = new ArrayList<>();

    @Test
    void bulkPaths() {
        int n = Integer.getInteger("benchmark.students", 1000);
        roster.ensureBase();
        List<String> students = new ArrayList<>();
        time("create students (roster writes)", n, () -> {
            for (int i = 0; i < n; i++) {
                students.add(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
            }
            return n;
        });
        var batch = batches.findBatch(TestRoster.BATCH).orElseThrow();
        time("start applications", n, () -> (int) students.stream()
                .filter(no -> starter.start(batch, no, clock.today()).result() == StartResult.Outcome.STARTED).count());
        time("run initial checks (async jobs)", n, () -> {
            int done = 0;
            List<Job> jobs;
            while (!(jobs = management.createJobQuery().executable().listPage(0, 500)).isEmpty()) {
                for (Job job : jobs) {
                    management.executeJob(job.getId());
                    done++;
                }
            }
            return done;
        });
        time("complete 提交毕业申请 tasks", n, () -> complete("SubmitApplication", java.util.Map.of("applicationKind", "GRADUATION")));
        time("run checks after applying", n, () -> {
            int done = 0;
            List<Job> jobs;
            while (!(jobs = management.createJobQuery().executable().listPage(0, 500)).isEmpty()) {
                for (Job job : jobs) {
                    management.executeJob(job.getId());
                    done++;
                }
            }
            return done;
        });
        time("approve 分校审批 tasks", n, () -> complete("CityApproval", java.util.Map.of("decision", "APPROVE")));
        byte[] photo = PhotoFixtures.graduationJpeg();
        time("inspect OUC graduation photos", n, () -> {
            int ok = 0;
            for (int i = 0; i < n; i++) {
                ok += PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, "p.jpg", photo, null).ok() ? 1 : 0;
            }
            return ok;
        });

        Runtime rt = Runtime.getRuntime();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-36s %8s %10s %10s%n", "path (H2, " + n + " students)", "items", "seconds", "items/s");
        rows.forEach(r -> System.out.printf(Locale.ROOT, "%-36s %8s %10s %10s%n", (Object[]) r));
        System.out.printf(Locale.ROOT, "heap used after run: %d MB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        assertThat(rows).hasSize(7);
    }

    private int complete(String taskKey, java.util.Map<String, Object> variables) {
        int done = 0;
        List<Task> page;
        while (!(page = tasks.createTaskQuery().taskDefinitionKey(taskKey).listPage(0, 500)).isEmpty()) {
            for (Task task : page) {
                tasks.complete(task.getId(), variables);
                done++;
            }
        }
        return done;
    }

    private void time(String path, int expected, Supplier<Integer> work) {
        long start = System.nanoTime();
        int items = work.get();
        double seconds = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
        assertThat(items).as(path).isGreaterThanOrEqualTo(expected);
        rows.add(new String[] {path, String.valueOf(items), String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%.0f", items / Math.max(seconds, 0.001))});
    }
}
