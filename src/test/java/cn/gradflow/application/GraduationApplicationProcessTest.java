package cn.gradflow.application;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.Round;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.checks.Finding;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.registration.RegistrationNumber;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Every path of processes/graduation-application.bpmn, on both chain shapes (R-ORG-01). */
@GradFlowSpringTest
class GraduationApplicationProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired cn.gradflow.common.SchoolClock clock;
    @Autowired TaskService tasks;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired RosterRepository students;
    @Autowired BatchRepository batches;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired HqListWithdrawalService withdrawals;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void bachelorClimbsLearningCentreCityBranchHqToRegistrationNumber() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);

        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(task(pi)).hasCandidateGroup(LC_A).hasName("提交毕业申请：" + "测试" + no.substring(3).replaceFirst("^0+", "") + "（" + no + "）");
        assertThat(task(pi).getDueDate()).isNotNull();
        driver.apply(pi, "th1", "GRADUATION_DEGREE");

        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(task(pi)).hasCandidateGroup("GDGZ");
        assertState(no, ApplicationState.CITY_REVIEW, "CITY");
        driver.approve(pi, "gz1");

        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
        assertThat(task(pi)).hasCandidateGroup("GD");
        assertThat(task(pi).getName()).startsWith("分部复审：");
        driver.approve(pi, "gd1");

        assertThat(pi).isWaitingAt(Step.AWAIT_HQ_SUBMISSION.id());
        assertState(no, ApplicationState.AWAITING_HQ, "BRANCH");
        driver.submitToHq(pi);

        assertThat(pi).isWaitingAt(Step.HQ_FINAL_REVIEW.id());
        assertThat(task(pi)).hasCandidateGroup("HQ");
        driver.approve(pi, "hq1");

        assertThat(pi).isWaitingAt(Step.CONFIRM_CERTIFICATE.id());
        assertThat(task(pi)).hasCandidateGroup(LC_A);
        ApplicationRecord registered = applications.find(BATCH, no).orElseThrow();
        assertThat(registered.registrationNo()).matches(RegistrationNumber.FORMAT).startsWith("51161820265");
        assertThat(registered.certificateIssueDate()).hasToString("2026-01-20");
        assertThat(students.findStudent(no).orElseThrow().status()).isEqualTo(Student.Status.GRADUATED);
        driver.handOutCertificate(pi, "th1");

        assertThat(pi).isEnded().hasPassed(Step.END_GRADUATED.id());
        assertState(no, ApplicationState.GRADUATED, "LEARNING_CENTER");
        assertThat(applications.decisions(registered.id())).extracting(Decision::userId, Decision::decision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("th1", "APPLY"),
                        org.assertj.core.groups.Tuple.tuple("gz1", "APPROVE"),
                        // R-PH-03, R-ID-04: the branch records its photo comparison with its decision
                        org.assertj.core.groups.Tuple.tuple("gd1", "PHOTO_COMPARISON"),
                        org.assertj.core.groups.Tuple.tuple("gd1", "APPROVE"),
                        org.assertj.core.groups.Tuple.tuple("hq1", "APPROVE"),
                        org.assertj.core.groups.Tuple.tuple("th1", "CERTIFICATE_HANDED_OUT"));
    }

    @Test
    void collegeChainSkipsTheCityTier() {
        String no = roster.eligibleStudent(LC_COLLEGE, "XZGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "bj1", "GRADUATION");

        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
        assertThat(task(pi)).hasCandidateGroup("SMJK").hasName("学院复审：" + students.findStudent(no).orElseThrow().name() + "（" + no + "）");
        driver.approve(pi, "smjk1");
        driver.submitToHq(pi);
        driver.approve(pi, "hq1");
        driver.handOutCertificate(pi, "bj1");

        assertThat(pi).isEnded().hasPassed(Step.END_GRADUATED.id()).hasNotPassed(Step.CITY_APPROVAL.id());
        assertThat(applications.find(BATCH, no).orElseThrow().registrationNo()).matches("^51161820266\\d{6}$");
    }

    /** R-EL-08, issue 11: a 专科 student is not offered a degree, and one sent anyway is refused at completion. */
    @Test
    void juniorCollegeStudentIsNotOfferedADegreeAndOneSentAnywayIsRefused() {
        String junior = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(junior);
        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id()).variables().containsEntry("degreeOffered", false);
        assertThat(driver.start(roster.eligibleStudent(LC_A, "GSGL"))).variables().containsEntry("degreeOffered", true);

        assertThatThrownBy(() -> driver.apply(pi, "th1", "GRADUATION_DEGREE"))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("R-EL-08").hasMessageContaining("不能申请学位");
        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertState(junior, ApplicationState.APPLYING, "LEARNING_CENTER");

        driver.apply(pi, "th1", "GRADUATION");
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
    }

    @ParameterizedTest(name = "{0} 退回后整改重新提交")
    @ValueSource(strings = {"CityApproval", "BranchReview", "HqFinalReview"})
    void rejectionAtEachTierReturnsToCentreAndResubmissionClimbsAgain(String rejectingStep) {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        approveUntil(pi, rejectingStep);

        driver.reject(pi, reviewerAt(rejectingStep), "照片背景不符合要求");
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(task(pi)).hasCandidateGroup(LC_A);
        assertState(no, ApplicationState.CORRECTION, "LEARNING_CENTER");
        assertThat(pi).variables().containsEntry("lastRejection",
                Step.byId(rejectingStep).orElseThrow().tier().label() + "退回：照片背景不符合要求");

        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), "historyText"))
                .contains("学习中心 天河学习中心 th1：提交申请", "退回 — 照片背景不符合要求");

        driver.resubmit(pi, "th1");
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        approveUntil(pi, "ConfirmCertificate");
        driver.handOutCertificate(pi, "th1");

        assertThat(pi).isEnded().hasPassed(Step.END_GRADUATED.id());
        List<String> trail = applications.decisions(applications.find(BATCH, no).orElseThrow().id()).stream()
                .map(Decision::decision).toList();
        assertThat(trail).containsSubsequence("REJECT", "RESUBMIT", "APPROVE", "CERTIFICATE_HANDED_OUT");
    }

    @Test
    void aChangedOrDeletedTrailEntryBreaksTheChain() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        driver.reject(pi, "gz1", "学分核对有误");
        driver.resubmit(pi, "th1");
        long id = applications.find(BATCH, no).orElseThrow().id();
        assertThat(applications.trailIntact(id)).isTrue();

        jdbc.sql("UPDATE decision_log SET reason = '无' WHERE application_id = ? AND decision = 'REJECT'").param(id).update();
        assertThat(applications.trailIntact(id)).isFalse();
        jdbc.sql("UPDATE decision_log SET reason = '学分核对有误' WHERE application_id = ? AND decision = 'REJECT'").param(id).update();
        assertThat(applications.trailIntact(id)).isTrue();
        jdbc.sql("DELETE FROM decision_log WHERE application_id = ? AND decision = 'APPLY'").param(id).update();
        assertThat(applications.trailIntact(id)).isFalse();
    }

    @Test
    void rejectionWithoutReasonIsRefusedAndTheTaskStaysOpen() {
        ProcessInstance pi = driver.start(roster.eligibleStudent(LC_A, "GSGL"));
        driver.apply(pi, "th1", "GRADUATION");

        assertThatThrownBy(() -> driver.act(pi, "gz1", Map.of("decision", "REJECT", "reason", "  ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("退回必须填写退回原因");
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
    }

    @Test
    void deferAtApplicationEndsAsDeferred() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.act(pi, "th1", Map.of("applicationKind", "DEFERRED"));

        assertThat(pi).isEnded().hasPassed(Step.END_DEFERRED.id());
        ApplicationRecord a = applications.find(BATCH, no).orElseThrow();
        assertThat(a.state()).isEqualTo(ApplicationState.DEFERRED);
        assertThat(a.kind()).hasToString("DEFERRED");
        assertThat(students.findStudent(no).orElseThrow().status()).isEqualTo(Student.Status.ENROLLED);
    }

    @Test
    void missingPhotoBlocksThenDeferFromCorrection() {
        String no = roster.studentWithoutPhoto(LC_A);
        ProcessInstance pi = driver.start(no);

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        // blocked for the missing photo, with the advice for CHSI having one (R-ID-03)
        assertThat(findingRules(no)).containsExactly("R-EL-06/R-PH-01", "R-ID-03");
        // R-EL-06 and R-PH-01 are one rule: stored and read back with both ids, and the clerk's line names both
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), ApplicationProcess.FINDINGS_TEXT.name()))
                .contains("【须整改】R-EL-06/R-PH-01 平台无毕业照片");
        driver.act(pi, "th1", Map.of("correctionAction", "DEFER"));

        assertThat(pi).isEnded().hasPassed(Step.END_DEFERRED.id());
    }

    @Test
    void blockingFindingFixedAndResubmittedPassesTheChecks() {
        String no = roster.studentWithoutPhoto(LC_A);
        ProcessInstance pi = driver.start(no);
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());

        roster.addGraduationPhoto(no);
        driver.resubmit(pi, "th1");

        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(findingRules(no)).isEmpty();
        assertThat(pi).variables().containsEntry("findingsText", "无问题，符合毕业条件");
    }

    @Test
    void photoUploadedWithTheCorrectionIsInspectedStoredAndClearsTheFinding() {
        String no = roster.studentWithoutPhoto(LC_A);
        ProcessInstance pi = driver.start(no);

        assertThatThrownBy(() -> driver.act(pi, "th1", Map.of("correctionAction", "RESUBMIT", "graduationPhotoFile",
                Variables.fileValue("p.jpg").file(PhotoFixtures.whiteBackgroundJpeg()).create())))
                .hasMessageContaining("毕业照片不符合要求：背景颜色不符");
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());

        driver.act(pi, "th1", Map.of("correctionAction", "RESUBMIT", "graduationPhotoFile",
                Variables.fileValue(no + ".jpg").file(PhotoFixtures.graduationJpeg()).create()));

        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(findingRules(no)).isEmpty();
        assertThat(engine.getRuntimeService().getVariables(pi.getId())).doesNotContainKey("graduationPhotoFile");
    }

    @Test
    void missingCommitmentLetterRoutesToCorrectionAndTheCorrectedApplicationClimbs() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.act(pi, "th1", Map.of("applicationKind", "GRADUATION", "commitmentLetter", false));

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(findingRules(no)).containsExactly("R-EL-09");
        driver.act(pi, "th1", Map.of("correctionAction", "RESUBMIT", "applicationKind", "GRADUATION", "commitmentLetter", true,
                "letterKind", "GRADUATION"));

        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(applications.find(BATCH, no).orElseThrow().commitmentLetter()).isTrue();
    }

    /**
     * R-EL-09: the application must be what the student signed (广东 202401: 严禁学习中心代学生做主). The
     * letter wishes 仅申请毕业; the centre applied for a degree: 整改. Applied as the letter says, it climbs.
     */
    @Test
    void anApplicationOtherThanTheSignedLetterRoutesToCorrection() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.act(pi, "th1", Map.of("applicationKind", "GRADUATION_DEGREE", "degreeType", "OUC", "commitmentLetter", true,
                "letterKind", "GRADUATION"));

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        ApplicationRecord a = applications.find(BATCH, no).orElseThrow();
        assertThat(applications.findings(a.id())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("R-EL-09");
            assertThat(f.code()).isEqualTo("COMMITMENT_LETTER_KIND_MISMATCH");
            assertThat(f.isBlocking()).isTrue();
            assertThat(f.evidence()).isEqualTo("承诺书：仅申请毕业；申请：申请毕业并申请学位（国开学位）");
        });
        assertThat(a.kind()).isEqualTo(ApplicationChoice.Kind.GRADUATION_DEGREE);
        assertThat(a.letterKind()).isEqualTo(ApplicationChoice.Kind.GRADUATION);
        assertThat(a.letterDegreeType()).isNull();

        driver.act(pi, "th1", Map.of("correctionAction", "RESUBMIT", "applicationKind", "GRADUATION"));

        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(findingRules(no)).isEmpty();
        assertThat(applications.find(BATCH, no).orElseThrow().kind()).isEqualTo(ApplicationChoice.Kind.GRADUATION);
    }

    /** R-EL-09: the letter wishes a 合作 degree; the centre chose 国开: 整改 until the degree type is the letter's. */
    @Test
    void aDegreeTypeOtherThanTheSignedLetterRoutesToCorrection() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.act(pi, "th1", Map.of("applicationKind", "GRADUATION_DEGREE", "degreeType", "OUC", "commitmentLetter", true,
                "letterKind", "GRADUATION_DEGREE", "letterDegreeType", "COOP"));

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(applications.findings(applications.find(BATCH, no).orElseThrow().id())).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo("COMMITMENT_LETTER_DEGREE_TYPE_MISMATCH"))
                .satisfies(f -> assertThat(f.rule()).isEqualTo("R-EL-09"));

        driver.act(pi, "th1", Map.of("correctionAction", "RESUBMIT", "applicationKind", "GRADUATION_DEGREE", "degreeType", "COOP"));

        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(applications.find(BATCH, no).orElseThrow().letterDegreeType()).isEqualTo(ApplicationChoice.DegreeType.COOP);
    }

    @Test
    void missingChsiAcademicPhotoIsWarnedEarlyAndBlockedAtHqUntilFixed() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        roster.chsi(no, new ChsiStatus(false, true, false, false));
        ProcessInstance pi = driver.start(no);
        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(findingRules(no)).containsExactly("R-ID-02", "R-ID-03");

        driver.apply(pi, "th1", "GRADUATION");
        driver.approve(pi, "gz1");
        driver.approve(pi, "gd1");
        driver.submitToHq(pi);

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id()).hasNotPassed(Step.HQ_FINAL_REVIEW.id());
        ApplicationRecord a = applications.find(BATCH, no).orElseThrow();
        assertThat(applications.findings(a.id())).filteredOn(Finding::isBlocking).extracting(Finding::rule).containsExactly("R-ID-02");
        assertThat(applications.decisions(a.id())).last().satisfies(d -> {
            assertThat(d.userId()).isEqualTo(DecisionTrail.SYSTEM_USER);
            assertThat(d.decision()).isEqualTo("AUTO_REJECT");
        });

        roster.chsi(no, new ChsiStatus(false, true, true, false));
        driver.resubmit(pi, "th1");
        driver.approve(pi, "gz1");
        driver.approve(pi, "gd1");
        driver.submitToHq(pi);
        assertThat(pi).isWaitingAt(Step.HQ_FINAL_REVIEW.id());
        assertThat(applications.findings(a.id())).noneMatch(Finding::isBlocking);
    }

    /**
     * R-ID-02 per branch: 生命健康学院's notice bars a student CHSI lacks a photo for at the college's own
     * review, so its initial audit sends the case to 整改 (广东's only warns: the test above). Fixed on
     * CHSI and resubmitted, the case passes the audit and climbs the college chain.
     */
    @Test
    void missingChsiPhotoOfACollegeStudentIsBlockedAtTheInitialAudit() {
        String no = roster.eligibleStudent(LC_COLLEGE, "XZGL");
        roster.chsi(no, new ChsiStatus(false, false, true, false));
        ProcessInstance pi = driver.start(no);

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id()).hasNotPassed(Step.SUBMIT_APPLICATION.id());
        ApplicationRecord a = applications.find(BATCH, no).orElseThrow();
        assertThat(applications.findings(a.id())).filteredOn(Finding::isBlocking).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("R-ID-02");
            assertThat(f.code()).isEqualTo("CHSI_ADMISSION_PHOTO_MISSING");
            assertThat(f.message()).contains("不能通过总部、学院毕业审核");
        });
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), ApplicationProcess.FINDINGS_TEXT.name()))
                .contains("【须整改】R-ID-02 学信网无录取照片");

        roster.chsi(no, new ChsiStatus(false, true, true, false));
        driver.resubmit(pi, "bj1");
        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(applications.findings(a.id())).isEmpty();
        driver.apply(pi, "bj1", "GRADUATION");
        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
    }

    /**
     * DOMAIN.md §4: eligibility is checked by the initial audit and again before HQ. An exemption filed
     * after the branch's cut-off while the case sits at branch review (R-EL-05) is found by the check
     * before HQ and returns the case to 整改 with the rule id; it never reaches 总部终审.
     */
    @Test
    void exemptionFiledAfterTheCutoffAtBranchReviewIsBlockedBeforeHq() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        driver.approve(pi, "gz1");
        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
        ApplicationRecord a = applications.find(BATCH, no).orElseThrow();
        assertThat(applications.findings(a.id())).noneMatch(Finding::isBlocking);

        LocalDate cutoff = batches.findCalendar(BATCH, "GD").orElseThrow().exemptionCutoff();
        roster.exemption(no, cutoff.plusDays(1));
        driver.approve(pi, "gd1");
        driver.submitToHq(pi);

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id()).hasNotPassed(Step.HQ_FINAL_REVIEW.id());
        assertThat(applications.findings(a.id())).filteredOn(Finding::isBlocking).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("R-EL-05");
            assertThat(f.code()).isEqualTo("LATE_EXEMPTION");
            assertThat(f.evidence()).contains(cutoff.plusDays(1).toString());
        });
        assertThat(applications.decisions(a.id())).last().satisfies(d -> {
            assertThat(d.userId()).isEqualTo(DecisionTrail.SYSTEM_USER);
            assertThat(d.tier()).isEqualTo(cn.gradflow.roster.Tier.HQ);
            assertThat(d.decision()).isEqualTo("AUTO_REJECT");
            assertThat(d.reason()).contains("R-EL-05").contains("免修免考申请晚于截止日期");
        });
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), ApplicationProcess.LAST_REJECTION.name()))
                .startsWith("总部退回：").contains("R-EL-05");
        assertState(no, ApplicationState.CORRECTION, "LEARNING_CENTER");

        // resubmitted, the initial audit finds it too: the exemption bars this batch (R-EL-05)
        driver.resubmit(pi, "th1");
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(applications.findings(a.id())).filteredOn(Finding::isBlocking).extracting(Finding::rule)
                .containsExactly("R-EL-05");
    }

    @Test
    void identityFlaggedAfterTheBranchIsBlockedAtHqAndThenReviewed() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        driver.approve(pi, "gz1");
        roster.chsi(no, new ChsiStatus(true, true, true, false));
        driver.approve(pi, "gd1");
        driver.submitToHq(pi);

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(findingRules(no)).contains("R-ID-01");
        driver.resubmit(pi, "th1");
        assertThat(pi).isWaitingAt(Step.IDENTITY_REVIEW.id());
    }

    @Test
    void applyingAfterTheWindowClosedIsRefusedWithTheDatesButDeferringIsNot() {
        String no = roster.eligibleStudent(LC_COLLEGE, "XZGL");
        ProcessInstance pi = driver.start(no);
        BatchCalendar open = batches.findCalendar(BATCH, "SMJK").orElseThrow();
        LocalDate today = clock.today();
        BatchCalendar closed = BatchCalendar.of(BATCH, "SMJK", open.scopeFrom(), open.scopeTo(), open.exemptionCutoff(),
                new BatchCalendar.Window(today.minusDays(40), today.minusDays(30)),
                new BatchCalendar.Window(today.minusDays(20), today.minusDays(1)), open.cityReviewDue(),
                open.branchReviewDue(), open.hqReviewDue());
        batches.saveCalendar(closed);
        try {
            assertThatThrownBy(() -> driver.apply(pi, "bj1", "GRADUATION"))
                    .hasMessageContaining("不在申请时间内").hasMessageContaining(today.minusDays(1).toString())
                    .hasMessageContaining("本批次已于");
            assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
            assertThat(driver.tryStart(roster.eligibleStudent(LC_COLLEGE, "XZGL")).result())
                    .isEqualTo(StartResult.Outcome.WINDOW_CLOSED);

            driver.act(pi, "bj1", Map.of("applicationKind", "DEFERRED"));
            assertThat(pi).isEnded().hasPassed(Step.END_DEFERRED.id());
        } finally {
            batches.saveCalendar(open);
        }
    }

    /**
     * R-EL-08: a 会计学 case started in 首批 and submitted for 合作学位 on the first day of 第二批 is a
     * 第二批 application (the round is the submission's, by the branch calendar and the school clock),
     * so it is blocked; submitted on the last day of 首批 it passes.
     */
    @ParameterizedTest(name = "R-EL-08 会计学 首批启动，合作学位提交于{0}")
    @ValueSource(strings = {"LAST_DAY_OF_FIRST_ROUND", "FIRST_DAY_OF_SECOND_ROUND"})
    void cooperativeDegreeCountsTheRoundTheApplicationIsSubmittedIn(String submittedOn) {
        String no = roster.eligibleStudent(LC_A, "KJX");
        ProcessInstance pi = driver.start(no);
        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(applications.find(BATCH, no).orElseThrow().round()).isEqualTo(Round.FIRST);

        BatchCalendar started = batches.findCalendar(BATCH, "GD").orElseThrow();
        LocalDate today = clock.today();
        boolean secondRound = submittedOn.equals("FIRST_DAY_OF_SECOND_ROUND");
        BatchCalendar.Window first = secondRound ? new BatchCalendar.Window(today.minusDays(40), today.minusDays(1))
                : new BatchCalendar.Window(today.minusDays(20), today);
        BatchCalendar.Window second = secondRound ? new BatchCalendar.Window(today, today.plusDays(30))
                : new BatchCalendar.Window(today.plusDays(1), today.plusDays(30));
        batches.saveCalendar(BatchCalendar.of(BATCH, "GD", started.scopeFrom(), started.scopeTo(), started.exemptionCutoff(),
                first, second, started.cityReviewDue(), started.branchReviewDue(), started.hqReviewDue()));
        try {
            driver.act(pi, "th1", Map.of("applicationKind", "GRADUATION_DEGREE", "degreeType", "COOP", "commitmentLetter", true,
                    "letterKind", "GRADUATION_DEGREE", "letterDegreeType", "COOP"));

            ApplicationRecord a = applications.find(BATCH, no).orElseThrow();
            if (secondRound) {
                assertThat(a.round()).isEqualTo(Round.SECOND);
                assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
                assertThat(applications.findings(a.id())).filteredOn(f -> f.hasRule("R-EL-08")).singleElement()
                        .satisfies(f -> {
                            assertThat(f.code()).isEqualTo("COOP_DEGREE_NOT_IN_THIS_ROUND");
                            assertThat(f.evidence()).isEqualTo("会计学，申请提交于第二批");
                        });
                // the student signs a new letter for a 国开 degree; the centre resubmits in the same round: it passes
                driver.act(pi, "th1", Map.of("correctionAction", "RESUBMIT", "applicationKind", "GRADUATION_DEGREE",
                        "degreeType", "OUC", "commitmentLetter", true, "letterKind", "GRADUATION_DEGREE", "letterDegreeType", "OUC"));
            } else {
                assertThat(a.round()).isEqualTo(Round.FIRST);
                assertThat(findingRules(no)).doesNotContain("R-EL-08");
            }
            assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        } finally {
            batches.saveCalendar(started);
        }
    }

    /** R-BA-08: a continuing student's centre, city and branch reviews are due by the calendar's continuing deadline. */
    @Test
    void continuingStudentsReviewsAreDueByTheContinuingDeadline() {
        BatchCalendar ordinary = batches.findCalendar(BATCH, "GD").orElseThrow();
        LocalDate continuingDue = clock.today().plusDays(10);
        batches.saveCalendar(ordinary.withContinuingAuditDue(continuingDue));
        try {
            String no = roster.continuingStudent(LC_A);
            ProcessInstance pi = driver.start(no);
            assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
            assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(continuingDue));
            driver.apply(pi, "th1", "GRADUATION");
            assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
            assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(continuingDue));
            driver.approve(pi, "gz1");
            assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
            assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(continuingDue));

            // an ordinary student of the same centre keeps the ordinary due dates
            ProcessInstance other = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
            assertThat(task(other).getDueDate()).isAfter(clock.endOfDay(continuingDue));
        } finally {
            batches.saveCalendar(ordinary);
        }
    }

    @Test
    void cityWindowNarrowsTheBranchWindow() {
        String no = roster.eligibleStudent(TestRoster.LC_OTHER_CITY, "XZGL");
        ProcessInstance pi = driver.start(no);
        LocalDate today = clock.today();
        batches.saveCityWindow(BATCH, "GDSG", Round.FIRST, new BatchCalendar.Window(today.minusDays(3), today.minusDays(1)));

        assertThatThrownBy(() -> driver.apply(pi, "zj1", "GRADUATION")).hasMessageContaining("不在分校设定的首批申请时间内");

        batches.saveCityWindow(BATCH, "GDSG", Round.FIRST, new BatchCalendar.Window(today.minusDays(3), today.plusDays(2)));
        driver.apply(pi, "zj1", "GRADUATION");
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
    }

    @Test
    void closingTheBatchEndsAnOpenCaseWithItsReason() {
        String no = roster.studentWithoutPhoto(LC_A);
        ProcessInstance pi = driver.start(no);
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());

        engine.getRuntimeService().createMessageCorrelation(ApplicationProcess.MESSAGE_BATCH_CLOSED)
                .processInstanceBusinessKey(pi.getBusinessKey())
                .setVariable(ApplicationProcess.CLOSED_REASON.name(), "第二批已于 2026-03-31 关闭，未上报总部")
                .correlate();

        assertThat(pi).isEnded().hasPassed(Step.END_CLOSED.id()).hasNotPassed(Step.END_DEFERRED.id());
        assertState(no, ApplicationState.CLOSED, "LEARNING_CENTER");
        assertThat(applications.decisions(applications.find(BATCH, no).orElseThrow().id())).last()
                .satisfies(d -> assertThat(d.reason()).contains("未上报总部"));
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void secondApplicationForTheSameStudentAndBatchIsRefused() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        driver.start(no);

        assertThat(driver.tryStart(no).result()).isEqualTo(StartResult.Outcome.ALREADY_EXISTS);
        // The database refuses it too, for a second node racing this one.
        assertThatThrownBy(() -> applications.insert(BATCH, no, Round.FIRST, new CaseDue.Days(null, null, null, null))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void unknownStudentIsNotStarted() {
        assertThat(driver.tryStart("0000000000000").result()).isEqualTo(StartResult.Outcome.NOT_FOUND);
    }

    /** Approves at each tier (and lets the branch submit to HQ) until the case waits at the step. */
    // Issue 11: the exits from 待分部上报总部, one per decision of the branch or HQ

    @Test
    void branchTakesAWaitingCaseBackToItsReviewAndSendsItAgain() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = waitingForHq(no);

        withdrawals.withdraw(applications.find(BATCH, no).orElseThrow(),
                ApplicationProcess.HqListWithdrawal.BACK_TO_BRANCH_REVIEW, null, "gd1", cn.gradflow.roster.Tier.BRANCH);

        assertThat(pi).hasPassed(Step.WITHDRAWN_FROM_HQ_LIST.id()).isWaitingAt(Step.BRANCH_REVIEW.id());
        assertThat(task(pi)).hasCandidateGroup("GD");
        assertState(no, ApplicationState.BRANCH_REVIEW, "BRANCH");
        assertThat(pi).variables().doesNotContainKeys("withdrawnBy", "withdrawnByTier");
        assertThat(lastDecision(no)).extracting(Decision::userId, Decision::unitCode, Decision::tier, Decision::decision,
                Decision::reason).containsExactly("gd1", "GD", cn.gradflow.roster.Tier.BRANCH, "HQ_LIST_BACK_TO_REVIEW", null);
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), "historyText")).contains("撤出上报名单，退回分部复审");

        driver.approve(pi, "gd1");
        assertThat(pi).isWaitingAt(Step.AWAIT_HQ_SUBMISSION.id());
        assertState(no, ApplicationState.AWAITING_HQ, "BRANCH");
        driver.submitToHq(pi);
        assertThat(pi).hasPassed(Step.SUBMITTED_TO_HQ.id()).isWaitingAt(Step.HQ_FINAL_REVIEW.id());
    }

    @Test
    void hqSendsAWaitingCaseBackToTheCentreWithItsReasonAndALaterListFindsNothingToDeliver() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = waitingForHq(no);

        withdrawals.withdraw(applications.find(BATCH, no).orElseThrow(),
                ApplicationProcess.HqListWithdrawal.CORRECTION, " 毕业照片与学信网学籍照片不一致 ", "hq1", cn.gradflow.roster.Tier.HQ);

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(task(pi)).hasCandidateGroup(LC_A);
        assertState(no, ApplicationState.CORRECTION, "LEARNING_CENTER");
        assertThat(pi).variables().containsEntry("lastRejection", "总部撤出上报名单并退回：毕业照片与学信网学籍照片不一致");
        assertThat(lastDecision(no)).extracting(Decision::userId, Decision::unitCode, Decision::decision, Decision::reason)
                .containsExactly("hq1", "HQ", "HQ_LIST_CORRECTION", "毕业照片与学信网学籍照片不一致");
        // what HqDelivery does for a list that still carried the case: nothing waits, so nothing moves
        assertThat(engine.getRuntimeService().createMessageCorrelation(ApplicationProcess.MESSAGE_SUBMITTED_TO_HQ)
                .processInstanceBusinessKey(pi.getBusinessKey()).correlateAllWithResult()).isEmpty();

        driver.resubmit(pi, "th1");
        driver.runJobs(pi);
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
    }

    @Test
    void branchDefersAWaitingCase() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = waitingForHq(no);

        withdrawals.withdraw(applications.find(BATCH, no).orElseThrow(),
                ApplicationProcess.HqListWithdrawal.DEFER, "学生本人申请暂缓毕业", "gd1", cn.gradflow.roster.Tier.BRANCH);

        assertThat(pi).isEnded().hasPassed(Step.WITHDRAWN_FROM_HQ_LIST.id(), Step.END_DEFERRED.id());
        assertState(no, ApplicationState.DEFERRED, "LEARNING_CENTER");
        assertThat(applications.find(BATCH, no).orElseThrow().kind()).isEqualTo(cn.gradflow.checks.ApplicationChoice.Kind.DEFERRED);
        assertThat(lastDecision(no)).extracting(Decision::userId, Decision::decision, Decision::reason)
                .containsExactly("gd1", "HQ_LIST_DEFER", "学生本人申请暂缓毕业");
    }

    @Test
    void onlyACaseWaitingForHqCanBeWithdrawn() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");

        assertThatThrownBy(() -> withdrawals.withdraw(applications.find(BATCH, no).orElseThrow(),
                ApplicationProcess.HqListWithdrawal.DEFER, "暂缓", "gd1", cn.gradflow.roster.Tier.BRANCH))
                .isInstanceOfSatisfying(cn.gradflow.web.ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(org.springframework.http.HttpStatus.CONFLICT);
                    assertThat(e.getMessage()).contains("待分校审批", "不能撤出上报");
                });
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
    }

    /** A new case of 天河 approved by its city and branch: it waits for the branch's list. */
    private ProcessInstance waitingForHq(String no) {
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        driver.approve(pi, "gz1");
        driver.approve(pi, "gd1");
        assertThat(pi).isWaitingAt(Step.AWAIT_HQ_SUBMISSION.id());
        assertState(no, ApplicationState.AWAITING_HQ, "BRANCH");
        return pi;
    }

    private Decision lastDecision(String studentNo) {
        List<Decision> decisions = applications.decisions(applications.find(BATCH, studentNo).orElseThrow().id());
        return decisions.get(decisions.size() - 1);
    }

    private void approveUntil(ProcessInstance pi, String stepId) {
        while (true) {
            var task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
            if (task == null) {
                driver.submitToHq(pi);
            } else if (task.getTaskDefinitionKey().equals(stepId)) {
                return;
            } else {
                driver.approve(pi, reviewerAt(task.getTaskDefinitionKey()));
            }
        }
    }

    private static String reviewerAt(String stepId) {
        return switch (Step.byId(stepId).orElseThrow()) {
            case CITY_APPROVAL -> "gz1";
            case BRANCH_REVIEW -> "gd1";
            case HQ_FINAL_REVIEW -> "hq1";
            default -> throw new IllegalArgumentException("no reviewer at " + stepId);
        };
    }

    private void assertState(String studentNo, ApplicationState state, String tier) {
        ApplicationRecord a = applications.find(BATCH, studentNo).orElseThrow();
        assertThat(a.state()).isEqualTo(state);
        assertThat(a.tier()).hasToString(tier);
    }

    private List<String> findingRules(String studentNo) {
        return applications.findings(applications.find(BATCH, studentNo).orElseThrow().id()).stream()
                .map(Finding::rule).toList();
    }
}
