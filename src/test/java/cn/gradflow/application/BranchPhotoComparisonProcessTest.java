package cn.gradflow.application;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.checks.Finding;
import cn.gradflow.identity.IdentityReviewProcess;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * The branch review's photo comparison by eye (R-PH-03, R-ID-04): the photos the form shows, an approve
 * with 不一致 refused, R-PH-03 不一致 back to the centre's 整改, R-ID-04 不一致 into the identity review.
 */
@GradFlowSpringTest
class BranchPhotoComparisonProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired PhotoRepository photos;
    @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void matchingPhotosAreComparedApprovedAndTheComparisonIsInTheTrail() {
        String no = atBranchReview(LC_A, true, true);
        ProcessInstance pi = application(no);
        // the form is told which photos to show side by side
        assertThat(runtime.getVariables(pi.getId())).containsEntry("photosStored", "平台毕业照片、录取照片、学信网学历照片")
                .doesNotContainKeys("graduationPhotoStored", "academicPhotoStored", "admissionPhotoStored");
        assertThat(engine.getFormService().getTaskFormKey(pi.getProcessDefinitionId(), Step.BRANCH_REVIEW.id()))
                .isEqualTo("embedded:/forms/branch-review.html");

        driver.act(pi, "gd1", comparison("APPROVE", null, "MATCH", "MATCH", "同版照片"));

        assertThat(pi).isWaitingAt(Step.AWAIT_HQ_SUBMISSION.id());
        assertThat(applications.decisions(applicationId(no))).extracting(Decision::userId, Decision::decision, Decision::reason)
                .endsWith(org.assertj.core.groups.Tuple.tuple("gd1", "PHOTO_COMPARISON",
                                "R-PH-03 平台毕业照片与学信网学历照片：一致；R-ID-04 录取照片与毕业照片：一致 — 同版照片"),
                        org.assertj.core.groups.Tuple.tuple("gd1", "APPROVE", null));
    }

    @Test
    void approvingAMismatchIsRefusedAndTheTaskStaysOpen() {
        String no = atBranchReview(LC_A, true, true);
        ProcessInstance pi = application(no);

        assertThatThrownBy(() -> driver.act(pi, "gd1", comparison("APPROVE", null, "MISMATCH", "MATCH", null)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("平台毕业照片与学信网学历照片比对不一致，不能审核通过（R-PH-03）");
        assertThatThrownBy(() -> driver.act(pi, "gd1", comparison("APPROVE", null, "MATCH", "MISMATCH", null)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("不能审核通过（R-ID-04）");
        // both photos are there: 无可比对照片 is not an answer
        assertThatThrownBy(() -> driver.act(pi, "gd1", comparison("APPROVE", null, "NO_PHOTO", "MATCH", null)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("须比对后选择一致或不一致（R-PH-03）");
        assertThatThrownBy(() -> driver.act(pi, "gd1", comparison("APPROVE", null, "SAME", "MATCH", null)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("照片比对");

        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
        assertThat(applications.decisions(applicationId(no))).extracting(Decision::decision).doesNotContain("PHOTO_COMPARISON");
    }

    @Test
    void academicPhotoMismatchGoesBackToCorrectionWithRphO3AndIsComparedAgainAfterResubmission() {
        String no = atBranchReview(LC_A, true, false);
        ProcessInstance pi = application(no);

        driver.act(pi, "gd1", comparison("REJECT", "毕业照片与学信网学历照片不是同版", "MISMATCH", "NO_PHOTO", "发型不同"));

        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(task(pi)).hasCandidateGroup(LC_A);
        long id = applicationId(no);
        assertThat(applications.findings(id)).filteredOn(f -> f.hasRule("R-PH-03")).singleElement()
                .satisfies(f -> {
                    assertThat(f.code()).isEqualTo("ACADEMIC_PHOTO_MISMATCH");
                    assertThat(f.isBlocking()).isTrue();
                    assertThat(f.message()).contains("废证");
                    assertThat(f.evidence()).isEqualTo("比对说明：发型不同");
                });
        assertThat((String) runtime.getVariable(pi.getId(), "findingsText")).contains("R-PH-03");
        assertThat((String) runtime.getVariable(pi.getId(), "lastRejection")).contains("毕业照片与学信网学历照片不是同版");
        assertThat(applications.decisions(id)).extracting(Decision::decision).endsWith("PHOTO_COMPARISON", "REJECT");

        // the centre replaces the photo and resubmits: the checks run again, the branch compares again
        driver.resubmit(pi, "th1");
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(applications.findings(id)).noneMatch(f -> f.hasRule("R-PH-03"));
        driver.approve(pi, "gz1");
        driver.act(pi, "gd1", comparison("APPROVE", null, "MATCH", "NO_PHOTO", null));
        assertThat(pi).isWaitingAt(Step.AWAIT_HQ_SUBMISSION.id());
    }

    @Test
    void admissionPhotoMismatchGoesToIdentityReviewWithRid04() {
        String no = atBranchReview(LC_COLLEGE, false, true);
        ProcessInstance pi = application(no);

        driver.act(pi, "smjk1", comparison("REJECT", "录取照片与毕业照片不像同一人", "NO_PHOTO", "MISMATCH", null));

        assertThat(pi).isWaitingAt(Step.IDENTITY_REVIEW.id());
        ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey(IdentityReviewProcess.KEY)
                .processInstanceBusinessKey(BATCH + "-" + no).singleResult();
        assertThat(review).isWaitingAt(IdentityReviewProcess.Step.UPLOAD_PACKAGE.id());
        assertThat(task(review)).hasCandidateGroup(LC_COLLEGE);
        assertThat((String) runtime.getVariable(review.getId(), "findingsText")).contains("R-ID-04").contains("身份复核");
        long id = applicationId(no);
        assertThat(applications.findings(id)).filteredOn(f -> f.hasRule("R-ID-04")).extracting(Finding::code)
                .containsExactly("ADMISSION_PHOTO_MISMATCH");
        assertThat(applications.decisions(id)).extracting(Decision::decision).endsWith("PHOTO_COMPARISON", "TO_IDENTITY_REVIEW");
        assertThat(applications.find(BATCH, no).orElseThrow().state()).isEqualTo(ApplicationState.IDENTITY_REVIEW);

        // the centre gives the re-check up: the case goes to 整改 with the finding still shown
        driver.act(pi, "bj1", Map.of("identityAction", "WITHDRAW", "reason", "学生暂缓"));
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(applications.findings(id)).anyMatch(f -> f.hasRule("R-ID-04"));
    }

    @Test
    void withoutTheOtherPhotoOnlyNoPhotoIsAnAnswer() {
        String no = atBranchReview(LC_A, false, false);
        ProcessInstance pi = application(no);
        assertThat(runtime.getVariables(pi.getId())).containsEntry("photosStored", "平台毕业照片");

        assertThatThrownBy(() -> driver.act(pi, "gd1", comparison("APPROVE", null, "MATCH", "NO_PHOTO", null)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("须选择无可比对照片（R-PH-03）");
        driver.act(pi, "gd1", comparison("APPROVE", null, "NO_PHOTO", "NO_PHOTO", null));
        assertThat(pi).isWaitingAt(Step.AWAIT_HQ_SUBMISSION.id());
    }

    /** A bulk decision compares nothing: it passes where there is nothing to compare and is refused where there is. */
    @Test
    void aBulkApprovalPassesOnlyWhereThereIsNothingToCompare() {
        String nothing = atBranchReview(LC_A, false, false);
        String photosToCompare = atBranchReview(LC_A, true, false);

        ResponseEntity<Map> response = http.withBasicAuth("gd1", TestRoster.PASSWORD).postForEntity("/api/batches/" + BATCH
                + "/decisions", Map.of("action", "APPROVE", "studentNos", List.of(nothing, photosToCompare)), Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        List<Map<String, String>> results = (List<Map<String, String>>) response.getBody().get("results");
        assertThat(results).extracting(r -> r.get("studentNo") + " " + r.get("result"))
                .containsExactly(nothing + " DONE", photosToCompare + " BLOCKED");
        assertThat(results.get(1).get("message")).contains("须比对照片并填写结果（R-PH-03").contains("逐个比对");
        assertThat(application(nothing)).isWaitingAt(Step.AWAIT_HQ_SUBMISSION.id());
        assertThat(application(photosToCompare)).isWaitingAt(Step.BRANCH_REVIEW.id());
        assertThat(applications.decisions(applicationId(nothing))).extracting(Decision::reason)
                .contains("R-PH-03 平台毕业照片与学信网学历照片：无可比对照片；R-ID-04 录取照片与毕业照片：无可比对照片");
    }

    /** An eligible student with the photos asked for, applied and (on a city chain) approved by the city. */
    private String atBranchReview(String centre, boolean academicPhoto, boolean admissionPhoto) {
        String no = roster.eligibleStudent(centre, LC_COLLEGE.equals(centre) ? "XZGL" : "GSGL");
        if (academicPhoto) {
            photos.save(no, PhotoRepository.Kind.CHSI_ACADEMIC, PhotoFixtures.graduationJpeg());
        }
        if (admissionPhoto) {
            photos.save(no, PhotoRepository.Kind.ADMISSION, PhotoFixtures.admissionJpeg());
        }
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, LC_COLLEGE.equals(centre) ? "bj1" : "th1", "GRADUATION");
        if (!LC_COLLEGE.equals(centre)) {
            driver.approve(pi, "gz1");
        }
        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
        return no;
    }

    private static Map<String, Object> comparison(String decision, String reason, String academic, String admission, String note) {
        Map<String, Object> form = new HashMap<>();
        form.put("decision", decision);
        form.put("academicPhotoMatch", academic);
        form.put("admissionPhotoMatch", admission);
        if (reason != null) {
            form.put("reason", reason);
        }
        if (note != null) {
            form.put("photoNote", note);
        }
        return form;
    }

    private ProcessInstance application(String no) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ApplicationProcess.KEY)
                .processInstanceBusinessKey(ApplicationProcess.businessKey(BATCH, no)).singleResult();
    }

    private long applicationId(String no) {
        return applications.find(BATCH, no).map(ApplicationRecord::id).orElseThrow();
    }
}
