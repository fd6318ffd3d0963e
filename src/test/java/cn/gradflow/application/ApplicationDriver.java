package cn.gradflow.application;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.gradflow.batch.BatchRepository;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives applications through the process the way staff would, one completed task at a time. */
@Component
public class ApplicationDriver {

    @org.springframework.beans.factory.annotation.Autowired
    private cn.gradflow.common.SchoolClock clock;

    /** Who acts at each user task in the test roster. */
    static final Map<String, String> LC_STAFF = Map.of(TestRoster.LC_A, "th1", TestRoster.LC_B, "py1",
            TestRoster.LC_OTHER_CITY, "zj1", TestRoster.LC_COLLEGE, "bj1");

    private final ApplicationStarter starter;
    private final BatchRepository batches;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final IdentityService identity;
    private final TestRoster roster;

    ApplicationDriver(ApplicationStarter starter, BatchRepository batches, RuntimeService runtime, TaskService tasks,
                      ManagementService management, IdentityService identity, TestRoster roster) {
        this.roster = roster;
        this.starter = starter;
        this.batches = batches;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.identity = identity;
    }

    public StartResult tryStart(String studentNo) {
        return starter.start(batches.findBatch(TestRoster.BATCH).orElseThrow(), studentNo, clock.today());
    }

    /** Starts the application and runs its initial checks. */
    public ProcessInstance start(String studentNo) {
        assertThat(tryStart(studentNo).result()).isEqualTo(StartResult.Outcome.STARTED);
        ProcessInstance pi = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(ApplicationProcess.businessKey(TestRoster.BATCH, studentNo)).singleResult();
        runJobs(pi);
        return pi;
    }

    /** Runs the case's due jobs (its called identity review's too) until none is left, as the job executor would. */
    public void runJobs(ProcessInstance pi) {
        List<Job> due;
        while (!(due = dueJobs(pi)).isEmpty()) {
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private List<Job> dueJobs(ProcessInstance pi) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(pi.getBusinessKey()).list().stream()
                .flatMap(instance -> management.createJobQuery().processInstanceId(instance.getId()).executable().list().stream())
                .toList();
    }

    /** Completes the waiting task as the given user, then runs what follows. */
    public void act(ProcessInstance pi, String userId, Map<String, Object> variables) {
        complete(pi, userId, variables);
        runJobs(pi);
    }

    /** Approves and leaves the jobs that follow for the test to run. */
    public void approveLeavingJobs(ProcessInstance pi, String userId) {
        complete(pi, userId, Map.of("decision", "APPROVE"));
    }

    private void complete(ProcessInstance pi, String userId, Map<String, Object> variables) {
        // by business key: the waiting task may be in the called identity review
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
        assertThat(task).as("waiting task").isNotNull();
        roster.authenticate(userId);
        try {
            tasks.complete(task.getId(), withPhotoComparison(task, variables));
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * The branch review needs its photo comparison (R-PH-03, R-ID-04): a test that does not record one
     * compares as a careful reviewer would with matching photos: 一致 where both photos are stored, else
     * 无可比对照片.
     */
    private Map<String, Object> withPhotoComparison(Task task, Map<String, Object> variables) {
        if (!ApplicationProcess.Step.BRANCH_REVIEW.id().equals(task.getTaskDefinitionKey())) {
            return variables;
        }
        Map<String, Object> form = new java.util.HashMap<>(variables);
        Object stored = tasks.getVariable(task.getId(), ApplicationProcess.PHOTOS_STORED.name());
        boolean graduation = ShowPhotosListener.stored(stored, cn.gradflow.photo.PhotoRepository.Kind.GRADUATION);
        boolean academic = ShowPhotosListener.stored(stored, cn.gradflow.photo.PhotoRepository.Kind.CHSI_ACADEMIC);
        boolean admission = ShowPhotosListener.stored(stored, cn.gradflow.photo.PhotoRepository.Kind.ADMISSION);
        form.putIfAbsent(ApplicationProcess.ACADEMIC_PHOTO_MATCH.name(), graduation && academic ? "MATCH" : "NO_PHOTO");
        form.putIfAbsent(ApplicationProcess.ADMISSION_PHOTO_MATCH.name(), graduation && admission ? "MATCH" : "NO_PHOTO");
        return form;
    }

    /** Applies for {@code kind} (a degree: 国开) as the student's signed letter wishes it (R-EL-09). */
    public void apply(ProcessInstance pi, String userId, String kind) {
        Map<String, Object> form = new java.util.HashMap<>(Map.of("applicationKind", kind, "degreeType", "OUC", "commitmentLetter", true));
        if (!"DEFERRED".equals(kind)) {
            form.put("letterKind", kind);
            form.put("letterDegreeType", "OUC");
        }
        act(pi, userId, form);
    }

    public void approve(ProcessInstance pi, String userId) {
        act(pi, userId, Map.of("decision", "APPROVE"));
    }

    public void reject(ProcessInstance pi, String userId, String reason) {
        act(pi, userId, Map.of("decision", "REJECT", "reason", reason));
    }

    public void resubmit(ProcessInstance pi, String userId) {
        act(pi, userId, Map.of("correctionAction", "RESUBMIT", "reason", "已整改"));
    }

    /** The branch's list reached HQ: what the HQ submission does for every case on it. */
    public void submitToHq(ProcessInstance pi) {
        runtime.createMessageCorrelation(ApplicationProcess.MESSAGE_SUBMITTED_TO_HQ)
                .processInstanceBusinessKey(pi.getBusinessKey()).correlate();
        runJobs(pi);
    }

    public void handOutCertificate(ProcessInstance pi, String userId) {
        act(pi, userId, Map.of("certificateSigned", true));
    }
}
