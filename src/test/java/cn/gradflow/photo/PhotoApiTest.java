package cn.gradflow.photo;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

@GradFlowSpringTest
class PhotoApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired PhotoRepository photos;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void checkAnswers200WithFindingsForAnyBytes() {
        ResponseEntity<Map> good = check("OUC_GRADUATION", "2440100000001.jpg", new PhotoFixtures().jpeg(), "2440100000001");
        assertThat(good.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(good.getBody()).containsEntry("ok", true).containsEntry("width", 480);

        ResponseEntity<Map> junk = check("CHSI_CERTIFICATE", "x.jpg", "not a photo at all".getBytes(), null);
        assertThat(junk.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(junk.getBody()).containsEntry("ok", false);
        assertThat((List<Map<String, Object>>) junk.getBody().get("findings"))
                .extracting(f -> f.get("rule") + " " + f.get("code"))
                .containsExactly("R-PH-03 FILE_TOO_SMALL", "R-PH-03 NOT_AN_IMAGE");

        ResponseEntity<Map> empty = check("OUC_GRADUATION", "e.jpg", new byte[0], null);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(empty.getBody()).containsEntry("ok", false);
    }

    @Test
    void fiftyMegabyteUploadGetsAFinding() {
        byte[] huge = new byte[50 * 1024 * 1024];
        byte[] jpeg = new PhotoFixtures().jpeg();
        System.arraycopy(jpeg, 0, huge, 0, jpeg.length);
        ResponseEntity<Map> response = check("OUC_GRADUATION", "big.jpg", huge, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) response.getBody().get("findings"))
                .extracting(f -> f.get("code")).contains("FILE_TOO_LARGE");
    }

    @Test
    void onlyAMissingFileOrUnknownProfileIsABadRequest() {
        assertThat(check("NO_SUCH_PROFILE", "a.jpg", new PhotoFixtures().jpeg(), null).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> noFile = as("th1").exchange("/api/photos/check?profile=OUC_GRADUATION", HttpMethod.POST,
                new HttpEntity<>(new LinkedMultiValueMap<>(Map.of("other", List.of("x"))), multipart()), Map.class);
        assertThat(noFile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) noFile.getBody().get("message")).contains("file");
        assertThat(http.exchange("/api/photos/check?profile=OUC_GRADUATION", HttpMethod.POST,
                new HttpEntity<>(body("a.jpg", new PhotoFixtures().jpeg()), multipart()), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void graduationPhotoIsLockedWhileUnderReviewAndFreedWhenReturned() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        assertThat(upload("th1", no, new PhotoFixtures().jpeg()).getStatusCode()).isEqualTo(HttpStatus.OK);
        String before = photos.find(no, PhotoRepository.Kind.GRADUATION).orElseThrow().sha256();

        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        PhotoFixtures other = new PhotoFixtures();
        other.headTop = 60;
        ResponseEntity<Map> refused = upload("th1", no, other.jpeg());

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).containsEntry("error", "PHOTO_LOCKED");
        assertThat((String) refused.getBody().get("message")).contains("R-PH-02");
        assertThat(photos.find(no, PhotoRepository.Kind.GRADUATION).orElseThrow().sha256()).isEqualTo(before);

        driver.reject(pi, "gz1", "照片不清晰");
        assertThat(upload("th1", no, other.jpeg()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(photos.find(no, PhotoRepository.Kind.GRADUATION).orElseThrow().sha256()).isNotEqualTo(before);
    }

    @Test
    void badPhotoIsRefusedAndTheStoredOneKept() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        String before = photos.find(no, PhotoRepository.Kind.GRADUATION).orElseThrow().sha256();
        PhotoFixtures white = new PhotoFixtures();
        white.background = java.awt.Color.WHITE;

        ResponseEntity<Map> response = upload("th1", no, white.jpeg());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((List<Map<String, Object>>) response.getBody().get("findings"))
                .extracting(f -> f.get("code")).containsExactly("WRONG_BACKGROUND");
        assertThat(photos.find(no, PhotoRepository.Kind.GRADUATION).orElseThrow().sha256()).isEqualTo(before);
    }

    @Test
    void anotherCentresStudentsPhotoIsForbidden() {
        String no = roster.eligibleStudent(TestRoster.LC_B, "GSGL");
        assertThat(upload("th1", no, new PhotoFixtures().jpeg()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("th1").getForEntity("/api/students/" + no + "/photos/graduation", byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("py1").getForEntity("/api/students/" + no + "/photos/graduation", byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<Map> check(String profile, String fileName, byte[] bytes, String expectedNo) {
        String url = "/api/photos/check?profile=" + profile + (expectedNo == null ? "" : "&expectedNo=" + expectedNo);
        return as("th1").exchange(url, HttpMethod.POST, new HttpEntity<>(body(fileName, bytes), multipart()), Map.class);
    }

    private ResponseEntity<Map> upload(String user, String studentNo, byte[] bytes) {
        return as(user).exchange("/api/students/" + studentNo + "/photos/graduation", HttpMethod.PUT,
                new HttpEntity<>(body(studentNo + ".jpg", bytes), multipart()), Map.class);
    }

    private static MultiValueMap<String, Object> body(String fileName, byte[] bytes) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return body;
    }

    private static HttpHeaders multipart() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return headers;
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, TestRoster.PASSWORD);
    }
}
