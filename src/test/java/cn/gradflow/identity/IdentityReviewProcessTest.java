package cn.gradflow.identity;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.application.ApplicationRecord;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.identity.IdentityReviewProcess.Document;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Every path of processes/identity-review.bpmn, called from the application (R-ID-01, R-ID-03). */
@GradFlowSpringTest
class IdentityReviewProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired IdentityDocumentRepository documents;
    @Autowired RosterRepository students;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void doubtfulIdentityIsReviewedReturnedTwiceApprovedAndTheCaseClimbs() {
        String no = doubtfulStudentWhoApplied();
        ProcessInstance pi = application(no);
        assertThat(pi).isWaitingAt(Step.IDENTITY_REVIEW.id());
        ProcessInstance review = identityReview(no);
        assertThat(review).isWaitingAt(IdentityReviewProcess.Step.UPLOAD_PACKAGE.id());
        assertThat(task(review)).hasCandidateGroup(LC_A);
        assertState(no, ApplicationState.IDENTITY_REVIEW, "LEARNING_CENTER");

        driver.act(pi, "th1", fullPackage());
        assertThat(review).isWaitingAt(IdentityReviewProcess.Step.FORWARD_PACKAGE.id());
        assertThat(task(review)).hasCandidateGroup("GD");
        assertThat(documents.list(applicationId(no))).hasSize(4);
        assertThat(runtime.getVariables(review.getId())).doesNotContainKeys(Document.REVIEW_FORM.variable());

        driver.reject(pi, "gd1", "复核表未盖章");
        assertThat(review).isWaitingAt(IdentityReviewProcess.Step.UPLOAD_PACKAGE.id());
        // documents from the first round stay; only the corrected one is sent again
        driver.act(pi, "th1", Map.of("identityAction", "SUBMIT",
                Document.REVIEW_FORM.variable(), Variables.fileValue("复核表.pdf").file("%PDF-1.4 stamped".getBytes()).create()));
        driver.approve(pi, "gd1");
        assertThat(review).isWaitingAt(IdentityReviewProcess.Step.HQ_REVIEW.id());
        assertThat(task(review)).hasCandidateGroup("HQ");
        driver.reject(pi, "hq1", "录取照片与毕业照片不一致");
        driver.act(pi, "th1", Map.of("identityAction", "SUBMIT"));
        driver.approve(pi, "gd1");
        driver.approve(pi, "hq1");

        assertThat(review).isEnded().hasPassed("IdentityApproved");
        assertThat(students.chsiStatus(no).orElseThrow().identityDoubtful()).isFalse();
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(applications.decisions(applicationId(no))).extracting(d -> d.decision())
                .containsSubsequence("IDENTITY_SUBMIT", "IDENTITY_RETURN", "IDENTITY_SUBMIT", "IDENTITY_FORWARD",
                        "IDENTITY_RETURN", "IDENTITY_SUBMIT", "IDENTITY_FORWARD", "IDENTITY_APPROVE", "IDENTITY_SHIELD_LIFTED");
    }

    @Test
    void withdrawnReviewReturnsTheCaseToCorrection() {
        String no = doubtfulStudentWhoApplied();
        ProcessInstance pi = application(no);

        ProcessInstance review = identityReview(no);
        driver.act(pi, "th1", Map.of("identityAction", "WITHDRAW", "reason", "学生暂缓"));

        assertThat(review).isEnded().hasPassed("IdentityReviewWithdrawn");
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        driver.act(pi, "th1", Map.of("correctionAction", "DEFER"));
        assertThat(pi).isEnded().hasPassed(Step.END_DEFERRED.id());
    }

    @Test
    void incompleteOrFaultyPackageIsRefusedAndNothingStored() {
        String no = doubtfulStudentWhoApplied();
        ProcessInstance pi = application(no);

        assertThatThrownBy(() -> driver.act(pi, "th1", Map.of("identityAction", "SUBMIT")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("缺少身份复核表").hasMessageContaining("缺少毕业照片");
        // what Tasklist sends for file inputs left blank
        Map<String, Object> blanks = new HashMap<>(Map.of("identityAction", "SUBMIT"));
        for (Document d : Document.values()) {
            blanks.put(d.variable(), Variables.fileValue("").file(new byte[0]).create());
        }
        assertThatThrownBy(() -> driver.act(pi, "th1", blanks)).hasMessageContaining("缺少身份复核表（未上传）");

        Map<String, Object> badPhoto = fullPackage();
        badPhoto.put(Document.GRADUATION_PHOTO.variable(),
                Variables.fileValue("g.jpg").file(PhotoFixtures.whiteBackgroundJpeg()).create());
        assertThatThrownBy(() -> driver.act(pi, "th1", badPhoto))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("毕业照片：背景颜色不符");

        assertThat(documents.list(applicationId(no))).isEmpty();
        assertThat(identityReview(no)).isWaitingAt(IdentityReviewProcess.Step.UPLOAD_PACKAGE.id());
    }

    @Test
    void doubtfulPhotoAlsoNeedsTheReview() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        roster.chsi(no, new ChsiStatus(false, true, true, true));
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        assertThat(pi).isWaitingAt(Step.IDENTITY_REVIEW.id());
    }

    private String doubtfulStudentWhoApplied() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        roster.chsi(no, new ChsiStatus(true, true, true, false));
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        return no;
    }

    private static Map<String, Object> fullPackage() {
        Map<String, Object> v = new HashMap<>();
        v.put("identityAction", "SUBMIT");
        v.put(Document.REVIEW_FORM.variable(), Variables.fileValue("复核表.pdf").file("%PDF-1.4 form".getBytes())
                .mimeType("application/pdf").create());
        v.put(Document.REGISTRATION_FORM.variable(), Variables.fileValue("登记表.pdf").file("%PDF-1.4 reg".getBytes()).create());
        v.put(Document.ADMISSION_PHOTO.variable(), Variables.fileValue("a.jpg").file(PhotoFixtures.admissionJpeg()).create());
        v.put(Document.GRADUATION_PHOTO.variable(), Variables.fileValue("g.jpg").file(PhotoFixtures.graduationJpeg()).create());
        return v;
    }

    private ProcessInstance application(String no) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("graduation-application")
                .processInstanceBusinessKey(BATCH + "-" + no).singleResult();
    }

    /** The running identity review of the case; keep it to assert on it once ended. */
    private ProcessInstance identityReview(String no) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(IdentityReviewProcess.KEY)
                .processInstanceBusinessKey(BATCH + "-" + no).singleResult();
    }

    private long applicationId(String no) {
        return applications.find(BATCH, no).map(ApplicationRecord::id).orElseThrow();
    }

    private void assertState(String no, ApplicationState state, String tier) {
        ApplicationRecord a = applications.find(BATCH, no).orElseThrow();
        assertThat(a.state()).isEqualTo(state);
        assertThat(a.tier()).hasToString(tier);
    }
}
