package cn.gradflow.engine;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11: the default Tasklist filters exist on every installation and find a student by 学号 and by 姓名. */
@GradFlowSpringTest
class TasklistFiltersTest {

    @Autowired FilterService filters;
    @Autowired TasklistFilters defaults;
    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired org.camunda.bpm.engine.IdentityService identity;

    @Test
    void theDefaultFiltersExistOnceAndOfferStudentNumberAndName() {
        assertThat(defaults.ensure()).as("created at start-up, not twice").isZero();
        for (String name : List.of(TasklistFilters.UNIT_QUEUE, TasklistFilters.MINE)) {
            assertThat(filters.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
            Filter filter = filters.createFilterQuery().filterName(name).singleResult();
            assertThat(filter.getProperties().get("variables")).as(name).asList().contains(
                    Map.of("name", "studentNo", "label", "学号"), Map.of("name", "studentName", "label", "姓名"));
        }
    }

    @Test
    void theRoleFiltersExistWithTheStudentsColumnsAndListWhatTheirNameSays() {
        assertThat(defaults.ensure()).isZero();
        for (String name : List.of(TasklistFilters.TO_DO, TasklistFilters.DUE_SOON, TasklistFilters.RETURNED, TasklistFilters.IDENTITY)) {
            Filter filter = filters.createFilterQuery().filterName(name).singleResult();
            assertThat(filter).as(name).isNotNull();
            assertThat(filter.getProperties().get("variables")).as(name).asList().containsExactly(
                    Map.of("name", "studentNo", "label", "学号"), Map.of("name", "studentName", "label", "姓名"),
                    Map.of("name", "majorName", "label", "专业"), Map.of("name", "batchCode", "label", "批次"));
        }
        roster.ensureBase();
        String returned = roster.studentWithoutPhoto(TestRoster.LC_A); // 整改 at once (R-EL-06/R-PH-01)
        ProcessInstance correction = driver.start(returned);
        String applying = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        driver.start(applying);
        assertThat(runtime.getVariable(correction.getId(), "majorName")).isEqualTo("行政管理");

        String returnedId = id(TasklistFilters.RETURNED);
        assertOnlyThisStudent(list(returnedId, Map.of("nameLike", "%" + returned + "%")), returned);
        assertThat(list(returnedId, Map.of("nameLike", "%" + applying + "%"))).as("not returned").isEmpty();
        assertThat(list(returnedId, Map.of())).allSatisfy(t -> assertThat(t.get("taskDefinitionKey")).isEqualTo("CorrectApplication"));
        // 待我处理: the unit's unclaimed tasks and one's own, not a colleague's claimed task
        String toDo = id(TasklistFilters.TO_DO);
        assertOnlyThisStudent(list(toDo, Map.of("nameLike", "%" + applying + "%")), applying);
        taskService.claim(taskService.createTaskQuery().processInstanceId(correction.getId()).singleResult().getId(), "th-colleague");
        assertThat(list(toDo, Map.of("nameLike", "%" + returned + "%"))).as("claimed by a colleague").isEmpty();
        assertOnlyThisStudent(list(id(TasklistFilters.UNIT_QUEUE), Map.of("nameLike", "%" + returned + "%")), returned);
        // 即将截止: the expression of the due date is evaluated by the engine, every task listed is due within 3 days
        java.util.Date limit = java.util.Date.from(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().plus(java.time.Duration.ofDays(TasklistFilters.DUE_SOON_DAYS)));
        assertThat(list(id(TasklistFilters.DUE_SOON), Map.of())).allSatisfy(t -> assertThat(t.get("due")).isNotNull());
        assertThat(taskService.createTaskQuery().taskCandidateGroup(TestRoster.LC_A).includeAssignedTasks().dueBefore(limit).count())
                .isEqualTo(count(id(TasklistFilters.DUE_SOON)));
        assertThat(list(id(TasklistFilters.IDENTITY), Map.of())).allSatisfy(t -> assertThat((String) t.get("processDefinitionId")).startsWith("identity-review"));
    }

    @Test
    void aFiltersIdIsFoundWithAUserAuthenticatedToo() {
        roster.ensureBase();
        roster.authenticate("th1");
        try {
            assertThat(defaults.idOf(TasklistFilters.UNIT_QUEUE)).isEqualTo(
                    filters.createFilterQuery().filterName(TasklistFilters.UNIT_QUEUE).orderByFilterId().asc().listPage(0, 1).get(0).getId());
        } finally {
            identity.clearAuthentication();
        }
    }

    @Test
    void aClerkFindsTheStudentsTaskByNumberAndByNameAsTasklistAsks() {
        roster.ensureBase();
        String studentNo = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        ProcessInstance instance = driver.start(studentNo);
        String studentName = (String) runtime.getVariable(instance.getId(), "studentName");
        String queue = filters.createFilterQuery().filterName(TasklistFilters.UNIT_QUEUE).singleResult().getId();

        // 流程变量 学号 = …, as student-search.js sends it (a string)
        assertOnlyThisStudent(list(queue, Map.of("processVariables",
                List.of(Map.of("name", "studentNo", "operator", "eq", "value", studentNo)))), studentNo);
        // what Tasklist 7.24 alone sends for an all-digit value: a number, which matches no string variable
        assertThat(list(queue, Map.of("processVariables",
                List.of(Map.of("name", "studentNo", "operator", "eq", "value", Long.parseLong(studentNo)))))).isEmpty();
        // the default 任务名称 LIKE with the number, and 流程变量 姓名 like
        assertOnlyThisStudent(list(queue, Map.of("nameLike", "%" + studentNo + "%")), studentNo);
        assertThat(list(queue, Map.of("processVariables",
                List.of(Map.of("name", "studentName", "operator", "like", "value", "%" + studentName + "%")))))
                .extracting(task -> (String) task.get("name")).anyMatch(name -> name.contains(studentNo));
    }

    private String id(String name) {
        return filters.createFilterQuery().filterName(name).singleResult().getId();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private long count(String filterId) {
        ResponseEntity<Map> response = http.withBasicAuth("th1", TestRoster.PASSWORD)
                .postForEntity("/engine-rest/filter/" + filterId + "/count", Map.of(), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((Number) response.getBody().get("count")).longValue();
    }

    @SuppressWarnings("unchecked")
    /** A page of 15, as Tasklist asks (an unbounded list is refused). */
    private List<Map<String, Object>> list(String filterId, Map<String, Object> criteria) {
        ResponseEntity<String> response = http.withBasicAuth("th1", TestRoster.PASSWORD)
                .postForEntity("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", criteria, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        try {
            return new ObjectMapper().readValue(response.getBody(), List.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(response.getBody(), e);
        }
    }

    private static void assertOnlyThisStudent(List<Map<String, Object>> tasks, String studentNo) {
        assertThat(tasks).isNotEmpty().allSatisfy(task -> assertThat((String) task.get("name")).contains("（" + studentNo + "）"));
    }
}
