package cn.gradflow.benchmark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link DashboardVolume} on MySQL/MariaDB, in the benchmark's database recreated empty ({@link MariaDbBenchmarkTest}'s
 * variables): {@code MYSQL_BENCHMARK_DATABASE=… mvn verify -Pbenchmark -Dgradflow.test.heap=-Xmx1200m
 * -Dtest=MariaDbDashboardVolumeTest -Dgradflow.mysql.required=true}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "mysql"})
@EnabledIf("cn.gradflow.benchmark.MariaDbBenchmarkTest#recreate")
@DirtiesContext
class MariaDbDashboardVolumeTest extends DashboardVolume {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MariaDbBenchmarkTest.HOST_URL + MariaDbBenchmarkTest.DATABASE
                + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8&connectionTimeZone=LOCAL");
        registry.add("spring.datasource.username", () -> MariaDbBenchmarkTest.USER);
        registry.add("spring.datasource.password", () -> MariaDbBenchmarkTest.PASSWORD);
        // a name of its own (letters only): closing this context must not unregister the H2 tests' "default" engine
        registry.add("camunda.bpm.process-engine-name", () -> "dashboardmysql");
    }

    @Override
    String database() {
        return "MariaDB on " + MariaDbBenchmarkTest.HOST_URL + " (READ COMMITTED)";
    }

    @Override
    String fileName() {
        return "mariadb";
    }
}
