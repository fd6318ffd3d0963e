package cn.gradflow.roster;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** R-ID-02 per branch: everyone reads a branch's setting; only HQ changes it. */
@GradFlowSpringTest
class BranchChsiPhotoRuleApiTest {

    /** The batch-test branch: none of its cases has a missing CHSI photo, and the setting is put back. */
    private static final String BRANCH = TestRoster.BATCH_TEST_BRANCH;

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired RosterWriter writer;
    @Autowired RosterRepository units;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @AfterEach
    void cleanUp() {
        writer.chsiPhotoRule(BRANCH, false);
    }

    @Test
    void everyoneReadsOnlyHqChanges() {
        assertThat(as("th1").getForEntity("/api/branches/SMJK/chsi-photo-rule", Map.class).getBody())
                .containsEntry("branch", "SMJK").containsEntry("blocksAtInitialAudit", true);
        assertThat(as("gd1").getForEntity("/api/branches/GD/chsi-photo-rule", Map.class).getBody())
                .containsEntry("blocksAtInitialAudit", false);
        assertThat(as("hq1").getForEntity("/api/branches/GDGZ/chsi-photo-rule", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        for (String user : List.of("gd1", "smjk1", "tb1", "th1")) {
            assertThat(put(user, BRANCH, Map.of("blocksAtInitialAudit", true)).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(units.findUnit(BRANCH).orElseThrow().chsiPhotoBlocksAtInitialAudit()).isFalse();

        assertThat(put("hq1", BRANCH, Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> saved = put("hq1", BRANCH, Map.of("blocksAtInitialAudit", true));
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody()).containsEntry("branch", BRANCH).containsEntry("blocksAtInitialAudit", true);
        assertThat(units.findUnit(BRANCH).orElseThrow().chsiPhotoBlocksAtInitialAudit()).isTrue();
        assertThat(put("hq1", TestRoster.LC_A, Map.of("blocksAtInitialAudit", true)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ResponseEntity<Map> put(String user, String code, Object body) {
        return as(user).exchange("/api/branches/" + code + "/chsi-photo-rule", HttpMethod.PUT, new HttpEntity<>(body), Map.class);
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, TestRoster.PASSWORD);
    }
}
