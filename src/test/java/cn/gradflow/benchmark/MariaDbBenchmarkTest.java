package cn.gradflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The table on MySQL/MariaDB (the mysql profile: READ COMMITTED), in a database of its own recreated empty for the run:
 * MYSQL_BENCHMARK_DATABASE (default gradflow_benchmark) on MYSQL_TEST_HOST_URL as MYSQL_TEST_USER/MYSQL_TEST_PASSWORD,
 * the same variables as the MySQL tests. Without a server it is skipped, unless -Dgradflow.mysql.required=true.
 */
@Tag("benchmark")
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({"test", "mysql"})
@EnabledIf("cn.gradflow.benchmark.MariaDbBenchmarkTest#recreate")
@DirtiesContext
class MariaDbBenchmarkTest extends ProvinceBenchmark {

    static final String HOST_URL = env("MYSQL_TEST_HOST_URL", "jdbc:mysql://127.0.0.1:3306/");
    static final String DATABASE = env("MYSQL_BENCHMARK_DATABASE", "gradflow_benchmark");
    /** The bare engine outside GradFlow's database (its own: the engine's tables would clash with the application's). */
    static final String OUTSIDE_DATABASE = env("MYSQL_BENCHMARK_OUTSIDE_DATABASE", "gradflow_benchmark_outside");
    static final String USER = env("MYSQL_TEST_USER", "gradflow");
    static final String PASSWORD = env("MYSQL_TEST_PASSWORD", "gradflow");

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> HOST_URL + DATABASE
                + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8&connectionTimeZone=LOCAL");
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        // engines register by name JVM-wide: this context's must not replace the H2 run's "default" (letters only: Camunda turns a name with a hyphen into "default")
        registry.add("camunda.bpm.process-engine-name", () -> "benchmarkmysql");
    }

    static boolean recreate() {
        try {
            recreateDatabase(DATABASE);
            return true;
        } catch (SQLException e) {
            if (Boolean.getBoolean("gradflow.mysql.required")) {
                throw new IllegalStateException("the MySQL benchmark is required but " + HOST_URL + " refused: " + e.getMessage(), e);
            }
            return false;
        }
    }

    static void recreateDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(HOST_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    @Override
    String database() {
        String version;
        try (Connection c = DriverManager.getConnection(HOST_URL, USER, PASSWORD)) {
            version = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            version = "MySQL/MariaDB";
        }
        return version + " on " + HOST_URL + " (READ COMMITTED)";
    }

    @Override
    String fileName() {
        return "mariadb";
    }

    /** On the same server, in a database of its own (MYSQL_BENCHMARK_OUTSIDE_DATABASE), recreated empty: its grant is the README's. */
    @Override
    BareEngine.Database outsideDatabase() {
        try {
            recreateDatabase(OUTSIDE_DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("the bare engine outside GradFlow needs the database " + OUTSIDE_DATABASE + " on " + HOST_URL
                    + " (the README's GRANT under \"Benchmark\"), or -Dbenchmark.outside=false: " + e.getMessage(), e);
        }
        return BareEngine.Database.mariaDb(OUTSIDE_DATABASE);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
