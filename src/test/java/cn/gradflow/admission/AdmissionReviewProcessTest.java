package cn.gradflow.admission;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.admission.AdmissionReviewProcess.Outcome;
import cn.gradflow.admission.AdmissionReviewProcess.Step;
import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.application.StartResult;
import cn.gradflow.batch.NotificationRepository;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.web.ApiException;

import static cn.gradflow.admission.AdmissionFixture.AFFAIRS_GROUP;
import static cn.gradflow.admission.AdmissionFixture.AFFAIRS_USER;
import static cn.gradflow.admission.AdmissionFixture.ENROLMENT_GROUP;
import static cn.gradflow.admission.AdmissionFixture.ENROLMENT_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Every path of processes/admission-review.bpmn (北京 notice, R-ID-04 … R-ID-08). */
@GradFlowSpringTest
class AdmissionReviewProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired AdmissionFixture fixture;
    @Autowired AdmissionCaseRepository cases;
    @Autowired IdentityVerdicts verdicts;
    @Autowired PhotoRepository photos;
    @Autowired ApplicationDriver applications;
    @Autowired ChsiSelfChecks selfChecks;
    @Autowired NotificationRepository notifications;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        fixture.ensure();
    }

    private ProcessInstance pi(long caseId) {
        return runtime.createProcessInstanceQuery().processInstanceId(fixture.processInstanceId(caseId)).singleResult();
    }

    private void assertEnded(long caseId, Outcome outcome) {
        assertThat(pi(caseId)).isNull();
        var c = cases.find(caseId).orElseThrow();
        assertThat(c.outcome()).isEqualTo(outcome);
        assertThat(c.open()).isFalse();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(c.processInstanceId())
                .activityId(outcome.endEvent()).count()).isEqualTo(1);
    }

    @Test
    void mismatchProvenImpostorIsMarkedAndNoGraduationApplicationStarts() {
        String no = fixture.student(true);
        long id = fixture.start(Kind.PHOTO_COMPARISON, no, AFFAIRS_USER);
        ProcessInstance pi = pi(id);
        assertThat(pi).isWaitingAt(Step.COMPARE_PHOTOS.id()).hasPassed(AdmissionReviewProcess.CHECK_ADMISSION_PHOTO);
        assertThat(task(pi)).hasCandidateGroup(AFFAIRS_GROUP);
        assertThat(task(pi).getName()).contains(no);

        // R-ID-04: 不一致 needs its reason; the form stays open
        assertThatThrownBy(() -> fixture.act(id, AFFAIRS_USER, "MISMATCH", null))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("须填写说明");
        fixture.act(id, AFFAIRS_USER, "MISMATCH", "脸型、发际线明显不同");
        assertThat(pi).isWaitingAt(Step.VERIFY_IDENTITY.id());
        assertThat(task(pi)).hasCandidateGroup(ENROLMENT_GROUP);
        // a decision of another step is refused (by the form's own options, before any listener)
        assertThatThrownBy(() -> fixture.act(id, ENROLMENT_USER, "MATCH", null)).hasMessageContaining("取值无效");

        fixture.act(id, ENROLMENT_USER, "IMPOSTOR", "经招生单位核实，录取照片为他人，学生本人未参加报名");
        assertEnded(id, Outcome.IMPOSTOR);
        assertThat(verdicts.find(no)).get().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo("IMPOSTOR");
            assertThat(v.decidedBy()).isEqualTo(ENROLMENT_USER);
            assertThat(v.caseId()).isEqualTo(id);
        });
        assertThat(cases.steps(id)).extracting(AdmissionCaseRepository.CaseStep::decision).containsExactly("MISMATCH", "IMPOSTOR");

        // never registered: ApplicationStarter refuses with the finding, the engine refuses whoever starts it
        StartResult refused = applications.tryStart(no);
        assertThat(refused.result()).isEqualTo(StartResult.Outcome.IDENTITY_REFUSED);
        assertThat(refused.message()).startsWith("R-ID-04").contains("冒名顶替");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(ApplicationProcess.KEY,
                ApplicationProcess.businessKey(TestRoster.BATCH, no)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("R-ID-04");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(ApplicationProcess.businessKey(TestRoster.BATCH, no))
                .count()).isZero();
        // and no further admission case is opened for them
        assertThatThrownBy(() -> fixture.start(Kind.PRIOR_DEGREE, no, AFFAIRS_USER)).isInstanceOf(ApiException.class)
                .hasMessageContaining("冒名顶替");
    }

    /**
     * Issue 13: the starter's clear read of R-ID-04 stands for its start listener's within one transaction, once, and
     * no longer: a verdict recorded after the starter read is not seen by that one start (proof that it is not read
     * twice), but by the next ask in the transaction and by every later transaction; an impostor is never remembered.
     */
    @Test
    void theStartersClearVerdictIsTrustedOnceWithinItsTransactionOnly() {
        String no = fixture.student(true);
        tx.executeWithoutResult(status -> {
            assertThat(verdicts.isImpostorBeforeStart(no)).isFalse();
            verdicts.markImpostor(no, 1L, "测试", "test");
            assertThat(verdicts.isImpostorAtStart(no)).as("the starter's read, trusted once").isFalse();
            assertThat(verdicts.isImpostorAtStart(no)).as("read again").isTrue();
            assertThat(verdicts.isImpostorBeforeStart(no)).isTrue();
            assertThat(verdicts.isImpostorAtStart(no)).as("an impostor is not remembered").isTrue();
            status.setRollbackOnly();
        });
        String other = fixture.student(true);
        tx.executeWithoutResult(status -> assertThat(verdicts.isImpostorBeforeStart(other)).isFalse());
        verdicts.markImpostor(other, 1L, "测试", "test");
        // outside the starter's transaction every door reads: the engine refuses the start
        assertThat(verdicts.isImpostorAtStart(other)).isTrue();
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(ApplicationProcess.KEY,
                ApplicationProcess.businessKey(TestRoster.BATCH, other)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("R-ID-04");
        assertThat(applications.tryStart(other).result()).isEqualTo(StartResult.Outcome.IDENTITY_REFUSED);
    }

    @Test
    void mismatchVerifiedAsTheSamePersonIsFiledAndTheStudentMayApply() {
        String no = fixture.student(true);
        long id = fixture.start(Kind.PHOTO_COMPARISON, no, AFFAIRS_USER);
        fixture.act(id, AFFAIRS_USER, "MISMATCH", "发型不同，难以辨认");
        fixture.act(id, ENROLMENT_USER, "SAME_PERSON", null);
        ProcessInstance pi = pi(id);
        assertThat(pi).isWaitingAt(Step.REPORT_VERIFIED.id());
        assertThat(task(pi)).hasCandidateGroup(AFFAIRS_GROUP);
        fixture.act(id, AFFAIRS_USER, "DONE", "已报省教育厅备案");

        assertEnded(id, Outcome.VERIFIED);
        assertThat(verdicts.isImpostor(no)).isFalse();
        assertThat(applications.tryStart(no).result()).isEqualTo(StartResult.Outcome.STARTED);
    }

    @Test
    void wrongAdmissionPhotoIsReplacedByTheEnrolmentOfficeComparedAgainAndReReported() {
        String no = fixture.student(true);
        long id = fixture.start(Kind.PHOTO_COMPARISON, no, AFFAIRS_USER);
        fixture.act(id, AFFAIRS_USER, "MISMATCH", "录取照片模糊");
        // 录取照片有误 without a new photo is refused
        assertThatThrownBy(() -> fixture.act(id, ENROLMENT_USER, "NEW_PHOTO", "原照片为扫描件"))
                .hasMessageContaining("录取照片尚未更换");
        photos.save(no, PhotoRepository.Kind.ADMISSION, AdmissionFixture.anotherAdmissionJpeg(60));
        fixture.act(id, ENROLMENT_USER, "NEW_PHOTO", "原照片为扫描件，已重新采集");

        ProcessInstance pi = pi(id);
        assertThat(pi).isWaitingAt(Step.COMPARE_PHOTOS.id());
        fixture.act(id, AFFAIRS_USER, "MATCH", null);
        // the photo was replaced: the academic affairs office re-reports it
        assertThat(pi).isWaitingAt(Step.REPORT_VERIFIED.id());
        fixture.act(id, AFFAIRS_USER, "DONE", null);
        assertEnded(id, Outcome.VERIFIED);
        assertThat(cases.steps(id)).extracting(AdmissionCaseRepository.CaseStep::decision)
                .containsExactly("MISMATCH", "NEW_PHOTO", "MATCH", "DONE");
    }

    @Test
    void missingAdmissionPhotoGoesToTheEnrolmentOfficeUntilOneMeetsTheProfile() {
        String no = fixture.student(false);
        long id = fixture.start(Kind.PHOTO_COMPARISON, no, AFFAIRS_USER);
        ProcessInstance pi = pi(id);
        assertThat(pi).isWaitingAt(Step.RESUBMIT_ADMISSION_PHOTO.id());
        assertThat(task(pi)).hasCandidateGroup(ENROLMENT_GROUP);
        assertThat(runtime.getVariable(pi.getId(), AdmissionReviewProcess.PHOTO_FINDINGS.name()).toString())
                .contains("R-ID-05", "没有录取照片");

        // confirmed without a photo: checked again, back to the office
        fixture.act(id, ENROLMENT_USER, "DONE", null);
        assertThat(pi).isWaitingAt(Step.RESUBMIT_ADMISSION_PHOTO.id());
        // a file that fails the ADMISSION profile
        photos.save(no, PhotoRepository.Kind.ADMISSION, "not a photo at all".getBytes());
        fixture.act(id, ENROLMENT_USER, "DONE", null);
        assertThat(pi).isWaitingAt(Step.RESUBMIT_ADMISSION_PHOTO.id());
        assertThat(runtime.getVariable(pi.getId(), AdmissionReviewProcess.PHOTO_FINDINGS.name()).toString()).contains("R-ID-04");

        photos.save(no, PhotoRepository.Kind.ADMISSION, cn.gradflow.photo.PhotoFixtures.admissionJpeg());
        fixture.act(id, ENROLMENT_USER, "DONE", null);
        assertThat(pi).isWaitingAt(Step.COMPARE_PHOTOS.id());
        fixture.act(id, AFFAIRS_USER, "MATCH", null);
        assertEnded(id, Outcome.MATCHED);
    }

    @Test
    void photoCorrectionGoesFromTheEnrolmentOfficeToAcademicAffairs() {
        String no = fixture.student(true);
        long id = fixture.start(Kind.PHOTO_CORRECTION, no, ENROLMENT_USER);
        ProcessInstance pi = pi(id);
        assertThat(pi).isWaitingAt(Step.REVIEW_CORRECTED_PHOTO.id());
        assertThat(task(pi)).hasCandidateGroup(ENROLMENT_GROUP);
        assertThatThrownBy(() -> fixture.act(id, ENROLMENT_USER, "APPROVE", null)).hasMessageContaining("R-ID-06");

        byte[] corrected = AdmissionFixture.anotherAdmissionJpeg(62);
        cases.storeCorrectedPhoto(id, corrected);
        byte[] before = photos.find(no, PhotoRepository.Kind.ADMISSION).orElseThrow().content();
        assertThat(before).isNotEqualTo(corrected);
        fixture.act(id, ENROLMENT_USER, "APPROVE", null);

        assertThat(pi).hasPassed(AdmissionReviewProcess.APPLY_CORRECTED_PHOTO).isWaitingAt(Step.REREPORT_CORRECTED_PHOTO.id());
        assertThat(task(pi)).hasCandidateGroup(AFFAIRS_GROUP);
        assertThat(photos.find(no, PhotoRepository.Kind.ADMISSION).orElseThrow().content()).isEqualTo(corrected);
        assertThat(cases.correctedPhoto(id)).isEmpty();
        fixture.act(id, AFFAIRS_USER, "DONE", null);
        assertEnded(id, Outcome.CORRECTED);
    }

    @Test
    void rejectedPhotoCorrectionLeavesThePhotoAsItWas() {
        String no = fixture.student(true);
        byte[] before = photos.find(no, PhotoRepository.Kind.ADMISSION).orElseThrow().content();
        long id = fixture.start(Kind.PHOTO_CORRECTION, no, ENROLMENT_USER);
        cases.storeCorrectedPhoto(id, AdmissionFixture.anotherAdmissionJpeg(64));
        assertThatThrownBy(() -> fixture.act(id, ENROLMENT_USER, "REJECT", " ")).hasMessageContaining("须填写说明");
        fixture.act(id, ENROLMENT_USER, "REJECT", "照片背景不符");
        assertEnded(id, Outcome.CORRECTION_REJECTED);
        assertThat(photos.find(no, PhotoRepository.Kind.ADMISSION).orElseThrow().content()).isEqualTo(before);
    }

    @Test
    void priorDegreeReCheckVerifiedIsReRegisteredAndAFailedOneEnds() {
        String no = fixture.student(true);
        long id = fixture.start(Kind.PRIOR_DEGREE, no, AFFAIRS_USER);
        ProcessInstance pi = pi(id);
        assertThat(pi).isWaitingAt(Step.REVIEW_PRIOR_DEGREE.id());
        assertThat(task(pi)).hasCandidateGroup(ENROLMENT_GROUP);
        fixture.act(id, ENROLMENT_USER, "APPROVE", "招生单位已提供学历证书复印件和学信网认证报告");
        assertThat(pi).isWaitingAt(Step.REREGISTER.id());
        assertThat(task(pi)).hasCandidateGroup(AFFAIRS_GROUP);
        fixture.act(id, AFFAIRS_USER, "DONE", null);
        assertEnded(id, Outcome.RE_REGISTERED);

        String other = fixture.student(true);
        long failed = fixture.start(Kind.PRIOR_DEGREE, other, AFFAIRS_USER);
        fixture.act(failed, ENROLMENT_USER, "REJECT", "前置学历证书无法在学信网查证");
        assertEnded(failed, Outcome.PRIOR_DEGREE_FAILED);
    }

    @Test
    void casesStartOnlyForTheRightOfficeOnceAtATimeAndWithAGraduationPhoto() {
        String no = fixture.student(true);
        assertThatThrownBy(() -> fixture.start(Kind.PHOTO_COMPARISON, no, ENROLMENT_USER))
                .isInstanceOf(ApiException.class).hasMessageContaining("教务处");
        assertThatThrownBy(() -> fixture.start(Kind.PHOTO_COMPARISON, no, "bj1")).hasMessageContaining("无权办理");
        fixture.start(Kind.PHOTO_COMPARISON, no, AFFAIRS_USER);
        assertThatThrownBy(() -> fixture.start(Kind.PHOTO_COMPARISON, no, AFFAIRS_USER))
                .isInstanceOf(ApiException.class).hasMessageContaining("未办结");

        String noPhoto = fixture.student(true);
        jdbc.sql("DELETE FROM photo WHERE student_no = ? AND kind = 'GRADUATION'").param(noPhoto).update();
        assertThatThrownBy(() -> fixture.start(Kind.PHOTO_COMPARISON, noPhoto, AFFAIRS_USER)).hasMessageContaining("尚无毕业照片");
    }

    @Test
    void theWeeklyTimerListsStudentsWhoHaveNotSelfCheckedAndRemindsTheirUnits() {
        String checked = fixture.student(false);
        String unchecked = fixture.student(false);
        selfChecks.record(checked, java.time.LocalDate.of(2026, 11, 2), AFFAIRS_USER);

        Job timer = management.createJobQuery().processDefinitionKey(AdmissionReviewProcess.REMINDERS_KEY).timers().singleResult();
        assertThat(timer).as("the weekly timer waits").isNotNull();
        assertMondayEightInBeijing(timer);
        management.executeJob(timer.getId());

        var list = selfChecks.lists(List.of(AdmissionFixture.SCHOOL), 1).get(0);
        List<String> listed = selfChecks.students(list.id(), 0, 100000).stream().map(ChsiSelfChecks.ListedStudent::studentNo).toList();
        assertThat(listed).contains(unchecked).doesNotContain(checked);
        assertThat(list.studentCount()).isEqualTo(listed.size());
        var notice = notifications.forUnits(List.of(TestRoster.LC_COLLEGE), 5).stream()
                .filter(n -> n.kind().equals(ChsiSelfChecks.NOTICE_KIND)).findFirst().orElseThrow();
        assertThat(notice.message()).contains("R-ID-08", "学信网");
        assertThat(notice.batchCode()).isNull();
        assertThat(notifications.students(notice.id(), 0, 100000)).extracting(NotificationRepository.ListedStudent::studentNo)
                .contains(unchecked).doesNotContain(checked);
        // the next Monday's timer is waiting again
        assertThat(management.createJobQuery().processDefinitionKey(AdmissionReviewProcess.REMINDERS_KEY).timers().count()).isEqualTo(1);
        assertMondayEightInBeijing(management.createJobQuery().processDefinitionKey(AdmissionReviewProcess.REMINDERS_KEY).timers().singleResult());
    }

    /** Monday 08:00 Beijing time whatever the JVM's zone (the tests run in UTC, where a cron would fire at 16:00). */
    private static void assertMondayEightInBeijing(Job timer) {
        java.time.ZonedDateTime due = timer.getDuedate().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(due.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(due.toLocalTime()).isEqualTo(java.time.LocalTime.of(8, 0));
    }
}
