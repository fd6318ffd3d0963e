package cn.gradflow.selfstudy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.selfstudy.SelfStudyProcess.State;
import cn.gradflow.selfstudy.SelfStudyProcess.Step;
import cn.gradflow.testing.GradFlowSpringTest;

import static cn.gradflow.selfstudy.SelfStudyFixture.CITY;
import static cn.gradflow.selfstudy.SelfStudyFixture.CITY_USER;
import static cn.gradflow.selfstudy.SelfStudyFixture.PROVINCE;
import static cn.gradflow.selfstudy.SelfStudyFixture.PROVINCE_USER;
import static cn.gradflow.selfstudy.SelfStudyFixture.SESSION;
import static cn.gradflow.selfstudy.SelfStudyFixture.spec;
import static cn.gradflow.selfstudy.SelfStudyFixture.userOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Every path of processes/self-study-graduation.bpmn (韶关 notice; R-SS-01, R-SS-02, R-SS-03). */
@GradFlowSpringTest
class SelfStudyProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired SelfStudyFixture fixture;
    @Autowired SelfStudyRepository repository;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        fixture.ensureBase();
    }

    @Test
    void associateCandidateFromConfirmationToCertificateCollection() {
        String no = fixture.candidate(spec());
        ProcessInstance pi = fixture.start(no);
        assertThat(pi).isWaitingAt("WaitApplicationWindow");

        fixture.fire(pi, "WaitApplicationWindow");
        assertThat(pi).isWaitingAt(Step.CONFIRM_RECORD.id());
        assertThat(task(pi)).isAssignedTo(userOf(no));
        assertThat(task(pi).getName()).startsWith("确认信息：").endsWith("（" + no + "）");
        Map<String, Object> confirm = new HashMap<>(Map.of("recordAnswer", "CORRECT", "ethnicity", "汉族", "employer", "韶关某公司"));
        fixture.act(pi, userOf(no), confirm);
        assertThat(pi).hasPassed("ForecastGraduation").isWaitingAt(Step.APPLY.id());

        assertThatThrownBy(() -> fixture.act(pi, userOf(no), Map.of("processingLocation", "0201", "phone", "12345")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("联系电话");
        fixture.act(pi, userOf(no), Map.of("processingLocation", "0201", "phone", "13800138000"));
        assertThat(pi).hasPassed("CheckIdentity").isWaitingAt(Step.CAPTURE_PHOTO.id());

        // a white-background snapshot of the wrong size is refused with the form kept open (R-PH-03)
        assertThatThrownBy(() -> fixture.act(pi, userOf(no), photo(PhotoFixtures.graduationJpeg())))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("R-PH-03");
        fixture.act(pi, userOf(no), photo(PhotoFixtures.chsiCertificateJpeg()));
        assertThat(pi).isWaitingAt(Step.CITY_REVIEW_PHOTO.id());
        assertThat(task(pi)).hasCandidateGroup(CITY);
        fixture.reject(pi, CITY_USER, "照片偏暗，请重新采集");
        assertThat(pi).isWaitingAt(Step.CAPTURE_PHOTO.id());
        fixture.act(pi, userOf(no), photo(PhotoFixtures.chsiCertificateJpeg()));
        fixture.approve(pi, CITY_USER);
        assertThat(pi).hasPassed("SubmitApplication").isWaitingAt("WaitOnsiteWindow");
        assertThat(state(no)).isEqualTo(State.APPLIED);

        fixture.fire(pi, "WaitOnsiteWindow");
        assertThat(pi).isWaitingAt(Step.ONSITE_CHECK.id());
        assertThat(task(pi)).hasCandidateGroup(CITY);
        fixture.act(pi, CITY_USER, onsite("hasRegistrationForm"));
        assertThat(pi).isWaitingAt(Step.PROVINCIAL_DECISION.id());
        assertThat(task(pi)).hasCandidateGroup(PROVINCE);
        fixture.approve(pi, PROVINCE_USER);
        assertThat(state(no)).isEqualTo(State.APPROVED);
        assertThat(pi).isWaitingAt("WaitCertificates");

        fixture.fire(pi, "WaitCertificates");
        assertThat(task(pi)).hasCandidateGroup(CITY);
        fixture.act(pi, CITY_USER, Map.of());
        assertThat(pi).isEnded().hasPassed("EndCertificateCollected");
        assertThat(state(no)).isEqualTo(State.CERTIFICATE_COLLECTED);
        long caseId = repository.findCase(SESSION, no).orElseThrow().id();
        assertThat(repository.documents(caseId)).extracting(SelfStudyRepository.StoredDocument::kind).containsExactly("CERTIFICATE_PHOTO");
        assertThat(engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(pi.getId()).count()).isZero();
        assertThat(repository.events(caseId)).extracting(SelfStudyRepository.CaseEvent::code)
                .containsSubsequence("RECORD_CONFIRMED", "FORECAST_PASSED", "IDENTITY_MATCHED", "PHOTO_CAPTURED", "REJECT",
                        "PHOTO_CAPTURED", "APPROVE", "APPLIED", "ONSITE_PASSED", "APPROVE", "CERTIFICATE_HANDED_OUT",
                        "CERTIFICATE_COLLECTED");
        assertThat(jdbc.sql("SELECT ethnicity FROM ss_candidate WHERE candidate_no = ?").param(no).query(String.class).single())
                .isEqualTo("汉族");
    }

    @Test
    void identityCheckFailureGoesThroughCityAndProvinceReviewsWithBothOutcomes() {
        String no = fixture.candidate(spec().notInRegister());
        ProcessInstance pi = toApply(no);
        fixture.act(pi, userOf(no), Map.of("processingLocation", "0201", "phone", "0751-8912116"));
        assertThat(pi).hasPassed("CheckIdentity").isWaitingAt(Step.UPLOAD_ID_ATTACHMENTS.id());
        assertThat(task(pi)).isAssignedTo(userOf(no));

        assertThatThrownBy(() -> fixture.act(pi, userOf(no), Map.of("idFront", file(PhotoFixtures.graduationJpeg()))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("缺少身份证反面").hasMessageContaining("缺少手持身份证");
        long caseId = repository.findCase(SESSION, no).orElseThrow().id();
        assertThat(repository.documents(caseId)).isEmpty();

        fixture.act(pi, userOf(no), idImages());
        assertThat(pi).isWaitingAt(Step.CITY_REVIEW_ID.id());
        assertThat(repository.documents(caseId)).hasSize(3);
        fixture.reject(pi, CITY_USER, "手持身份证照片模糊");
        assertThat(pi).isWaitingAt(Step.UPLOAD_ID_ATTACHMENTS.id());
        fixture.act(pi, userOf(no), idImages());
        fixture.approve(pi, CITY_USER);
        assertThat(pi).isWaitingAt(Step.PROVINCE_REVIEW_ID.id());
        assertThat(task(pi)).hasCandidateGroup(PROVINCE);
        fixture.reject(pi, PROVINCE_USER, "身份证反面有效期不清");
        assertThat(pi).isWaitingAt(Step.UPLOAD_ID_ATTACHMENTS.id());
        fixture.act(pi, userOf(no), idImages());
        fixture.approve(pi, CITY_USER);
        fixture.approve(pi, PROVINCE_USER);
        assertThat(pi).isWaitingAt(Step.CAPTURE_PHOTO.id());
        assertThat(repository.events(caseId)).extracting(SelfStudyRepository.CaseEvent::code)
                .containsSubsequence("IDENTITY_MISMATCH", "ID_ATTACHMENTS_SUBMITTED", "REJECT", "ID_ATTACHMENTS_SUBMITTED", "APPROVE",
                        "REJECT", "ID_ATTACHMENTS_SUBMITTED", "APPROVE", "APPROVE");
    }

    @Test
    void missingSpecialMajorCertificateFailsTheOnsiteCheck() {
        String no = fixture.candidate(spec().major("机械制造与自动化"));
        ProcessInstance pi = throughApplication(no);
        fixture.act(pi, CITY_USER, onsite("hasRegistrationForm"));
        assertThat(pi).isEnded().hasPassed("EndOnsiteRefused");
        assertThat(state(no)).isEqualTo(State.ONSITE_REFUSED);
        assertThat(findings(no)).contains("R-SS-02 ONSITE_DOCUMENT_MISSING 现场材料缺少：机械类工种高级国家职业资格证书和高级技工学校毕业证书");
    }

    @Test
    void bachelorWithVerifiedPriorDegreeAndNonMainlandIdIsRefusedByTheCommittee() {
        String no = fixture.candidate(spec().bachelor().nonMainlandId());
        ProcessInstance pi = fixture.start(no);
        assertThat(pi).isWaitingAt(Step.REGISTER_PRIOR_DEGREE.id());
        assertThat(task(pi)).isAssignedTo(userOf(no));
        assertThatThrownBy(() -> fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "FRESH_GRADUATE")))
                .hasMessageContaining("R-SS-03").hasMessageContaining("应届毕业生");
        fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "CHSI_RECORD", "priorDegreeNo", "A2019440123456"));
        assertThat(pi).isWaitingAt(Step.VERIFY_PRIOR_DEGREE.id());
        assertThat(task(pi)).hasCandidateGroup(PROVINCE);
        fixture.reject(pi, PROVINCE_USER, "备案表编号查无此证");
        fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "CDGDC_REPORT", "priorDegreeNo", "R2019440654321"));
        fixture.approve(pi, PROVINCE_USER);
        assertThat(pi).isWaitingAt("WaitApplicationWindow");
        assertThat(repository.findCase(SESSION, no).orElseThrow().priorDegreeVerified()).isTrue();

        fixture.fire(pi, "WaitApplicationWindow");
        completeApplication(pi, no);
        fixture.act(pi, CITY_USER, onsite("hasRegistrationForm", "hasPriorCertificate", "hasStudentStatusReport",
                "hasChsiRecordForm", "hasIdCard"));
        assertThat(pi).isWaitingAt(Step.PROVINCIAL_DECISION.id());
        fixture.reject(pi, PROVINCE_USER, "考籍与前置学历信息不一致");
        assertThat(pi).isEnded().hasPassed("EndNotApproved");
        assertThat(state(no)).isEqualTo(State.NOT_APPROVED);
    }

    @Test
    void bachelorWithoutVerifiedPriorDegreeByTheDeadlineLapses() {
        String no = fixture.candidate(spec().bachelor());
        ProcessInstance pi = fixture.start(no);
        fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "SELF_STUDY_ASSOCIATE", "priorDegreeNo", "360102100001"));
        assertThat(pi).isWaitingAt(Step.VERIFY_PRIOR_DEGREE.id());

        fixture.fire(pi, "PriorDegreeDeadline");
        assertThat(pi).isEnded().hasPassed("EndPriorDegreeLapsed");
        assertThat(state(no)).isEqualTo(State.PRIOR_DEGREE_LAPSED);
        assertThat(repository.findCase(SESSION, no).orElseThrow().priorDegreeVerified()).isFalse();
    }

    @Test
    void freshGraduateFillsInTheCertificateAfterOneReturn() {
        String no = fixture.candidate(spec().bachelor().freshGraduate());
        ProcessInstance pi = freshGraduateOnsitePassed(no);
        assertThat(pi).isWaitingAt(Step.FILL_IN_CERTIFICATE.id());
        assertThat(task(pi)).isAssignedTo(userOf(no));
        assertThatThrownBy(() -> fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "FRESH_GRADUATE")))
                .hasMessageContaining("R-SS-03");
        fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "CHSI_RECORD", "priorDegreeNo", "A2099440000001"));
        assertThat(pi).isWaitingAt(Step.VERIFY_CERTIFICATE.id());
        fixture.reject(pi, PROVINCE_USER, "编号有误");
        fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "CHSI_RECORD", "priorDegreeNo", "A2099440000002"));
        fixture.approve(pi, PROVINCE_USER);
        assertThat(pi).isWaitingAt(Step.PROVINCIAL_DECISION.id());
        assertThat(repository.findCase(SESSION, no).orElseThrow().certificatePending()).isFalse();
    }

    @Test
    void freshGraduateWhoDoesNotFillInByTheDeadlineLapses() {
        String no = fixture.candidate(spec().bachelor().freshGraduate());
        ProcessInstance pi = freshGraduateOnsitePassed(no);
        fixture.fire(pi, "FreshCertificateDeadline");
        assertThat(pi).isEnded().hasPassed("EndFreshGraduateLapsed");
        assertThat(state(no)).isEqualTo(State.FRESH_GRADUATE_LAPSED);
    }

    @Test
    void aDataErrorSendsTheCandidateToRecordCorrectionAndTheNextSession() {
        String no = fixture.candidate(spec());
        ProcessInstance pi = fixture.start(no);
        fixture.fire(pi, "WaitApplicationWindow");
        assertThatThrownBy(() -> fixture.act(pi, userOf(no), Map.of("recordAnswer", "ERROR")))
                .hasMessageContaining("哪项信息有误");
        fixture.act(pi, userOf(no), Map.of("recordAnswer", "ERROR", "errorDescription", "身份证号码末位错误"));
        assertThat(pi).isEnded().hasPassed("RequestRecordCorrection", "EndRecordCorrection");
        assertThat(state(no)).isEqualTo(State.RECORD_CORRECTION);
        assertThat(repository.openRecordCorrections(no)).isEqualTo(1);
        assertThat(repository.candidate(no).orElseThrow().recordChangePending()).isTrue();
    }

    @Test
    void aFailedForecastEndsTheApplicationWithItsFindings() {
        String no = fixture.candidate(spec().failing());
        ProcessInstance pi = fixture.start(no);
        fixture.fire(pi, "WaitApplicationWindow");
        fixture.act(pi, userOf(no), Map.of("recordAnswer", "CORRECT"));
        assertThat(pi).isEnded().hasPassed("EndForecastFailed");
        assertThat(state(no)).isEqualTo(State.FORECAST_FAILED);
        assertThat(findings(no)).contains("R-SS-01 REQUIRED_COURSE_MISSING 必考课程未合格：00002 必考二");
    }

    @Test
    void pendingRecordChangesDoneInTimeLetTheCaseGoOn() {
        String no = fixture.candidate(spec().pendingRecordChange());
        ProcessInstance pi = fixture.start(no);
        assertThat(pi).isWaitingAt(Step.COMPLETE_RECORD_CHANGES.id());
        assertThat(task(pi)).hasCandidateGroup(CITY);
        fixture.act(pi, CITY_USER, Map.of());
        assertThat(pi).isWaitingAt("WaitApplicationWindow");
        assertThat(repository.candidate(no).orElseThrow().recordChangePending()).isFalse();
    }

    @Test
    void pendingRecordChangesPastTheirDeadlineEndTheCase() {
        String no = fixture.candidate(spec().pendingRecordChange());
        ProcessInstance pi = fixture.start(no);
        fixture.fire(pi, "PrerequisitesDeadline");
        assertThat(pi).isEnded().hasPassed("EndPrerequisitesLapsed");
        assertThat(state(no)).isEqualTo(State.PREREQUISITES_LAPSED);
    }

    @Test
    void theApplicationWindowClosingEndsAnUnfinishedApplication() {
        String no = fixture.candidate(spec());
        ProcessInstance pi = toApply(no);
        fixture.fire(pi, "ApplicationWindowCloses");
        assertThat(pi).isEnded().hasPassed("EndApplicationWindowMissed");
        assertThat(state(no)).isEqualTo(State.APPLICATION_MISSED);
    }

    @Test
    void theOnsiteWindowClosingWithoutMaterialsEndsTheCase() {
        String no = fixture.candidate(spec());
        ProcessInstance pi = throughApplication(no);
        fixture.fire(pi, "OnsiteWindowCloses");
        assertThat(pi).isEnded().hasPassed("EndOnsiteMissed");
        assertThat(state(no)).isEqualTo(State.ONSITE_MISSED);
    }

    @Test
    void aCandidateNeverSeesNorCompletesAnotherCandidatesTask() {
        String mine = fixture.candidate(spec());
        String theirs = fixture.candidate(spec());
        ProcessInstance a = fixture.start(mine);
        ProcessInstance b = fixture.start(theirs);
        fixture.fire(a, "WaitApplicationWindow");
        fixture.fire(b, "WaitApplicationWindow");
        var identity = engine.getIdentityService();
        var tasks = engine.getTaskService();
        String theirTask = fixture.task(b).getId();
        identity.setAuthentication(userOf(mine), List.of(SelfStudyAccess.CANDIDATES));
        try {
            assertThat(tasks.createTaskQuery().listPage(0, 100)).extracting(t -> t.getProcessInstanceId()).containsExactly(a.getId());
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().listPage(0, 100)).extracting(p -> p.getId())
                    .containsExactly(a.getId());
            assertThatThrownBy(() -> tasks.complete(theirTask, Map.of("recordAnswer", "CORRECT")))
                    .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        } finally {
            identity.clearAuthentication();
        }
        assertThat(b).isWaitingAt(Step.CONFIRM_RECORD.id());
        // the other city's office sees neither
        identity.setAuthentication(SelfStudyFixture.OTHER_CITY_USER, List.of(SelfStudyFixture.OTHER_CITY));
        try {
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(a.getId()).count()).isZero();
        } finally {
            identity.clearAuthentication();
        }
    }

    // --- paths to a step

    private ProcessInstance toApply(String no) {
        ProcessInstance pi = fixture.start(no);
        fixture.fire(pi, "WaitApplicationWindow");
        fixture.act(pi, userOf(no), Map.of("recordAnswer", "CORRECT"));
        assertThat(pi).isWaitingAt(Step.APPLY.id());
        return pi;
    }

    /** From 确认信息 to the application submitted, waiting for the on-site window. */
    private void completeApplication(ProcessInstance pi, String no) {
        fixture.act(pi, userOf(no), Map.of("recordAnswer", "CORRECT"));
        fixture.act(pi, userOf(no), Map.of("processingLocation", "0201", "phone", "13800138000"));
        fixture.act(pi, userOf(no), photo(PhotoFixtures.chsiCertificateJpeg()));
        fixture.approve(pi, CITY_USER);
        fixture.fire(pi, "WaitOnsiteWindow");
        assertThat(pi).isWaitingAt(Step.ONSITE_CHECK.id());
    }

    private ProcessInstance throughApplication(String no) {
        ProcessInstance pi = fixture.start(no);
        fixture.fire(pi, "WaitApplicationWindow");
        completeApplication(pi, no);
        return pi;
    }

    private ProcessInstance freshGraduateOnsitePassed(String no) {
        ProcessInstance pi = fixture.start(no);
        fixture.act(pi, userOf(no), Map.of("priorDegreeKind", "FRESH_GRADUATE"));
        fixture.approve(pi, PROVINCE_USER);
        assertThat(repository.findCase(SESSION, no).orElseThrow().certificatePending()).isTrue();
        fixture.fire(pi, "WaitApplicationWindow");
        completeApplication(pi, no);
        fixture.act(pi, CITY_USER, onsite("hasRegistrationForm"));
        return pi;
    }

    private static Map<String, Object> onsite(String... documents) {
        Map<String, Object> form = new HashMap<>(Map.of("characterAssessment", "PASSED", "assessmentUnit", "韶关市某有限公司"));
        for (String d : documents) {
            form.put(d, true);
        }
        return form;
    }

    private static Map<String, Object> photo(byte[] jpeg) {
        return Map.of("certificatePhoto", file(jpeg));
    }

    private static Map<String, Object> idImages() {
        return Map.of("idFront", file(PhotoFixtures.graduationJpeg()), "idBack", file(PhotoFixtures.graduationJpeg()),
                "idHandheld", file(PhotoFixtures.graduationJpeg()));
    }

    private static Object file(byte[] bytes) {
        return Variables.fileValue("photo.jpg").file(bytes).mimeType("image/jpeg").create();
    }

    private State state(String no) {
        return repository.findCase(SESSION, no).orElseThrow().state();
    }

    private List<String> findings(String no) {
        return repository.events(repository.findCase(SESSION, no).orElseThrow().id()).stream().filter(e -> e.ruleId() != null)
                .map(e -> e.ruleId() + " " + e.code() + " " + e.message()).toList();
    }
}
