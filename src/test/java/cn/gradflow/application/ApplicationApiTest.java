package cn.gradflow.application;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static cn.gradflow.testing.TestRoster.LC_OTHER_CITY;
import static org.assertj.core.api.Assertions.assertThat;

/** The documented endpoints, called as scripts call them: HTTP Basic, JSON in and out. */
@GradFlowSpringTest
class ApplicationApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void anonymousAndWrongPasswordGet401() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        assertThat(http.getForEntity("/api/applications/" + BATCH + "/" + no, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // zj1: a failed login delays that user's next attempts (login throttling), so not a user other tests need
        assertThat(http.withBasicAuth("zj1", "wrong").getForEntity("/api/applications/" + BATCH + "/" + no, Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/engine-rest/task/count", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("th1").getForEntity("/engine-rest/task/count", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void getShowsStateTierFindingsAndNoRegistrationNumberYet() {
        String no = roster.studentWithoutPhoto(LC_A);
        driver.start(no);

        ResponseEntity<Map> response = as("th1").getForEntity("/api/applications/" + BATCH + "/" + no, Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> body = response.getBody();
        assertThat((String) body.get("idNumber")).matches("^.{4}\\*{10}.{4}$");
        assertThat((String) as("hq1").getForEntity("/api/applications/" + BATCH + "/" + no, Map.class).getBody()
                .get("idNumber")).doesNotContain("*");
        assertThat(body).containsEntry("state", "CORRECTION").containsEntry("tier", "LEARNING_CENTER")
                .containsEntry("registrationNo", null).containsEntry("studentNo", no);
        assertThat((List<Map<String, Object>>) body.get("findings")).first().satisfies(f -> {
            // R-EL-06 and R-PH-01 are one rule: the finding carries both ids, whole and one by one
            assertThat(f).containsEntry("rule", "R-EL-06/R-PH-01").containsEntry("rules", List.of("R-EL-06", "R-PH-01"))
                    .containsEntry("code", "GRADUATION_PHOTO_MISSING")
                    .containsEntry("severity", "BLOCKING");
            assertThat((String) f.get("message")).contains("毕业照片");
        });
    }

    @Test
    void unitScopeDecidesWhoSeesAStudent() {
        String inA = roster.eligibleStudent(LC_A, "GSGL");
        String inB = roster.eligibleStudent(LC_B, "GSGL");
        String otherCity = roster.eligibleStudent(LC_OTHER_CITY, "GSGL");
        driver.start(inA);
        driver.start(inB);
        driver.start(otherCity);

        assertThat(status("th1", inB)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("gz1", inA)).isEqualTo(HttpStatus.OK);
        assertThat(status("gz1", inB)).isEqualTo(HttpStatus.OK);
        assertThat(status("gz1", otherCity)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("gd1", otherCity)).isEqualTo(HttpStatus.OK);
        assertThat(status("hq1", otherCity)).isEqualTo(HttpStatus.OK);
        assertThat(status("smjk1", inA)).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void postStartsEachStudentAndAnswersPerStudent() {
        String fresh = roster.eligibleStudent(LC_A, "GSGL");
        String started = roster.eligibleStudent(LC_A, "GSGL");
        String otherCentre = roster.eligibleStudent(LC_B, "GSGL");
        driver.start(started);

        ResponseEntity<Map> response = as("th1").postForEntity("/api/batches/" + BATCH + "/applications",
                json(Map.of("studentNos", List.of(fresh, started, "0000000000000", otherCentre, fresh))), Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) response.getBody().get("results"))
                .extracting(r -> r.get("studentNo") + ":" + r.get("result"))
                .containsExactly(fresh + ":STARTED", started + ":ALREADY_EXISTS", "0000000000000:NOT_FOUND",
                        otherCentre + ":FORBIDDEN");
        assertThat((Map<String, Object>) response.getBody().get("counts")).containsEntry("STARTED", 1);
        assertThat(status("th1", fresh)).isEqualTo(HttpStatus.OK);
    }

    /**
     * Issue 13: a request's students are started {@value ApplicationStarter#CHUNK} a transaction, each in a savepoint: over
     * several transactions every answer stays per student, in order, and every STARTED has its row and its instance.
     */
    @Test
    void aLongRequestStartsInSeveralTransactionsAndStillAnswersPerStudent() {
        List<String> nos = new java.util.ArrayList<>();
        for (int i = 0; i < ApplicationStarter.CHUNK * 2 + 5; i++) {
            nos.add(roster.eligibleStudent(LC_A, "XZGL"));
        }
        String startedBefore = nos.get(ApplicationStarter.CHUNK + 1);
        driver.start(startedBefore);
        List<String> request = new java.util.ArrayList<>(nos);
        request.add(ApplicationStarter.CHUNK, "0000000000000");

        ResponseEntity<Map> response = as("th1").postForEntity("/api/batches/" + BATCH + "/applications",
                json(Map.of("studentNos", request)), Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> expected = request.stream().map(no -> no + ":" + (no.equals(startedBefore) ? "ALREADY_EXISTS"
                : no.startsWith("0000") ? "NOT_FOUND" : "STARTED")).toList();
        assertThat((List<Map<String, Object>>) response.getBody().get("results"))
                .extracting(r -> r.get("studentNo") + ":" + r.get("result")).containsExactlyElementsOf(expected);
        for (String no : nos) {
            ApplicationRecord row = applications.find(BATCH, no).orElseThrow();
            assertThat(row.processInstanceId()).as(no).isNotNull();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM application WHERE batch_code = :batch AND student_no IN (:nos)")
                .param("batch", BATCH).param("nos", nos).query(Long.class).single()).isEqualTo((long) nos.size());
    }

    @Test
    void badRequestsGetJsonErrorsInChinese() {
        ResponseEntity<Map> malformed = as("th1").exchange("/api/batches/" + BATCH + "/applications", HttpMethod.POST,
                new HttpEntity<>("{\"studentNos\": [", jsonHeaders()), Map.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) malformed.getBody().get("message")).contains("JSON");

        ResponseEntity<Map> empty = as("th1").postForEntity("/api/batches/" + BATCH + "/applications",
                json(Map.of("studentNos", List.of())), Map.class);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) empty.getBody().get("message")).contains("学号");

        ResponseEntity<Map> unknownBatch = as("th1").postForEntity("/api/batches/209901/applications",
                json(Map.of("studentNos", List.of("1"))), Map.class);
        assertThat(unknownBatch.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownBatch.getBody()).containsEntry("error", "NOT_FOUND");

        ResponseEntity<Map> unknownStudent = as("th1").getForEntity("/api/applications/" + BATCH + "/nobody", Map.class);
        assertThat(unknownStudent.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) unknownStudent.getBody().get("message")).contains("学号不存在");

        String notStarted = roster.eligibleStudent(LC_A, "GSGL");
        assertThat(status("th1", notStarted)).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** README probes as a hostile clerk: every one a 4xx in Chinese, never a 500, an empty body or the request echoed. */
    @Test
    void hostileRequestsAreRefusedInChinese() {
        String inA = roster.eligibleStudent(LC_A, "GSGL");
        String inB = roster.eligibleStudent(LC_B, "GSGL");
        driver.start(inA);

        // a refusal asked for as XML was a 500 with no body: it is the refusal, as JSON
        HttpHeaders xml = new HttpHeaders();
        xml.setAccept(List.of(MediaType.APPLICATION_XML));
        ResponseEntity<String> otherUnit = as("py1").exchange("/api/applications/" + BATCH + "/" + inA, HttpMethod.GET,
                new HttpEntity<>(xml), String.class);
        assertThat(otherUnit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherUnit.getBody()).contains("无权");
        ResponseEntity<String> ownAsXml = as("th1").exchange("/api/applications/" + BATCH + "/" + inA, HttpMethod.GET,
                new HttpEntity<>(xml), String.class);
        assertThat(ownAsXml.getStatusCode().value()).isEqualTo(406);
        assertThat(ownAsXml.getBody()).contains("application/json");

        // a number no student has is refused with the request, not answered NOT_FOUND with its text
        String huge = "1".repeat(100_000);
        for (String path : List.of("/api/batches/" + BATCH + "/applications", "/api/batches/" + BATCH + "/decisions")) {
            ResponseEntity<String> tooLong = as("th1").postForEntity(path,
                    json(Map.of("action", "APPLY", "studentNos", List.of(inB, huge))), String.class);
            assertThat(tooLong.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(tooLong.getBody()).as(path).contains("学号最多 32 个字符").hasSizeLessThan(1000);
        }
        assertThat(applications.find(BATCH, inB)).isEmpty();

        // what the container refuses before any filter (an encoded slash, a malformed escape, a path above the root),
        // and a path that leaves /api once resolved: Chinese JSON, not Tomcat's or Spring's English
        for (String path : List.of("/api/applications/" + BATCH + "/..%2F..%2Fetc%2Fpasswd", "/api/applications/" + BATCH + "/%00",
                "/api/%2e%2e/%2e%2e/x", "/api/a/%2e%2e/%2e%2e/x")) {
            ResponseEntity<String> r = as("py1").exchange(java.net.URI.create(http.getRootUri() + path), HttpMethod.GET,
                    HttpEntity.EMPTY, String.class);
            assertThat(r.getStatusCode().is4xxClientError()).as(path).isTrue();
            assertThat(r.getBody()).as(path).containsPattern("\\p{IsHan}").doesNotContain("<html", "Not Found", "Bad Request");
        }
    }

    @Test
    void onlyTheBranchOrHqTakesAWaitingCaseOffTheWayToHqAndNotWhileAnOpenListHoldsIt() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        var pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        driver.approve(pi, "gz1");
        driver.approve(pi, "gd1");
        String path = "/api/applications/" + BATCH + "/" + no + "/withdraw-from-hq-list";
        Map<String, String> defer = Map.of("decision", "DEFER", "reason", "学生本人申请暂缓毕业");

        // the centre and the city cover the student but do not own the list; other units do not cover it
        for (String user : List.of("th1", "gz1", "sg1", "smjk1")) {
            ResponseEntity<Map> refused = as(user).postForEntity(path, json(defer), Map.class);
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat((String) refused.getBody().get("message")).as(user).containsAnyOf("只有该生所属", "无权办理");
        }
        assertThat(as("gd1").postForEntity("/api/applications/" + BATCH + "/nobody/withdraw-from-hq-list", json(defer), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<Map> noReason = as("gd1").postForEntity(path, json(Map.of("decision", "CORRECTION")), Map.class);
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) noReason.getBody().get("message")).contains("须填写原因");
        ResponseEntity<Map> unknown = as("gd1").postForEntity(path, json(Map.of("decision", "LATER")), Map.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) unknown.getBody().get("message")).contains("BACK_TO_BRANCH_REVIEW");
        ResponseEntity<Map> tooLong = as("gd1").postForEntity(path,
                json(Map.of("decision", "DEFER", "reason", "长".repeat(1001))), Map.class);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) tooLong.getBody().get("message")).contains("最多 1000 字");

        // on a list the branch is still confirming, the list owns the case until the branch excludes it
        String marker = "withdraw-test-" + no;
        jdbc.sql("""
                INSERT INTO hq_submission (batch_code, branch_code, process_instance_id, issue_no, state, created_at)
                VALUES (?, 'GD', ?, 1, 'CONFIRMING', CURRENT_TIMESTAMP)""").params(BATCH, marker).update();
        long listId = jdbc.sql("SELECT id FROM hq_submission WHERE process_instance_id = ?").param(marker).query(Long.class).single();
        long applicationId = applications.find(BATCH, no).orElseThrow().id();
        try {
            jdbc.sql("INSERT INTO hq_submission_item (submission_id, application_id, student_no, city_code) VALUES (?, ?, ?, 'GDGZ')")
                    .params(listId, applicationId, no).update();
            ResponseEntity<Map> onList = as("gd1").postForEntity(path, json(defer), Map.class);
            assertThat(onList.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(onList.getBody()).containsEntry("error", "ON_OPEN_HQ_LIST");
            assertThat((String) onList.getBody().get("message")).contains("排除");

            jdbc.sql("UPDATE hq_submission_item SET excluded = TRUE WHERE submission_id = ?").param(listId).update();
            ResponseEntity<Map> back = as("hq1").postForEntity(path,
                    json(Map.of("decision", "BACK_TO_BRANCH_REVIEW", "reason", "请分部核对学分")), Map.class);
            assertThat(back.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(back.getBody()).containsEntry("state", "BRANCH_REVIEW").containsEntry("stateLabel", "待分部复审")
                    .containsEntry("decisionLabel", "撤出上报名单，退回分部复审");
            assertThat((List<Map<String, Object>>) as("gd1").getForEntity("/api/applications/" + BATCH + "/" + no, Map.class)
                    .getBody().get("decisions")).last().satisfies(d -> assertThat(d).containsEntry("userId", "hq1")
                            .containsEntry("tier", "HQ").containsEntry("decision", "HQ_LIST_BACK_TO_REVIEW")
                            .containsEntry("reason", "请分部核对学分"));

            ResponseEntity<Map> again = as("gd1").postForEntity(path, json(defer), Map.class);
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(again.getBody()).containsEntry("error", "NOT_AWAITING_HQ");
            assertThat((String) again.getBody().get("message")).contains("待分部复审");
        } finally {
            jdbc.sql("UPDATE hq_submission SET state = 'EMPTY' WHERE id = ?").param(listId).update();
        }
    }

    @Test
    void inconsistentRosterIsA422NotA500() {
        String misplaced = roster.eligibleStudent("GDGZ", "XZGL"); // attached to a city branch, not a centre

        ResponseEntity<Map> get = as("hq1").getForEntity("/api/applications/" + BATCH + "/" + misplaced, Map.class);
        assertThat(get.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(get.getBody()).containsEntry("error", "ROSTER_INCONSISTENT");

        ResponseEntity<Map> post = as("hq1").postForEntity("/api/batches/" + BATCH + "/applications",
                json(Map.of("studentNos", List.of(misplaced))), Map.class);
        assertThat(post.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) post.getBody().get("results")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("result", "ROSTER_INCONSISTENT"));
    }

    private HttpStatus status(String user, String studentNo) {
        return HttpStatus.valueOf(as(user).getForEntity("/api/applications/" + BATCH + "/" + studentNo, Map.class)
                .getStatusCode().value());
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, TestRoster.PASSWORD);
    }

    private static HttpEntity<Object> json(Object body) {
        return new HttpEntity<>(body, jsonHeaders());
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    /** Issue 13 (V78, H2 only): application ids are kept on disk once per 1,000, not per 32; gaps are harmless. */
    @Test
    void applicationIdsAreCachedByTheThousandOnH2() {
        assertThat(jdbc.sql("""
                        SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS
                        WHERE TABLE_NAME = 'APPLICATION' AND COLUMN_NAME = 'ID' AND TABLE_SCHEMA = SCHEMA()""")
                .query(Long.class).single()).isEqualTo(1000L);
        String first = roster.eligibleStudent(LC_A, "XZGL");
        String second = roster.eligibleStudent(LC_A, "XZGL");
        driver.start(first);
        driver.start(second);
        assertThat(applications.find(BATCH, second).orElseThrow().id()).isGreaterThan(applications.find(BATCH, first).orElseThrow().id());
    }

    /**
     * Issue 13 (V84, H2 only): the dashboard's delta rows and the audit's findings, the rows a start and its audit insert
     * most, keep their ids on disk once per 1,000 too; a start still adds its delta row.
     */
    @Test
    void deltaAndFindingIdsAreCachedByTheThousandOnH2() {
        assertThat(jdbc.sql("""
                        SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME = 'ID'
                        AND TABLE_NAME IN ('DASHBOARD_COUNT_DELTA', 'DASHBOARD_DAY_DELTA', 'FINDING') AND TABLE_SCHEMA = SCHEMA()""")
                .query((rs, i) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactlyInAnyOrder("DASHBOARD_COUNT_DELTA=1000", "DASHBOARD_DAY_DELTA=1000", "FINDING=1000");
        long deltas = jdbc.sql("SELECT COUNT(*) FROM dashboard_count_delta").query(Long.class).single();
        driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dashboard_count_delta").query(Long.class).single()).isGreaterThan(deltas);
    }
}
