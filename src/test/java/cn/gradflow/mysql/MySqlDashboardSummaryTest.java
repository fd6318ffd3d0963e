package cn.gradflow.mysql;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.gradflow.cases.DashboardSummaryScenario;

/** {@link DashboardSummaryScenario} on MySQL/MariaDB: the SQL triggers of V75 (db/vendor/mysql). */
@SpringBootTest
@ActiveProfiles({"test", "mysql"})
@EnabledIf("cn.gradflow.mysql.MySqlDatabase#recreate")
@DirtiesContext
class MySqlDashboardSummaryTest extends DashboardSummaryScenario {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MySqlDatabase.URL);
        registry.add("spring.datasource.username", () -> MySqlDatabase.USER);
        registry.add("spring.datasource.password", () -> MySqlDatabase.PASSWORD);
        // a name of its own: closing this context must not unregister the H2 tests' "default" engine
        registry.add("camunda.bpm.process-engine-name", () -> "dashboardsummary");
    }
}
