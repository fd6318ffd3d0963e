package cn.gradflow.photo.zip;

import java.util.List;
import java.util.Map;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/photo-imports as the clerks send it: refusals at once, else 202 and the job's verdict per entry. */
@GradFlowSpringTest
class PhotoImportApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired PhotoRepository photos;
    @Autowired JdbcClient jdbc;
    @Autowired cn.gradflow.jobs.Jobs jobs;
    @Autowired org.camunda.bpm.engine.IdentityService identity;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void aCleanZipIsAJobWhoseEntriesAreSavedByteForByte() {
        String a = roster.studentWithoutPhoto(TestRoster.LC_A);
        String b = roster.studentWithoutPhoto(TestRoster.LC_B);
        String existing = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        byte[] jpeg = PhotoFixtures.graduationJpeg();
        byte[] zip = Zips.create().add(a + ".jpg", jpeg).add(b + ".jpg", jpeg).add(existing + ".jpg", jpeg).bytes();

        ResponseEntity<Map> accepted = post("th1", "type=GRADUATION&overwrite=false", "photos.zip", zip);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> job = job("th1", (String) accepted.getBody().get("jobId"));
        assertThat(job).containsEntry("kind", "photo-import").containsEntry("state", "DONE")
                .containsEntry("total", 3).containsEntry("processed", 3).containsEntry("applied", 1);
        assertThat((Map<String, Object>) job.get("counts")).containsEntry("saved", 1).containsEntry("refused", 1)
                .containsEntry("skipped", 1);
        assertThat((List<Map<String, Object>>) job.get("entries"))
                .extracting(e -> e.get("entry") + " " + e.get("result") + " " + e.get("code"))
                .containsExactly(a + ".jpg SAVED SAVED", b + ".jpg REFUSED OTHER_UNIT", existing + ".jpg SKIPPED PHOTO_EXISTS");
        assertThat((List<Map<String, Object>>) job.get("errors")).singleElement()
                .satisfies(e -> assertThat((String) e.get("message")).contains("其他单位"));
        assertThat(photos.find(a, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(jpeg);
        assertThat(as("th1").getForEntity("/api/students/" + a + "/photos/graduation", byte[].class).getBody())
                .isEqualTo(jpeg);
        assertThat(photos.locked(b, PhotoRepository.Kind.GRADUATION)).isEmpty();
        // the upload lives in the database only while the job runs
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulk_job_input WHERE job_id = ?").param(accepted.getBody().get("jobId"))
                .query(Integer.class).single()).isZero();
    }

    @Test
    void refusalsThatNeedNoJobAreAnsweredAtOnce() {
        byte[] zip = Zips.create().add("2440100000001.jpg", PhotoFixtures.graduationJpeg()).bytes();
        assertRefused(post("th1", "overwrite=false", "p.zip", zip), HttpStatus.BAD_REQUEST, "type");
        assertRefused(post("th1", "type=DIPLOMA", "p.zip", zip), HttpStatus.BAD_REQUEST, "GRADUATION");
        assertRefused(post("th1", "type=GRADUATION&overwrite=maybe", "p.zip", zip), HttpStatus.BAD_REQUEST, "overwrite");
        assertRefused(post("th1", "type=GRADUATION", "p.zip", new byte[0]), HttpStatus.BAD_REQUEST, "空");
        ResponseEntity<Map> noFile = as("th1").exchange("/api/photo-imports?type=GRADUATION", HttpMethod.POST,
                new HttpEntity<>(new LinkedMultiValueMap<>(Map.of("other", List.of("x"))), multipart()), Map.class);
        assertRefused(noFile, HttpStatus.BAD_REQUEST, "file");
        // a PNG named .zip, a workbook: by their bytes
        assertRefused(post("th1", "type=GRADUATION", "photos.zip", PhotoZipImportTest.pngBytes()),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不是 ZIP");
        assertRefused(post("th1", "type=GRADUATION", "photos.zip", "学号,姓名\n1,张三\n".getBytes()),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不是 ZIP");
        assertThat(http.exchange("/api/photo-imports?type=GRADUATION", HttpMethod.POST,
                new HttpEntity<>(body("p.zip", zip), multipart()), Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anArchiveOverTheLimitsIsRefusedAsAWholeWith422AndNothingQueued() {
        String first = roster.studentWithoutPhoto(TestRoster.LC_A);
        long jobsBefore = jobs();
        byte[] bomb = Zips.create().add(first + ".jpg", PhotoFixtures.graduationJpeg())
                .zeros("2440100000002.jpg", 500L * 1024 * 1024).bytes();
        assertRefused(post("th1", "type=GRADUATION", "bomb.zip", bomb), HttpStatus.UNPROCESSABLE_ENTITY, "压缩炸弹");

        Zips many = Zips.create();
        for (int i = 0; i < 1001; i++) {
            many.stored("24401" + String.format("%08d", i) + ".jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        }
        ResponseEntity<Map> tooMany = post("th1", "type=GRADUATION", "many.zip", many.bytes());
        assertRefused(tooMany, HttpStatus.UNPROCESSABLE_ENTITY, "1000");
        assertThat(tooMany.getBody()).containsEntry("error", "TOO_MANY_ENTRIES");

        byte[] lying = Zips.declaringSize(Zips.create().add(first + ".jpg", Zips.noise(11 * 1024 * 1024, 3)).bytes(), 40_000);
        assertRefused(post("th1", "type=GRADUATION", "lying.zip", lying), HttpStatus.UNPROCESSABLE_ENTITY, "10 MB");

        assertThat(photos.locked(first, PhotoRepository.Kind.GRADUATION)).isEmpty();
        assertThat(jobs()).isEqualTo(jobsBefore);
        // and the app is still up
        assertThat(post("th1", "type=GRADUATION", "p.zip",
                Zips.create().add(first + ".jpg", PhotoFixtures.graduationJpeg()).bytes()).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void theJobChecksTheLimitsAgainAndRollsBackAnArchiveRefusedAsAWhole() {
        // a job never trusts what was checked before queuing: the same archive sent straight to the jobs core
        String first = roster.studentWithoutPhoto(TestRoster.LC_A);
        byte[] bomb = Zips.create().add(first + ".jpg", PhotoFixtures.graduationJpeg())
                .zeros("2440100000002.jpg", 100L * 1024 * 1024).bytes();
        roster.authenticate("th1");
        String jobId;
        try {
            jobId = jobs.submit(PhotoImportWork.KIND, Map.of("type", "GRADUATION", "overwrite", "true"),
                    new java.io.ByteArrayInputStream(bomb));
        } finally {
            identity.clearAuthentication();
        }

        Map<String, Object> job = job("th1", jobId);
        assertThat(job).containsEntry("state", "ROLLED_BACK").containsEntry("applied", 0);
        assertThat((String) job.get("message")).contains("压缩炸弹");
        assertThat((List<?>) job.get("entries")).isEmpty();
        assertThat(photos.locked(first, PhotoRepository.Kind.GRADUATION)).isEmpty();
    }

    @Test
    void anArchiveOverTheUploadLimitIs413() {
        byte[] big = new byte[(int) PhotoArchive.MAX_ARCHIVE_BYTES + 1];
        big[0] = 'P';
        big[1] = 'K';
        big[2] = 3;
        big[3] = 4;
        assertRefused(post("th1", "type=GRADUATION", "big.zip", big), HttpStatus.PAYLOAD_TOO_LARGE, "64 MB");
    }

    @Test
    void admissionPhotosGoToTheirOwnKindAndAnotherUserDoesNotSeeTheJob() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        byte[] graduationBefore = photos.find(no, PhotoRepository.Kind.GRADUATION).orElseThrow().content();
        byte[] admission = PhotoFixtures.admissionJpeg();
        String jobId = (String) post("th1", "type=ADMISSION&overwrite=true", "p.zip",
                Zips.create().add(no + ".jpg", admission).bytes()).getBody().get("jobId");

        assertThat(as("py1").getForEntity("/api/jobs/" + jobId, Map.class).getStatusCode().is4xxClientError()).isTrue();
        assertThat((List<Map<String, Object>>) job("th1", jobId).get("entries")).singleElement()
                .satisfies(e -> assertThat(e.get("result")).isEqualTo("SAVED"));
        assertThat(photos.find(no, PhotoRepository.Kind.ADMISSION).orElseThrow().content()).isEqualTo(admission);
        assertThat(photos.find(no, PhotoRepository.Kind.GRADUATION).orElseThrow().content()).isEqualTo(graduationBefore);
    }

    private long jobs() {
        return jdbc.sql("SELECT COUNT(*) FROM bulk_job").query(Long.class).single();
    }

    private static void assertRefused(ResponseEntity<Map> response, HttpStatus status, String inMessage) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat((String) response.getBody().get("message")).contains(inMessage);
    }

    private Map<String, Object> job(String user, String jobId) {
        ResponseEntity<Map> response = as(user).getForEntity("/api/jobs/" + jobId, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<Map> post(String user, String query, String fileName, byte[] bytes) {
        return as(user).exchange("/api/photo-imports?" + query, HttpMethod.POST,
                new HttpEntity<>(body(fileName, bytes), multipart()), Map.class);
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
