package cn.gradflow.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.GradFlowApplication;
import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.batchflow.BatchProcess;
import cn.gradflow.engine.TasklistFilters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo loader finishes an interrupted seed and never adds anything twice (issue 10, item 5). The demo gets its
 * own application context, in-memory database and engine (profile {@code demo}, no web server, no job executor), so
 * the shared test context never sees demo data. Its start-up seeds the demo; the test then takes away what a start
 * killed at various points would have left missing, and starts the loader again.
 */
class DemoDataLoaderTest {

    private static ConfigurableApplicationContext demo;

    @BeforeAll
    static void startTheDemo() {
        // command-line arguments: they outrank application.yml's file database
        demo = new SpringApplicationBuilder(GradFlowApplication.class)
                .profiles("demo")
                // no web server: closing a second embedded Camunda REST application would take the shared test
                // context's "default" engine with it (see MySqlManyCasesTest); the loader needs no HTTP
                .web(WebApplicationType.NONE)
                .run("--spring.autoconfigure.exclude=" + CamundaBpmRestJerseyAutoConfiguration.class.getName(),
                        "--spring.datasource.url=jdbc:h2:mem:demo-loader-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                        "--camunda.bpm.process-engine-name=demoLoaderTest", // not "default": that is the shared test context's engine; no "-" either, Camunda ignores such a name
                        "--camunda.bpm.job-execution.enabled=false");
    }

    @AfterAll
    static void stopTheDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void aStartOnACompleteDemoChangesNothing() {
        Map<String, Object> seeded = census();

        demo.getBean(DemoDataLoader.class).run(null);
        demo.getBean(AdmissionDemoData.class).seed(); // a start runs both: the loader, then (ApplicationReadyEvent) the admission demo

        assertThat(census()).isEqualTo(seeded);
    }

    @Test
    void aStartAfterAnInterruptedSeedCreatesWhatIsMissingAndNothingElse() {
        Map<String, Object> complete = census();
        assertThat((List<?>) complete.get("applications")).hasSize(192);
        assertThat((List<?>) complete.get("processes")).hasSize(192 + 4);

        // killed while starting applications: the last 22 students never started, no batch processes yet
        IntStream.range(170, 192).forEach(i -> withdrawApplication(DemoDataLoader.studentNo(i)));
        deleteProcess(BatchProcess.KEY, "SMJK");
        deleteProcess(BatchProcess.EXPIRY_KEY, "GD");
        // killed while adding students: the last 20 never created, one photo not yet stored
        IntStream.range(180, 200).forEach(i -> deleteStudent(DemoDataLoader.studentNo(i)));
        jdbc().sql("DELETE FROM photo WHERE student_no = ?").param(DemoDataLoader.studentNo(5)).update();
        // killed while saving a calendar, before the city window, between a login and its membership, between filters
        jdbc().sql("DELETE FROM batch_calendar WHERE branch_code = 'SMJK'").update();
        jdbc().sql("DELETE FROM city_window").update();
        IdentityService identity = demo.getBean(IdentityService.class);
        identity.deleteMembership("th1", "GDGZ01");
        identity.deleteUser("py1");
        FilterService filters = demo.getBean(FilterService.class);
        filters.deleteFilter(filters.createFilterQuery().filterName("我认领的任务").singleResult().getId());
        assertThat(census()).isNotEqualTo(complete);

        demo.getBean(TasklistFilters.class).run(null);
        demo.getBean(DemoDataLoader.class).run(null);
        demo.getBean(AdmissionDemoData.class).seed(); // a start runs both: the loader, then (ApplicationReadyEvent) the admission demo

        assertThat(census()).isEqualTo(complete);
    }

    /** What the demo consists of, by key where it has one, so that a missing part or a second copy both show. */
    private static Map<String, Object> census() {
        Map<String, Object> census = new TreeMap<>();
        JdbcClient jdbc = jdbc();
        for (String table : List.of("unit", "course", "major", "major_course", "student", "grade", "exemption_application",
                "photo", "chsi_status", "batch", "batch_calendar", "city_window", "application")) {
            census.put(table + " rows", jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        census.put("students", jdbc.sql("SELECT student_no FROM student ORDER BY student_no").query(String.class).list());
        census.put("photos", jdbc.sql("SELECT student_no FROM photo ORDER BY student_no").query(String.class).list());
        census.put("applications", jdbc.sql("SELECT student_no FROM application ORDER BY student_no").query(String.class).list());
        census.put("calendars", jdbc.sql("""
                        SELECT branch_code || ' ' || first_round_open || ' ' || first_round_close FROM batch_calendar
                        ORDER BY branch_code""").query(String.class).list());
        census.put("city windows", jdbc.sql("SELECT city_code || ' ' || window_open || ' ' || window_close FROM city_window")
                .query(String.class).list());

        IdentityService identity = demo.getBean(IdentityService.class);
        census.put("logins", identity.createUserQuery().orderByUserId().asc().list().stream().map(User::getId).toList());
        census.put("memberships", identity.createGroupQuery().orderByGroupId().asc().list().stream()
                .map(Group::getId)
                .map(group -> group + ": " + identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()
                        .stream().map(User::getId).toList())
                .toList());
        census.put("filters", demo.getBean(FilterService.class).createFilterQuery().orderByFilterName().asc().list().stream()
                .map(Filter::getName).toList());
        RuntimeService runtime = demo.getBean(RuntimeService.class);
        census.put("processes", List.of(ApplicationProcess.KEY, BatchProcess.KEY, BatchProcess.EXPIRY_KEY).stream()
                .flatMap(key -> runtime.createProcessInstanceQuery().processDefinitionKey(key).list().stream()
                        .map(pi -> key + " " + pi.getBusinessKey()))
                .sorted()
                .toList());
        return census;
    }

    /** As if it had never started: the row and its instance commit together, so a crash leaves neither. */
    private static void withdrawApplication(String studentNo) {
        String processInstanceId = jdbc().sql("SELECT process_instance_id FROM application WHERE student_no = ?")
                .param(studentNo).query(String.class).single();
        deleteInstance(processInstanceId);
        jdbc().sql("DELETE FROM finding WHERE application_id IN (SELECT id FROM application WHERE student_no = ?)")
                .param(studentNo).update();
        jdbc().sql("DELETE FROM application WHERE student_no = ?").param(studentNo).update();
    }

    private static void deleteProcess(String key, String branch) {
        ProcessInstance running = demo.getBean(RuntimeService.class).createProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey(BatchProcess.businessKey(DemoDataLoader.BATCH, branch)).singleResult();
        deleteInstance(running.getId());
    }

    private static void deleteInstance(String processInstanceId) {
        demo.getBean(RuntimeService.class).deleteProcessInstance(processInstanceId, "演示中断", true, true);
        demo.getBean(HistoryService.class).deleteHistoricProcessInstance(processInstanceId);
    }

    private static void deleteStudent(String studentNo) {
        // the admission review's rows first (AdmissionDemoData's case for 2110100000195, the self-checks)
        for (String pi : jdbc().sql("SELECT process_instance_id FROM admission_case WHERE student_no = ?").param(studentNo)
                .query(String.class).list()) {
            demo.getBean(RuntimeService.class).deleteProcessInstanceIfExists(pi, "演示中断", true, true, true, true);
            demo.getBean(HistoryService.class).deleteHistoricProcessInstanceIfExists(pi);
        }
        jdbc().sql("DELETE FROM admission_case_step WHERE case_id IN (SELECT id FROM admission_case WHERE student_no = ?)")
                .param(studentNo).update();
        for (String table : List.of("identity_verdict", "admission_case", "chsi_self_check_list_student", "chsi_self_check",
                "notification_student", "grade", "exemption_application", "photo", "chsi_status", "student")) {
            jdbc().sql("DELETE FROM " + table + " WHERE student_no = ?").param(studentNo).update();
        }
    }

    private static JdbcClient jdbc() {
        return demo.getBean(JdbcClient.class);
    }
}
