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
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

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

    /**
     * Issue 13: within a transaction that read the photo's lock (the initial audit), setting it to what was read writes
     * nothing — shown by a change made behind the read, which stays; a different lock is written, and after a write (or
     * outside the transaction) the lock is written again.
     */
    @Test
    void aLockAlreadyAsReadInTheTransactionIsNotWrittenAgain() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        tx.executeWithoutResult(status -> {
            assertThat(photos.graduationPhotoUploadedOn(no)).isPresent();
            jdbc.sql("UPDATE photo SET locked = TRUE WHERE student_no = ? AND kind = 'GRADUATION'").param(no).update();
            photos.lockGraduationPhoto(no, false); // as read: skipped
            assertThat(photos.locked(no, PhotoRepository.Kind.GRADUATION)).contains(true);
            photos.lockGraduationPhoto(no, true); // not as read: written
            photos.lockGraduationPhoto(no, false); // the read is forgotten after a write: written
            assertThat(photos.locked(no, PhotoRepository.Kind.GRADUATION)).contains(false);
        });
        jdbc.sql("UPDATE photo SET locked = TRUE WHERE student_no = ? AND kind = 'GRADUATION'").param(no).update();
        photos.lockGraduationPhoto(no, false);
        assertThat(photos.locked(no, PhotoRepository.Kind.GRADUATION)).as("outside the transaction").contains(false);

        String without = roster.studentWithoutPhoto(TestRoster.LC_A);
        tx.executeWithoutResult(status -> {
            assertThat(photos.graduationPhotoUploadedOn(without)).isEmpty();
            photos.save(without, PhotoRepository.Kind.GRADUATION, new PhotoFixtures().jpeg());
            photos.lockGraduationPhoto(without, true); // a photo saved since the read: written
            assertThat(photos.locked(without, PhotoRepository.Kind.GRADUATION)).contains(true);
        });
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

    /**
     * R-PH-03, R-ID-04: the photos the branch review shows side by side are served to the student's own
     * units only (R-ORG-02), with Basic as with the Tasklist session the embedded form's images use.
     */
    @Test
    void comparisonPhotosAreServedToTheStudentsUnitsOnly() {
        String no = roster.eligibleStudent(TestRoster.LC_B, "GSGL");
        byte[] academic = PhotoFixtures.graduationJpeg();
        byte[] admission = PhotoFixtures.admissionJpeg();
        photos.save(no, PhotoRepository.Kind.CHSI_ACADEMIC, academic);
        photos.save(no, PhotoRepository.Kind.ADMISSION, admission);
        String base = "/api/students/" + no + "/photos/";

        for (String user : List.of("py1", "gz1", "gd1", "hq1")) {
            ResponseEntity<byte[]> own = as(user).getForEntity(base + "chsi-academic", byte[].class);
            assertThat(own.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertThat(own.getHeaders().getContentType().isCompatibleWith(MediaType.IMAGE_JPEG)).isTrue();
            assertThat(own.getBody()).isEqualTo(academic);
            assertThat(as(user).getForEntity(base + "admission", byte[].class).getBody()).as(user).isEqualTo(admission);
        }
        // another centre of the same city, another city, another branch
        for (String user : List.of("th1", "sg1", "zj1", "smjk1", "bj1")) {
            for (String kind : List.of("chsi-academic", "admission", "graduation")) {
                ResponseEntity<Map> refused = as(user).getForEntity(base + kind, Map.class);
                assertThat(refused.getStatusCode()).as(user + " " + kind).isEqualTo(HttpStatus.FORBIDDEN);
                assertThat((String) refused.getBody().get("message")).contains("无权办理其他单位的学生");
            }
        }
        // the form's <img> reads with the browser's Tasklist login
        assertThat(cn.gradflow.testing.WebappSession.login(port, "gd1", TestRoster.PASSWORD, "tasklist")
                .get(base + "admission").statusCode()).isEqualTo(200);
        assertThat(cn.gradflow.testing.WebappSession.login(port, "zj1", TestRoster.PASSWORD, "tasklist")
                .get(base + "admission").statusCode()).isEqualTo(403);
        assertThat(http.getForEntity(base + "admission", Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // a kind GradFlow does not keep, a student without that photo
        assertThat(as("py1").getForEntity(base + "selfie", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        String without = roster.eligibleStudent(TestRoster.LC_B, "GSGL");
        ResponseEntity<Map> missing = as("py1").getForEntity("/api/students/" + without + "/photos/chsi-academic", Map.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) missing.getBody().get("message")).contains("该生没有学信网学历照片");
    }

    @Test
    void comparisonPhotosAreUploadedAgainstTheirOwnProfiles() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        ResponseEntity<Map> admission = as("th1").exchange("/api/students/" + no + "/photos/admission", HttpMethod.PUT,
                new HttpEntity<>(body("a.jpg", PhotoFixtures.admissionJpeg()), multipart()), Map.class);
        assertThat(admission.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admission.getBody()).containsEntry("profile", "ADMISSION");
        assertThat(photos.kinds(no)).contains(PhotoRepository.Kind.ADMISSION);
        // a graduation photo is no CHSI certificate photo (20–40 KB, 300 dpi): refused with R-PH-03 findings
        ResponseEntity<Map> academic = as("th1").exchange("/api/students/" + no + "/photos/chsi-academic", HttpMethod.PUT,
                new HttpEntity<>(body("c.jpg", new PhotoFixtures().jpeg()), multipart()), Map.class);
        assertThat(academic.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((List<Map<String, Object>>) academic.getBody().get("findings")).extracting(f -> f.get("rule"))
                .containsOnly("R-PH-03");
        assertThat(photos.kinds(no)).doesNotContain(PhotoRepository.Kind.CHSI_ACADEMIC);
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
