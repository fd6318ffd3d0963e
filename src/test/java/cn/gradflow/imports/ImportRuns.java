package cn.gradflow.imports;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

import cn.gradflow.jobs.JobItem;
import cn.gradflow.jobs.JobOutcome;
import cn.gradflow.jobs.JobState;

/**
 * Runs an import's work as a given user, as the jobs core would (that user's Camunda authentication). Public for the
 * tests of other packages that import a sheet as a step (cases.DashboardSummaryScenario).
 */
@Component
public class ImportRuns {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Per JVM: the tests share one database, so their keys must not meet. */
    private static final String RUN = Long.toString(System.nanoTime() % 100_000_000L, 36).toUpperCase();

    public record Result(JobState state, String message, List<JobItem> errors, Map<String, Long> counts, RecordingJob job) {
        /** Each error as "row/column/code". */
        Set<String> cells() {
            return errors.stream().map(e -> e.row() + "/" + e.column() + "/" + e.code()).collect(Collectors.toSet());
        }

        public long count(String name) {
            return counts.getOrDefault(name, 0L);
        }
    }

    private final IdentityService identity;
    private final List<ImportKind> kinds;

    ImportRuns(IdentityService identity, List<ImportKind> kinds) {
        this.identity = identity;
        this.kinds = kinds;
    }

    /** A key no other test of this JVM uses, e.g. for student numbers. */
    public static String unique(String prefix) {
        return prefix + RUN + SEQUENCE.incrementAndGet();
    }

    /** A well-formed 18-character ID number no other test of this JVM uses. */
    public static String idNumber() {
        return String.format("44%015d", (System.nanoTime() / 1000 % 1_000_000_000L) * 1000 + SEQUENCE.incrementAndGet() % 1000) + "X";
    }

    /** A student sheet (学号, 姓名, 身份证号, 学习中心代码, 专业代码, 层次, 入学学期, 专升本) imported all-or-nothing. */
    public Result students(String user, List<Object[]> rows) {
        return run("students", user, null, Workbooks.xlsx(ImportRowsTest.STUDENT_HEADERS, rows));
    }

    public Result run(String kind, String user, String mode, byte[] file) {
        return run(kind, user, new RecordingJob(mode == null ? Map.of() : Map.of(ImportRunner.MODE, mode), file));
    }

    Result run(String kind, String user, RecordingJob job) {
        ImportKind work = kinds.stream().filter(k -> k.path().equals(kind)).findFirst().orElseThrow();
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        identity.setAuthentication(user, groups);
        try {
            JobOutcome outcome = work.run(job);
            return new Result(outcome.state(), outcome.message(), errors(job), job.counts, job);
        } catch (Exception e) {
            return new Result(JobState.FAILED, e.getMessage(), errors(job), job.counts, job);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static List<JobItem> errors(RecordingJob job) {
        return job.items.stream().filter(JobItem::error).toList();
    }
}
