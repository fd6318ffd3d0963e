package cn.gradflow.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.admission.AdmissionRules;
import cn.gradflow.admission.IdentityVerdicts;
import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.Round;
import cn.gradflow.batch.SubmissionWindows;
import cn.gradflow.checks.ApplicationChecks;
import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.security.AsSystem;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * Starts one application per student and batch: the row and the process instance commit together
 * or not at all, and the unique key on (batch, student) refuses a second one even from another node.
 * Many students ({@link #startAll}) share a transaction of up to {@value #CHUNK}, each in a savepoint of its own.
 */
@Service
public class ApplicationStarter {

    private static final Logger log = LoggerFactory.getLogger(ApplicationStarter.class);

    /**
     * Starts per transaction in {@link #startAll}: one commit (and one read of the unit tree, the calendar and the
     * window) for this many students instead of one each (issue 13); small enough that the rows it locks are
     * held for a fraction of a second.
     */
    static final int CHUNK = 50;

    private final RosterRepository roster;
    private final BatchRepository batches;
    private final ApplicationRepository applications;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final SubmissionWindows windows;
    private final AsSystem asSystem;
    private final IdentityVerdicts verdicts;

    ApplicationStarter(RosterRepository roster, BatchRepository batches, ApplicationRepository applications,
                       RuntimeService runtime, RepositoryService repository, TransactionTemplate tx, SubmissionWindows windows, AsSystem asSystem,
                       IdentityVerdicts verdicts) {
        this.verdicts = verdicts;
        this.windows = windows;
        this.asSystem = asSystem;
        this.roster = roster;
        this.batches = batches;
        this.applications = applications;
        this.runtime = runtime;
        this.repository = repository;
        this.tx = tx;
        // inside startAll's transaction a savepoint per student; alone, a transaction of its own
        this.savepoint = new TransactionTemplate(tx.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public StartResult start(Batch batch, String studentNo, LocalDate today) {
        return start(batch, studentNo, today, new Memo());
    }

    /**
     * Starts the students in order, {@value #CHUNK} per transaction, each student's row and instance in a savepoint:
     * a student another node started first (the unique key) is undone alone. Should the transaction itself fail (a
     * deadlock rolls back all of it, a commit fails, a student's start fails), its students are started again one
     * transaction each, as {@link #start} does, so what is answered STARTED is committed and a failure ends the call
     * with the students before it started. The caller has checked that it may start every one of them.
     * <p>
     * A student started here is audited in the same savepoint ({@code CheckEligibilityAtStart}): STARTED means the
     * checks ran and the case waits at its first task. Started again one at a time, a student takes the audit job.
     */
    public List<StartResult> startAll(Batch batch, List<String> studentNos, LocalDate today) {
        List<StartResult> results = new ArrayList<>(studentNos.size());
        for (int from = 0; from < studentNos.size(); from += CHUNK) {
            List<String> chunk = studentNos.subList(from, Math.min(studentNos.size(), from + CHUNK));
            List<StartResult> done;
            try {
                done = tx.execute(status -> {
                    Memo memo = new Memo();
                    memo.definitionId = latestDefinitionId();
                    memo.auditAtStart = true;
                    return chunk.stream().map(no -> start(batch, no, today, memo)).toList();
                });
            } catch (RuntimeException | LinkageError | AssertionError chunkFailed) {
                // an audit's Error too (a class of the checks that cannot be loaded): the job executor takes it as a failed
                // job, retries and an incident, so the students go there instead of failing the request unstarted
                log.warn("starting {} students together failed, starting them one by one: {}", chunk.size(), chunkFailed.toString());
                done = chunk.stream().map(no -> start(batch, no, today)).toList();
            }
            results.addAll(done);
        }
        return results;
    }

    private StartResult start(Batch batch, String studentNo, LocalDate today, Memo memo) {
        Optional<Student> found = roster.findStudent(studentNo);
        if (found.isEmpty()) {
            return new StartResult(studentNo, StartResult.Outcome.NOT_FOUND, "学号不存在");
        }
        // R-ID-04, read once: the start listener refuseProvenImpostor trusts this read within the transaction
        Optional<StartResult> refused = identityRefusal(studentNo, verdicts.isImpostorBeforeStart(studentNo));
        if (refused.isPresent()) {
            return refused.get();
        }
        Student student = found.get();
        ApprovalChain chain = roster.chainOf(student.unitCode());
        Optional<BatchCalendar> calendar = memo.calendars.computeIfAbsent(chain.branch().code(),
                branch -> batches.findCalendar(batch.code(), branch));
        if (calendar.isEmpty()) {
            return new StartResult(studentNo, StartResult.Outcome.NOT_IN_BATCH,
                    chain.branch().name() + " 未参加批次 " + batch.code());
        }
        if (applications.find(batch.code(), studentNo).isPresent()) {
            return alreadyExists(studentNo, batch);
        }
        String city = chain.hasCityTier() ? chain.city().code() : null;
        SubmissionWindows.Verdict window = memo.windows.computeIfAbsent(
                chain.branch().code() + "/" + city + "/" + student.upgradeFromJunior(),
                k -> windows.on(batch.code(), chain.branch().code(), city, student.upgradeFromJunior(), today));
        if (!window.open()) {
            return new StartResult(studentNo, StartResult.Outcome.WINDOW_CLOSED, window.refusal());
        }
        Major major = memo.majors.computeIfAbsent(student.majorCode(), code -> roster.findMajor(code)
                .orElseThrow(() -> new IllegalStateException("专业不存在：" + code)));
        try {
            return savepoint.execute(status -> {
                long id = applications.insert(batch.code(), studentNo, window.round(),
                        dueDays(student, calendar.get(), window));
                // No staff group may start applications in the engine (every door would be open); GradFlow
                // starts them here, after the caller's unit scope and the window were checked.
                ProcessInstance pi = asSystem.call(() -> (memo.definitionId == null ? runtime.createProcessInstanceByKey(KEY)
                        : runtime.createProcessInstanceById(memo.definitionId))
                        .businessKey(businessKey(batch.code(), studentNo))
                        .setVariables(variables(id, batch, student, major, chain, window, memo.auditAtStart))
                        .execute());
                applications.attachProcess(id, pi.getId());
                return new StartResult(studentNo, StartResult.Outcome.STARTED, "已启动毕业审核");
            });
        } catch (DuplicateKeyException raceLost) {
            // the application's unique key (batch, student): another request or node started the student first. A
            // duplicate key anywhere else (the audit's writes, in a bulk start) is a failure, not that answer: the
            // student would be left without an application while the clerk reads that one exists
            if (applications.find(batch.code(), studentNo).isEmpty()) {
                throw raceLost;
            }
            return alreadyExists(studentNo, batch);
        }
    }

    /** R-ID-04: a proven impostor (admission review) gets no application, whoever asks. */
    public Optional<StartResult> identityRefusal(String studentNo) {
        return identityRefusal(studentNo, verdicts.isImpostor(studentNo));
    }

    private static Optional<StartResult> identityRefusal(String studentNo, boolean impostor) {
        return AdmissionRules.applicationRefusal(impostor)
                .map(f -> new StartResult(studentNo, StartResult.Outcome.IDENTITY_REFUSED, f.rule() + " " + f.message()));
    }

    /**
     * The latest definition, once for a transaction of {@link #startAll}: a start by key asks the engine for the latest
     * version each time (a grouping query, 5 % of a start's time on H2), a start by id reads the definition by primary key.
     * A version deployed meanwhile is taken by the next transaction.
     */
    private String latestDefinitionId() {
        return asSystem.call(() -> repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion()
                .withoutTenantId().singleResult().getId());
    }

    /** What the students of one transaction share: read once, not once per student. */
    private static final class Memo {
        /** The definition a transaction of {@link #startAll} starts (null: the latest by key, per start). */
        String definitionId;
        /**
         * Whether the first audit runs in the start's transaction (a transaction of {@link #startAll}): one commit for the
         * chunk's starts and audits instead of a job and a commit per student (issue 13). Should one of them fail, the
         * chunk is started again one student at a time without it, so a technical failure of the audit gets the job's
         * retries and its incident as before.
         */
        boolean auditAtStart;
        final Map<String, Optional<BatchCalendar>> calendars = new HashMap<>();
        final Map<String, SubmissionWindows.Verdict> windows = new HashMap<>();
        final Map<String, Major> majors = new HashMap<>();
    }

    private static StartResult alreadyExists(String studentNo, Batch batch) {
        return new StartResult(studentNo, StartResult.Outcome.ALREADY_EXISTS, "该生在批次 " + batch.code() + " 已有毕业申请");
    }

    /**
     * R-BA-08: a continuing student's (专科续读本科) reviews below HQ are due by the calendar's early deadline. Kept on the
     * application's row, written by the INSERT that creates it; the tasks read them through {@link CaseDue} (issue 13:
     * as variables they were eight engine rows a start).
     */
    private static CaseDue.Days dueDays(Student student, BatchCalendar calendar, SubmissionWindows.Verdict window) {
        boolean continuing = student.continuing();
        return new CaseDue.Days(calendar.dueFor(continuing, window.window().close()),
                calendar.dueFor(continuing, calendar.cityReviewDue()), calendar.dueFor(continuing, calendar.branchReviewDue()),
                calendar.hqReviewDue());
    }

    private Map<String, Object> variables(long id, Batch batch, Student student, Major major, ApprovalChain chain,
                                          SubmissionWindows.Verdict window, boolean auditAtStart) {
        Round round = window.round();
        Map<String, Object> v = new HashMap<>();
        v.put(APPLICATION_ID.name(), id);
        v.put(BATCH_CODE.name(), batch.code());
        v.put(STUDENT_NO.name(), student.studentNo());
        v.put(STUDENT_NAME.name(), student.name());
        v.put(MAJOR_NAME.name(), major.name());
        v.put(STUDENT_SUMMARY.name(), summary(student, major, chain, batch, round));
        v.put(DEGREE_OFFERED.name(), ApplicationChecks.degreeOffered(major));
        if (auditAtStart) {
            // transient: read by the gateway right after the start event, written to no engine table
            v.put(AUDIT_AT_START.name(), org.camunda.bpm.engine.variable.Variables.booleanValue(true, true));
        }
        // Lean on purpose (issue 13): each variable costs a row in three engine tables. The form fields are not
        // created here: a form shows an absent variable as empty, the forms' values arrive typed with the completion,
        // and every gateway reads only what the step before it set (RecordDecisionListener refuses a completion
        // without it). findingsText comes with the initial audit, before any task exists; historyText with the trail's
        // first entry (the forms show 「（暂无）」 until then).
        return v;
    }

    private static String summary(Student s, Major major, ApprovalChain chain, Batch batch, Round round) {
        return "- 姓名：" + s.name() + "　学号：" + s.studentNo() + "\n"
                + "- 专业：" + major.name() + "（" + major.level().label() + "）　入学：" + s.enrolmentTerm().label() + "\n"
                + "- 学习中心：" + chain.learningCenter().name()
                + (chain.hasCityTier() ? "　分校：" + chain.city().name() : "")
                + "　分部：" + chain.branch().name() + "\n"
                + "- 批次：" + batch.code() + "（" + round.label() + "）"
                + (s.upgradeFromJunior() ? "　专升本" : "") + (s.continuing() ? "　专科续读本科" : "");
    }
}
