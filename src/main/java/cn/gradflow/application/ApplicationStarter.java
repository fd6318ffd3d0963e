package cn.gradflow.application;

import cn.gradflow.common.SchoolClock;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
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
 */
@Service
public class ApplicationStarter {

    private final RosterRepository roster;
    private final SchoolClock clock;
    private final BatchRepository batches;
    private final ApplicationRepository applications;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final SubmissionWindows windows;
    private final AsSystem asSystem;
    private final IdentityVerdicts verdicts;

    ApplicationStarter(RosterRepository roster, BatchRepository batches, ApplicationRepository applications,
                       RuntimeService runtime, TransactionTemplate tx, SubmissionWindows windows, AsSystem asSystem, SchoolClock clock,
                       IdentityVerdicts verdicts) {
        this.verdicts = verdicts;
        this.clock = clock;
        this.windows = windows;
        this.asSystem = asSystem;
        this.roster = roster;
        this.batches = batches;
        this.applications = applications;
        this.runtime = runtime;
        this.tx = tx;
    }

    public StartResult start(Batch batch, String studentNo, LocalDate today) {
        Optional<Student> found = roster.findStudent(studentNo);
        if (found.isEmpty()) {
            return new StartResult(studentNo, StartResult.Outcome.NOT_FOUND, "学号不存在");
        }
        Optional<StartResult> refused = identityRefusal(studentNo);
        if (refused.isPresent()) {
            return refused.get();
        }
        Student student = found.get();
        ApprovalChain chain = roster.chainOf(student.unitCode());
        Optional<BatchCalendar> calendar = batches.findCalendar(batch.code(), chain.branch().code());
        if (calendar.isEmpty()) {
            return new StartResult(studentNo, StartResult.Outcome.NOT_IN_BATCH,
                    chain.branch().name() + " 未参加批次 " + batch.code());
        }
        if (applications.find(batch.code(), studentNo).isPresent()) {
            return alreadyExists(studentNo, batch);
        }
        SubmissionWindows.Verdict window = windows.on(batch.code(), chain.branch().code(),
                chain.hasCityTier() ? chain.city().code() : null, student.upgradeFromJunior(), today);
        if (!window.open()) {
            return new StartResult(studentNo, StartResult.Outcome.WINDOW_CLOSED, window.refusal());
        }
        try {
            return tx.execute(status -> {
                long id = applications.insert(batch.code(), studentNo, window.round());
                // No staff group may start applications in the engine (every door would be open); GradFlow
                // starts them here, after the caller's unit scope and the window were checked.
                ProcessInstance pi = asSystem.call(() -> runtime.createProcessInstanceByKey(KEY)
                        .businessKey(businessKey(batch.code(), studentNo))
                        .setVariables(variables(id, batch, student, chain, calendar.get(), window))
                        .execute());
                applications.attachProcess(id, pi.getId());
                return new StartResult(studentNo, StartResult.Outcome.STARTED, "已启动毕业审核");
            });
        } catch (DuplicateKeyException raceLost) {
            return alreadyExists(studentNo, batch);
        }
    }

    /** R-ID-04: a proven impostor (admission review) gets no application, whoever asks. */
    public Optional<StartResult> identityRefusal(String studentNo) {
        return AdmissionRules.applicationRefusal(verdicts.isImpostor(studentNo))
                .map(f -> new StartResult(studentNo, StartResult.Outcome.IDENTITY_REFUSED, f.rule() + " " + f.message()));
    }

    private static StartResult alreadyExists(String studentNo, Batch batch) {
        return new StartResult(studentNo, StartResult.Outcome.ALREADY_EXISTS, "该生在批次 " + batch.code() + " 已有毕业申请");
    }

    private Map<String, Object> variables(long id, Batch batch, Student student, ApprovalChain chain,
                                          BatchCalendar calendar, SubmissionWindows.Verdict window) {
        Round round = window.round();
        Major major = roster.findMajor(student.majorCode())
                .orElseThrow(() -> new IllegalStateException("专业不存在：" + student.majorCode()));
        Map<String, Object> v = new HashMap<>();
        v.put(APPLICATION_ID.name(), id);
        v.put(BATCH_CODE.name(), batch.code());
        v.put(STUDENT_NO.name(), student.studentNo());
        v.put(STUDENT_NAME.name(), student.name());
        v.put(MAJOR_NAME.name(), major.name());
        v.put(STUDENT_SUMMARY.name(), summary(student, major, chain, batch, round));
        v.put(LEARNING_CENTER.name(), chain.learningCenter().code());
        v.put(CITY_BRANCH.name(), chain.hasCityTier() ? chain.city().code() : null);
        v.put(BRANCH.name(), chain.branch().code());
        v.put(HQ.name(), chain.hq().code());
        v.put(HAS_CITY_TIER.name(), chain.hasCityTier());
        v.put(DEGREE_OFFERED.name(), ApplicationChecks.degreeOffered(major));
        // R-BA-08: a continuing student's (专科续读本科) reviews below HQ are due by the calendar's early deadline
        boolean continuing = student.continuing();
        v.put(LC_DUE.name(), clock.endOfDay(calendar.dueFor(continuing, window.window().close())));
        v.put(CITY_DUE.name(), clock.endOfDay(calendar.dueFor(continuing, calendar.cityReviewDue())));
        v.put(BRANCH_DUE.name(), clock.endOfDay(calendar.dueFor(continuing, calendar.branchReviewDue())));
        v.put(HQ_DUE.name(), clock.endOfDay(calendar.hqReviewDue()));
        // Lean on purpose (issue 13): each variable costs a row in three engine tables. The form fields are not
        // created here: a form shows an absent variable as empty, the forms' values arrive typed with the completion,
        // and every gateway reads only what the step before it set (RecordDecisionListener refuses a completion
        // without it). findingsText comes with the initial audit, before any task exists.
        v.put(HISTORY_TEXT.name(), "（暂无）");
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
