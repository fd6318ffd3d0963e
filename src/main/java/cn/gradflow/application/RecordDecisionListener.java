package cn.gradflow.application;

import cn.gradflow.common.SchoolClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Component;

import cn.gradflow.batch.Round;
import cn.gradflow.batch.SubmissionWindows;
import cn.gradflow.checks.ApplicationChecks;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.checks.Finding;
import cn.gradflow.checks.PhotoComparison;
import cn.gradflow.photo.PhotoInspection;
import cn.gradflow.photo.PhotoInspector;
import cn.gradflow.photo.PhotoProfile;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.Major;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * On completing a user task: validates what the form sent (a rejection needs a reason, a certificate
 * needs the student's signature) and appends the decision to the trail. A refusal here rolls the
 * completion back and Tasklist shows the message.
 */
@Component("recordDecision")
class RecordDecisionListener implements TaskListener {

    private final ApplicationRepository applications;
    private final SchoolClock clock;
    private final DecisionTrail trail;
    private final PhotoRepository photos;
    private final RosterRepository roster;
    private final SubmissionWindows windows;

    RecordDecisionListener(ApplicationRepository applications, DecisionTrail trail, PhotoRepository photos,
                           RosterRepository roster, SubmissionWindows windows, SchoolClock clock) {
        this.clock = clock;
        this.applications = applications;
        this.trail = trail;
        this.photos = photos;
        this.roster = roster;
        this.windows = windows;
    }

    @Override
    public void notify(DelegateTask task) {
        Step step = Step.byId(task.getTaskDefinitionKey())
                .orElseThrow(() -> new IllegalStateException("未知任务：" + task.getTaskDefinitionKey()));
        switch (step) {
            case SUBMIT_APPLICATION -> submitted(task);
            case CORRECT_APPLICATION -> corrected(task);
            case CITY_APPROVAL, BRANCH_REVIEW, HQ_FINAL_REVIEW -> reviewed(task, step);
            case CONFIRM_CERTIFICATE -> certificateHandedOut(task);
            default -> throw new IllegalStateException("任务 " + step.id() + " 不记录决定");
        }
    }

    private void submitted(DelegateTask task) {
        ApplicationChoice.Kind kind = ApplicationForms.parse(ApplicationChoice.Kind.class, APPLICATION_KIND.get(task), "申请类型");
        SubmissionWindows.Verdict window = kind == ApplicationChoice.Kind.DEFERRED ? null : requireOpenWindow(task);
        saveChoice(task, window);
        trail.record(task, Step.SUBMIT_APPLICATION.tier(),
                kind == ApplicationChoice.Kind.DEFERRED ? CorrectionAction.DEFER.name() : DecisionLabels.APPLY, REASON.get(task));
    }

    private void corrected(DelegateTask task) {
        CorrectionAction action = ApplicationForms.parse(CorrectionAction.class, CORRECTION_ACTION.get(task), "处理方式");
        if (action == CorrectionAction.RESUBMIT) {
            SubmissionWindows.Verdict window = requireOpenWindow(task);
            replaceGraduationPhoto(task);
            saveChoice(task, window);
        }
        task.removeVariable(GRADUATION_PHOTO_FILE);
        trail.record(task, Step.CORRECT_APPLICATION.tier(), action.name(), REASON.get(task));
    }

    private void reviewed(DelegateTask task, Step step) {
        ReviewDecision decision = ApplicationForms.parse(ReviewDecision.class, DECISION.get(task), "审核结果");
        String reason = REASON.get(task);
        if (decision == ReviewDecision.REJECT && (reason == null || reason.isBlank())) {
            throw new BadUserRequestException("退回必须填写退回原因");
        }
        PhotoComparison.Outcome comparison = step == Step.BRANCH_REVIEW ? comparePhotos(task, decision) : null;
        if (decision == ReviewDecision.REJECT) {
            LAST_REJECTION.set(task, step.tier().label() + "退回：" + reason.strip());
        }
        if (comparison != null) {
            BRANCH_REVIEW_ROUTE.set(task, comparison.route().name());
            trail.record(task, step.tier(), DecisionLabels.PHOTO_COMPARISON,
                    photoTrailReason(comparison.summary(), PHOTO_NOTE.get(task)));
        }
        trail.record(task, step.tier(), comparison != null && comparison.route() == PhotoComparison.Route.IDENTITY_REVIEW
                ? DecisionLabels.TO_IDENTITY_REVIEW : decision.name(), reason);
    }

    /**
     * R-PH-03, R-ID-04: the branch's comparison by eye, held to the photos GradFlow holds at this moment; a
     * mismatch cannot be approved, and its findings go with the case (to 整改 or to 身份复核).
     */
    private PhotoComparison.Outcome comparePhotos(DelegateTask task, ReviewDecision decision) {
        Set<PhotoRepository.Kind> stored = photos.kinds(STUDENT_NO.require(task));
        Set<PhotoComparison.Pair> comparable = EnumSet.noneOf(PhotoComparison.Pair.class);
        if (stored.contains(PhotoRepository.Kind.GRADUATION) && stored.contains(PhotoRepository.Kind.CHSI_ACADEMIC)) {
            comparable.add(PhotoComparison.Pair.ACADEMIC);
        }
        if (stored.contains(PhotoRepository.Kind.GRADUATION) && stored.contains(PhotoRepository.Kind.ADMISSION)) {
            comparable.add(PhotoComparison.Pair.ADMISSION);
        }
        Map<PhotoComparison.Pair, PhotoComparison.Result> results = new EnumMap<>(PhotoComparison.Pair.class);
        putResult(results, PhotoComparison.Pair.ACADEMIC, ACADEMIC_PHOTO_MATCH.get(task));
        putResult(results, PhotoComparison.Pair.ADMISSION, ADMISSION_PHOTO_MATCH.get(task));
        PhotoComparison.Outcome outcome = PhotoComparison.decide(decision == ReviewDecision.APPROVE, results, comparable,
                PHOTO_NOTE.get(task));
        if (outcome.refused()) {
            throw new BadUserRequestException(outcome.refusal());
        }
        long id = APPLICATION_ID.require(task);
        applications.replaceFindings(id, ApplicationRepository.Stage.BRANCH_PHOTO, outcome.findings());
        trail.refreshFindings(task);
        return outcome;
    }

    private static void putResult(Map<PhotoComparison.Pair, PhotoComparison.Result> results, PhotoComparison.Pair pair,
                                  String value) {
        if (value != null && !value.isBlank()) {
            results.put(pair, ApplicationForms.parse(PhotoComparison.Result.class, value, "照片比对（" + pair.rule() + "）"));
        }
    }

    /** The summary is a fixed few dozen characters and the note at most its form's 500: within the trail's 1000. */
    private static String photoTrailReason(String summary, String note) {
        return note == null || note.isBlank() ? summary : summary + " — " + note.strip();
    }

    private void certificateHandedOut(DelegateTask task) {
        if (!Boolean.TRUE.equals(CERTIFICATE_SIGNED.get(task))) {
            throw new BadUserRequestException("须确认学生已签收证书并核对学信网信息");
        }
        trail.record(task, Step.CONFIRM_CERTIFICATE.tier(), DecisionLabels.CERTIFICATE_HANDED_OUT, REASON.get(task));
    }

    private static String describe(ApplicationChoice choice) {
        return "- " + choice.kind().label()
                + (choice.kind() == ApplicationChoice.Kind.GRADUATION_DEGREE && choice.degreeType() != null
                        ? "（" + choice.degreeType().label() + "）" : "")
                + "\n- 承诺书：" + (choice.commitmentLetter()
                        ? "已收到学生本人签署，意愿：" + ApplicationChoice.letterLabel(choice.letterKind(), choice.letterDegreeType())
                        : "未确认")
                + "\n- 提交轮次：" + choice.round().label();
    }

    /**
     * R-BA-04: applying and resubmitting only inside the student's window; deferring is always
     * possible. Returns the window open today by the branch's calendar and the school clock: its round is the one this
     * submission is made in (R-EL-08), and its close the centre's next due date ({@link #saveChoice}).
     */
    private SubmissionWindows.Verdict requireOpenWindow(DelegateTask task) {
        String studentNo = STUDENT_NO.require(task);
        Student student = roster.findStudent(studentNo).orElseThrow(() -> new IllegalStateException("学号不存在：" + studentNo));
        // the chain from GradFlow's records, as the task's candidate groups
        ApprovalChain chain = roster.chainOf(student.unitCode());
        SubmissionWindows.Verdict verdict = windows.on(BATCH_CODE.require(task), chain.branch().code(),
                chain.hasCityTier() ? chain.city().code() : null, student.upgradeFromJunior(), clock.today());
        if (!verdict.open()) {
            throw new BadUserRequestException(verdict.refusal());
        }
        return verdict;
    }

    /** A new photo sent with the correction must pass the OUC profile; the case is at the centre, so it is unlocked. */
    private void replaceGraduationPhoto(DelegateTask task) {
        if (!(task.getVariableTyped(GRADUATION_PHOTO_FILE) instanceof FileValue file) || file.getValue() == null) {
            return;
        }
        byte[] bytes;
        try (InputStream in = file.getValue()) {
            bytes = in.readNBytes(PhotoProfile.OUC_GRADUATION.maxBytes() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("读取上传的毕业照片失败", e);
        }
        if (bytes.length == 0) {
            return; // the file input was left blank
        }
        PhotoInspection inspection = PhotoInspector.inspect(PhotoProfile.OUC_GRADUATION, file.getFilename(), bytes, null);
        if (!inspection.ok()) {
            throw new BadUserRequestException("毕业照片不符合要求：" + inspection.findings().stream()
                    .filter(Finding::isBlocking).map(f -> f.message() + "（" + f.evidence() + "）")
                    .collect(Collectors.joining("；")));
        }
        if (photos.save(STUDENT_NO.require(task), PhotoRepository.Kind.GRADUATION, bytes) == PhotoRepository.SaveResult.LOCKED) {
            throw new BadUserRequestException("毕业照片已锁定，不能更换（R-PH-02）");
        }
    }

    /**
     * R-EL-08: the forms offer 申请毕业并申请学位 only where the major awards a degree ({@code degreeOffered});
     * a client that sends it anyway for a 专科 student is refused here, before the case moves (the initial
     * audit would also block it, DEGREE_NOT_OFFERED, but only after a round trip through 整改).
     */
    private void refuseDegreeWhereNoneIsOffered(String studentNo) {
        Student student = roster.findStudent(studentNo).orElseThrow(() -> new IllegalStateException("学号不存在：" + studentNo));
        Major major = roster.findMajor(student.majorCode())
                .orElseThrow(() -> new IllegalStateException("专业不存在：" + student.majorCode()));
        if (!ApplicationChecks.degreeOffered(major)) {
            throw new BadUserRequestException(ApplicationChecks.degreeRefusal(major));
        }
    }

    /**
     * R-EL-08: the round that counts is the one the application is (re)submitted in, not the one the
     * case started in: a 会计学 case started in 首批 and submitted while only 第二批 is open is a 第二批
     * application (广东: 合作学位 materials end 3/4, the first day of the second round). The round is
     * kept on the application, so a check run later (the async audit, after an identity review) reads
     * the round of the submission, never the day it happens to run. Deferring keeps the round it had.
     */
    private void saveChoice(DelegateTask task, SubmissionWindows.Verdict window) {
        ApplicationRecord application = applications.findById(APPLICATION_ID.require(task))
                .orElseThrow(() -> new IllegalStateException("申请不存在"));
        Round submittedIn = window == null ? null : window.round();
        Round round = submittedIn == null ? application.round() : submittedIn;
        ApplicationChoice choice = ApplicationForms.choice(task, round);
        if (choice != null && choice.kind() == ApplicationChoice.Kind.GRADUATION_DEGREE) {
            refuseDegreeWhereNoneIsOffered(STUDENT_NO.require(task));
        }
        // R-BA-04: the centre's next due date follows the window it acted in, on the row (CaseDue), in the same UPDATE
        LocalDate lcDue = window == null ? null : window.window().close();
        if (choice != null) {
            applications.saveChoice(application.id(), choice, submittedIn, lcDue);
            CHOICE_TEXT.set(task, describe(choice));
        } else if (lcDue != null) {
            applications.moveLcDue(application.id(), lcDue);
        }
        // a case started before V77 (an older version's tasks read ${lcDue}) keeps its variable in step with the row
        if (lcDue != null && task.hasVariable(LC_DUE.name())) {
            LC_DUE.set(task, clock.endOfDay(lcDue));
        }
    }
}
