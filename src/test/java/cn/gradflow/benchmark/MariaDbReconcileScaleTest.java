package cn.gradflow.benchmark;

import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ReconcileScale} on MySQL/MariaDB, in the benchmark's database (MYSQL_BENCHMARK_DATABASE, recreated empty), as
 * {@link MariaDbBenchmarkTest} connects.
 */
@Tag("benchmark")
@SpringBootTest
@ActiveProfiles({"test", "mysql"})
@EnabledIf("cn.gradflow.benchmark.MariaDbBenchmarkTest#recreate")
@DirtiesContext
class MariaDbReconcileScaleTest extends ReconcileScale {

    /** How long the old DELETE may run before it is stopped (it reads every task for every row). */
    static final int LIMIT_SECONDS = Integer.getInteger("benchmark.reconcileOldLimitSeconds", 60);

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MariaDbBenchmarkTest.HOST_URL + MariaDbBenchmarkTest.DATABASE
                + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8&connectionTimeZone=LOCAL");
        registry.add("spring.datasource.username", () -> MariaDbBenchmarkTest.USER);
        registry.add("spring.datasource.password", () -> MariaDbBenchmarkTest.PASSWORD);
        registry.add("camunda.bpm.process-engine-name", () -> "reconcilemysql");
    }

    @Override
    String database() {
        return "MariaDB on " + MariaDbBenchmarkTest.HOST_URL + MariaDbBenchmarkTest.DATABASE + " (READ COMMITTED)";
    }

    @Override
    String fileName() {
        return "mariadb";
    }

    /** The old DELETE under MariaDB's max_statement_time (it deletes nothing in step either way), then the old INSERT. */
    @Override
    String before() {
        String delete;
        try {
            delete = String.format(Locale.ROOT, "%.2f", seconds("SET STATEMENT max_statement_time=" + LIMIT_SECONDS + " FOR " + OLD_DELETE));
        } catch (RuntimeException stopped) {
            delete = "> " + LIMIT_SECONDS + " (stopped)";
        }
        double insert = seconds(OLD_INSERT);
        return String.format(Locale.ROOT, "DELETE … NOT EXISTS %s + INSERT … NOT EXISTS %.2f", delete, insert);
    }
}
