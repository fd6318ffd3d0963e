package cn.gradflow.identity;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.identity.IdentityReviewProcess.Document;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 6: the identity package and photos reach GradFlow's own table and never the engine's
 * history — not as variable instances, not as variable updates, not as history byte arrays — and
 * they do not stay in the runtime tables either. Uploaded the way Tasklist sends them.
 */
@GradFlowSpringTest
class IdentityDocumentsOutOfHistoryTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired IdentityDocumentRepository documents;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void base() {
        roster.ensureBase();
    }

    @Test
    void aPackageUploadedThroughTasklistIsStoredByGradFlowAndNowhereInTheEngine() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        roster.chsi(no, new ChsiStatus(true, true, true, false));
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");

        // Tasklist's embedded form submits its File inputs as base64 through submit-form
        ResponseEntity<Map> upload = submitForm("th1", taskOf(pi), fullPackage());
        assertThat(upload.getStatusCode().value()).as(String.valueOf(upload.getBody())).isEqualTo(204);
        driver.runJobs(pi);
        long applicationId = applications.find(BATCH, no).orElseThrow().id();
        assertThat(documents.list(applicationId)).extracting(d -> d.fileName())
                .containsExactlyInAnyOrder("身份复核表.pdf", "毕业生登记表.pdf", "录取照片.jpg", "毕业照片.jpg");

        assertThat(complete("gd1", taskOf(pi), Map.of("decision", value("REJECT"), "reason", value("复核表未盖章")))
                .getStatusCode().value()).isEqualTo(204);
        // the returned package: only the corrected form again, a file of the same variable a second time
        Map<String, Object> corrected = new HashMap<>(Map.of("identityAction", value("SUBMIT")));
        corrected.put(Document.REVIEW_FORM.variable(), file("身份复核表（盖章）.pdf", "%PDF-1.4 stamped".getBytes(), "application/pdf"));
        assertThat(submitForm("th1", taskOf(pi), corrected).getStatusCode().value()).isEqualTo(204);
        assertThat(complete("gd1", taskOf(pi), Map.of("decision", value("APPROVE"))).getStatusCode().value()).isEqualTo(204);
        assertThat(complete("hq1", taskOf(pi), Map.of("decision", value("APPROVE"))).getStatusCode().value()).isEqualTo(204);
        driver.runJobs(pi);
        assertThat(taskOf(pi).getTaskDefinitionKey()).isEqualTo(Step.CITY_APPROVAL.id());
        assertThat(documents.content(applicationId, Document.REVIEW_FORM)).hasValue("%PDF-1.4 stamped".getBytes());

        String root = pi.getId();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE ROOT_PROC_INST_ID_ = ? AND PROC_DEF_KEY_ = ?")
                .params(root, IdentityReviewProcess.KEY).query(Long.class).single()).as("the review ran in this case").isEqualTo(1);
        assertNoDocumentInHistory(root);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_DETAIL WHERE ROOT_PROC_INST_ID_ = ?").param(root)
                .query(Long.class).single()).as("history as such is still written").isPositive();
        assertThat(jdbc.sql("SELECT NAME_ FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ IN "
                        + "(SELECT ID_ FROM ACT_RU_EXECUTION WHERE ROOT_PROC_INST_ID_ = ?)").param(root)
                .query(String.class).list()).as("runtime variables").doesNotContainAnyElementsOf(documentVariables());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE NAME_ IN (:names)")
                .param("names", documentVariables()).query(Long.class).single()).as("byte arrays of any kind").isZero();
    }

    /** A withdrawal that still carries files, and the correction task's photo: neither leaves a copy in history. */
    @Test
    void filesSentWithAWithdrawalOrACorrectionLeaveNoHistoryEither() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        roster.chsi(no, new ChsiStatus(true, true, true, false));
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        Map<String, Object> withdrawal = fullPackage();
        withdrawal.put("identityAction", value("WITHDRAW"));
        assertThat(submitForm("th1", taskOf(pi), withdrawal).getStatusCode().value()).isEqualTo(204);
        driver.runJobs(pi);
        assertThat(taskOf(pi).getTaskDefinitionKey()).isEqualTo(Step.CORRECT_APPLICATION.id());

        Map<String, Object> correction = new HashMap<>(Map.of("correctionAction", value("RESUBMIT")));
        correction.put("graduationPhotoFile", file("毕业照片.jpg", PhotoFixtures.graduationJpeg(), "image/jpeg"));
        assertThat(submitForm("th1", taskOf(pi), correction).getStatusCode().value()).isEqualTo(204);

        assertNoDocumentInHistory(pi.getId());
    }

    /**
     * A binary variable that is left out of history may later change type or go away: the engine then
     * finds no history row to update and must carry on (it writes the new value, or nothing).
     */
    @Test
    void laterUpdatesAndDeletionsOfAVariableLeftOutOfHistoryStillWork() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        runtime.setVariable(pi.getId(), "operatorScan", new byte[] {1, 2, 3});
        runtime.setVariable(pi.getId(), "operatorScan", new byte[] {4, 5, 6});
        runtime.setVariable(pi.getId(), "operatorScan", "已扫描");
        runtime.removeVariable(pi.getId(), "operatorScan");
        runtime.setVariable(pi.getId(), "operatorNote", "附件见纸质档案");
        runtime.setVariable(pi.getId(), "operatorNote", new byte[] {7});
        runtime.removeVariable(pi.getId(), "operatorNote");

        assertThat(jdbc.sql("SELECT VAR_TYPE_, STATE_, BYTEARRAY_ID_ FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ? AND NAME_ = ?")
                .params(pi.getId(), "operatorScan").query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list()).containsExactly("string DELETED null");
        assertThat(jdbc.sql("SELECT VAR_TYPE_, STATE_ FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ? AND NAME_ = ?")
                .params(pi.getId(), "operatorNote").query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
                .list()).as("the text stays as it was, the bytes never came").containsExactly("string DELETED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_DETAIL WHERE PROC_INST_ID_ = ? AND VAR_TYPE_ = 'bytes'")
                .param(pi.getId()).query(Long.class).single()).isZero();
        assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("operatorScan", "operatorNote");
    }

    private void assertNoDocumentInHistory(String rootProcessInstanceId) {
        List<String> names = documentVariables();
        for (String table : List.of("ACT_HI_VARINST", "ACT_HI_DETAIL")) {
            assertThat(jdbc.sql("SELECT CONCAT(NAME_, ' ', VAR_TYPE_) FROM " + table
                            + " WHERE ROOT_PROC_INST_ID_ = :root AND (NAME_ IN (:names) OR VAR_TYPE_ IN ('file', 'bytes'))")
                    .param("root", rootProcessInstanceId).param("names", names).query(String.class).list())
                    .as(table).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE NAME_ IN (:names) OR VAR_TYPE_ IN ('file', 'bytes')")
                    .param("names", names).query(Long.class).single()).as(table + ", any case").isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE ROOT_PROC_INST_ID_ = ? AND TYPE_ = 3")
                .param(rootProcessInstanceId).query(Long.class).single()).as("history byte arrays of the case").isZero();
    }

    private static List<String> documentVariables() {
        return java.util.Arrays.stream(Document.values()).map(Document::variable).toList();
    }

    private static Map<String, Object> fullPackage() {
        Map<String, Object> v = new HashMap<>();
        v.put("identityAction", value("SUBMIT"));
        v.put("reason", value("已补齐材料"));
        v.put(Document.REVIEW_FORM.variable(), file("身份复核表.pdf", "%PDF-1.4 form".getBytes(), "application/pdf"));
        v.put(Document.REGISTRATION_FORM.variable(), file("毕业生登记表.pdf", "%PDF-1.4 reg".getBytes(), "application/pdf"));
        v.put(Document.ADMISSION_PHOTO.variable(), file("录取照片.jpg", PhotoFixtures.admissionJpeg(), "image/jpeg"));
        v.put(Document.GRADUATION_PHOTO.variable(), file("毕业照片.jpg", PhotoFixtures.graduationJpeg(), "image/jpeg"));
        return v;
    }

    /** What Tasklist's embedded form sends for a {@code cam-variable-type="File"} input. */
    static Map<String, Object> file(String name, byte[] content, String mimeType) {
        Map<String, Object> info = new HashMap<>();
        info.put("filename", name);
        info.put("mimeType", mimeType);
        return Map.of("type", "File", "value", Base64.getEncoder().encodeToString(content), "valueInfo", info);
    }

    static Map<String, Object> value(Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put("value", v);
        return m;
    }

    private Task taskOf(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    }

    private ResponseEntity<Map> submitForm(String user, Task task, Map<String, Object> variables) {
        return http.withBasicAuth(user, TestRoster.PASSWORD)
                .postForEntity("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", variables), Map.class);
    }

    private ResponseEntity<Map> complete(String user, Task task, Map<String, Object> variables) {
        return http.withBasicAuth(user, TestRoster.PASSWORD)
                .postForEntity("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", variables), Map.class);
    }
}
