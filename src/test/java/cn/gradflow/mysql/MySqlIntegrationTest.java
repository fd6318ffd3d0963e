package cn.gradflow.mysql;

import java.util.HashSet;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.RegistrationRace;
import cn.gradflow.registration.RegistrationNumber;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The whole application on a real MySQL/MariaDB server, from an empty database: Flyway and the
 * engine create their schemas, a student climbs to a registration number, and 50 concurrent issues
 * stay unique under row locks.
 */
@SpringBootTest
@ActiveProfiles({"test", "mysql"})
@EnabledIf("cn.gradflow.mysql.MySqlDatabase#recreate")
@DirtiesContext
class MySqlIntegrationTest {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MySqlDatabase.URL);
        registry.add("spring.datasource.username", () -> MySqlDatabase.USER);
        registry.add("spring.datasource.password", () -> MySqlDatabase.PASSWORD);
        // A name of its own: engines register by name JVM-wide, and closing this context must not
        // unregister the "default" engine the H2 tests' REST API looks up.
        registry.add("camunda.bpm.process-engine-name", () -> "mysql");
    }

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired RegistrationRace race;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void runsOnMySql() {
        String product = jdbc.sql("SELECT VERSION()").query(String.class).single();
        assertThat(product).isNotBlank();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1").query(Integer.class).single())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void studentFromStartToRegistrationNumber() {
        String no = roster.eligibleStudent(TestRoster.LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION_DEGREE");
        driver.approve(pi, "gz1");
        driver.reject(pi, "gd1", "承诺书签名不清晰");
        driver.resubmit(pi, "th1");
        driver.approve(pi, "gz1");
        driver.approve(pi, "gd1");
        driver.submitToHq(pi);
        driver.approve(pi, "hq1");
        driver.handOutCertificate(pi, "th1");

        assertThat(pi).isEnded().hasPassed(Step.END_GRADUATED.id());
        var application = applications.find(TestRoster.BATCH, no).orElseThrow();
        assertThat(application.registrationNo()).matches(RegistrationNumber.FORMAT);
        assertThat(applications.decisions(application.id())).extracting(d -> d.decision())
                .containsExactly("APPLY", "APPROVE", "REJECT", "RESUBMIT", "APPROVE", "APPROVE", "APPROVE",
                        "CERTIFICATE_HANDED_OUT");
    }

    @Test
    void fiftyConcurrentRegistrationsStayUnique() throws Exception {
        List<String> numbers = race.run(50, 8);

        assertThat(numbers).hasSize(50).allMatch(n -> RegistrationNumber.FORMAT.matcher(n).matches());
        assertThat(new HashSet<>(numbers)).hasSize(50);
    }
}
