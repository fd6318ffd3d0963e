package cn.gradflow.admission;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.admission.AdmissionFixture.AFFAIRS_USER;
import static cn.gradflow.admission.AdmissionFixture.ENROLMENT_USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission review through its doors: /api for the offices, the engine's REST API for the tasks, and the
 * refusal of a proven impostor's graduation application on /api and /engine-rest (R-ID-04), always 4xx in Chinese.
 */
@GradFlowSpringTest
class AdmissionApiTest {

    private static final String ADMIN = "testadmin";
    private static final String ADMIN_PASSWORD = "test-admin-secret";

    @Autowired TestRestTemplate http;
    @Autowired AdmissionFixture fixture;
    @Autowired TaskService tasks;
    @Autowired PhotoRepository photos;
    @Autowired IdentityVerdicts verdicts;

    @BeforeEach
    void setUp() {
        fixture.ensure();
    }

    @Test
    void mismatchedPhotoLeadsToReCheckAndAnImpostorIsRefusedOnEveryDoor() {
        String no = fixture.student(true);
        ResponseEntity<Map> started = as(AFFAIRS_USER).postForEntity("/api/admission-reviews",
                Map.of("kind", "PHOTO_COMPARISON", "studentNo", no, "reason", "学历注册前比对"), Map.class);
        assertThat(started.getStatusCode().value()).isEqualTo(201);
        assertThat(started.getBody()).containsEntry("waitingAt", "ComparePhotos").containsEntry("candidateNo", AdmissionFixture.candidateNo(no));
        long id = ((Number) started.getBody().get("caseId")).longValue();

        // the photos beside each other, for the offices only
        ResponseEntity<byte[]> admission = as(AFFAIRS_USER).getForEntity("/api/admission-reviews/" + id + "/photos/admission", byte[].class);
        assertThat(admission.getStatusCode().value()).isEqualTo(200);
        assertThat(admission.getHeaders().getContentType().isCompatibleWith(MediaType.IMAGE_JPEG)).isTrue();
        assertThat(as("bj1").getForEntity("/api/admission-reviews/" + id, Map.class).getStatusCode().value()).isEqualTo(403);
        assertThat(as("th1").postForEntity("/api/admission-reviews", Map.of("kind", "PRIOR_DEGREE", "studentNo", no), Map.class)
                .getStatusCode().value()).isEqualTo(403);

        // 教务处 finds no match through the engine's REST API; a missing reason is a 400 in Chinese
        ResponseEntity<Map> noReason = complete(AFFAIRS_USER, id, Map.of("admissionDecision", "MISMATCH"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody().get("message").toString()).contains("须填写说明");
        assertThat(complete(AFFAIRS_USER, id, Map.of("admissionDecision", "MISMATCH", "admissionReason", "非同一人"))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(as(AFFAIRS_USER).getForEntity("/api/admission-reviews/" + id, Map.class).getBody())
                .containsEntry("waitingAt", "VerifyIdentity");
        // the academic affairs office may not answer for the enrolment office
        assertThat(complete(AFFAIRS_USER, id, Map.of("admissionDecision", "IMPOSTOR", "admissionReason", "x")).getStatusCode().value())
                .isEqualTo(403);
        assertThat(complete(ENROLMENT_USER, id, Map.of("admissionDecision", "IMPOSTOR", "admissionReason", "录取照片为他人"))
                .getStatusCode().value()).isEqualTo(204);
        ResponseEntity<Map> closed = as(ENROLMENT_USER).getForEntity("/api/admission-reviews/" + id, Map.class);
        assertThat(closed.getBody()).containsEntry("outcome", "IMPOSTOR").containsEntry("impostor", true).containsEntry("waitingAt", null);
        assertThat(verdicts.isImpostor(no)).isTrue();

        // /api: the whole request is refused, nothing started
        ResponseEntity<Map> api = as("bj1").postForEntity("/api/batches/" + TestRoster.BATCH + "/applications",
                Map.of("studentNos", List.of(no)), Map.class);
        assertThat(api.getStatusCode().value()).isEqualTo(403);
        assertThat(api.getBody().get("message").toString()).contains("R-ID-04", "冒名顶替", no, "未启动任何申请");

        // /engine-rest: even an operator's start is refused, 4xx with the same text
        String key = ApplicationProcess.businessKey(TestRoster.BATCH, no);
        ResponseEntity<Map> rest = http.withBasicAuth(ADMIN, ADMIN_PASSWORD).postForEntity(
                "/engine-rest/process-definition/key/" + ApplicationProcess.KEY + "/start", Map.of("businessKey", key), Map.class);
        assertThat(rest.getStatusCode().is4xxClientError()).as(String.valueOf(rest.getBody())).isTrue();
        assertThat(rest.getBody().get("message").toString()).contains("R-ID-04", "冒名顶替");
        ResponseEntity<Map> form = http.withBasicAuth(ADMIN, ADMIN_PASSWORD).postForEntity(
                "/engine-rest/process-definition/key/" + ApplicationProcess.KEY + "/submit-form", Map.of("businessKey", key), Map.class);
        assertThat(form.getStatusCode().is4xxClientError()).as(String.valueOf(form.getBody())).isTrue();
        assertThat(form.getBody().get("message").toString()).contains("R-ID-04");
        // staff: the process is started by GradFlow only (Tasklist's start door is this one)
        ResponseEntity<Map> staff = as("bj1").postForEntity(
                "/engine-rest/process-definition/key/" + ApplicationProcess.KEY + "/submit-form", Map.of("businessKey", key), Map.class);
        assertThat(staff.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void enrolmentOfficeUploadsTheAdmissionPhotoNamedByCandidateNumberWhileTheStepWaitsForIt() {
        String no = fixture.student(true);
        long id = ((Number) as(AFFAIRS_USER).postForEntity("/api/admission-reviews",
                Map.of("kind", "PHOTO_COMPARISON", "studentNo", no), Map.class).getBody().get("caseId")).longValue();
        byte[] retake = AdmissionFixture.anotherAdmissionJpeg(58);
        // not yet: the comparison is with 教务处
        assertThat(upload(ENROLMENT_USER, id, AdmissionFixture.candidateNo(no) + ".jpg", retake).getStatusCode().value()).isEqualTo(409);
        complete(AFFAIRS_USER, id, Map.of("admissionDecision", "MISMATCH", "admissionReason", "照片模糊"));

        assertThat(upload(AFFAIRS_USER, id, AdmissionFixture.candidateNo(no) + ".jpg", retake).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> misnamed = upload(ENROLMENT_USER, id, no + ".jpg", retake);
        assertThat(misnamed.getStatusCode().value()).isEqualTo(422);
        assertThat(misnamed.getBody().toString()).contains(AdmissionFixture.candidateNo(no));
        ResponseEntity<Map> ok = upload(ENROLMENT_USER, id, AdmissionFixture.candidateNo(no) + ".jpg", retake);
        assertThat(ok.getStatusCode().value()).as(String.valueOf(ok.getBody())).isEqualTo(200);
        assertThat(photos.find(no, PhotoRepository.Kind.ADMISSION).orElseThrow().content()).isEqualTo(retake);
        assertThat(complete(ENROLMENT_USER, id, Map.of("admissionDecision", "NEW_PHOTO", "admissionReason", "重新采集"))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(as(ENROLMENT_USER).getForEntity("/api/students/" + no + "/admission-reviews", List.class).getBody()).hasSize(1);
    }

    @Test
    void selfChecksAreRecordedByAcademicAffairsAndListsReadByTheOffices() {
        String no = fixture.student(false);
        assertThat(as(ENROLMENT_USER).exchange("/api/students/" + no + "/chsi-self-check", HttpMethod.PUT,
                json(Map.of("checkedOn", "2026-11-02")), Map.class).getStatusCode().value()).isEqualTo(403);
        assertThat(as(AFFAIRS_USER).exchange("/api/students/" + no + "/chsi-self-check", HttpMethod.PUT,
                json(Map.of("checkedOn", "2026-13-02")), Map.class).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map> recorded = as(AFFAIRS_USER).exchange("/api/students/" + no + "/chsi-self-check", HttpMethod.PUT,
                json(Map.of("checkedOn", "2026-11-02")), Map.class);
        assertThat(recorded.getStatusCode().value()).isEqualTo(200);
        assertThat(recorded.getBody()).containsEntry("checkedOn", "2026-11-02");
        assertThat(as(ENROLMENT_USER).getForEntity("/api/chsi-self-check-lists", List.class).getStatusCode().value()).isEqualTo(200);
        assertThat(as("bj1").getForEntity("/api/chsi-self-check-lists", Map.class).getStatusCode().value()).isEqualTo(403);
        // a page whose offset passed an int was a 500 from the database; a negative one was read as page 0
        for (String page : List.of("-1", "2147483647")) {
            ResponseEntity<Map> refused = as(AFFAIRS_USER).getForEntity("/api/chsi-self-check-lists/1/students?page=" + page, Map.class);
            assertThat(refused.getStatusCode().value()).as(page).isEqualTo(400);
            assertThat((String) refused.getBody().get("message")).contains("分页参数有误");
        }
    }

    private ResponseEntity<Map> complete(String user, long caseId, Map<String, String> fields) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKeyLike("A" + caseId + "-%").singleResult();
        Map<String, Object> variables = new java.util.HashMap<>();
        fields.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        return as(user).postForEntity("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", variables), Map.class);
    }

    private ResponseEntity<Map> upload(String user, long caseId, String fileName, byte[] content) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return as(user).exchange("/api/admission-reviews/" + caseId + "/photo", HttpMethod.PUT, new HttpEntity<>(body, headers), Map.class);
    }

    private static HttpEntity<Map<String, String>> json(Map<String, String> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, TestRoster.PASSWORD);
    }
}
