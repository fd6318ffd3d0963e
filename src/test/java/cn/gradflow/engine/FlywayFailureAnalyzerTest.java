package cn.gradflow.engine;

import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.gradflow.GradFlowApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A start Flyway refused says what to do next. Walked on MariaDB 10.11 with --log-bin (issue 13): V75's triggers were
 * refused with error 1419 and Flyway recorded V75 as failed, so the next start, the server's setting fixed, was refused
 * again with "Detected failed migration to version 75" until the row was deleted.
 */
class FlywayFailureAnalyzerTest {

    private final FlywayFailureAnalyzer analyzer = new FlywayFailureAnalyzer();

    @Test
    void triggerRefusedForBinaryLoggingNamesTheSettingAndTheRowToDelete() {
        // the chain as logged: FlywayMigrateException > FlywaySqlScriptException > the driver's SQLException
        SQLException refused = new SQLException("You do not have the SUPER privilege and binary logging is enabled"
                + " (you *might* want to use the less safe log_bin_trust_function_creators variable)", "HY000", 1419);
        FlywayException failure = new FlywayException("Script V75__dashboard_summary_triggers.sql failed",
                new FlywayException("Migration V75__dashboard_summary_triggers.sql failed", refused));

        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("Unable to start web server", failure));

        assertThat(analysis.getDescription()).contains("二进制日志", "SUPER", "V75");
        assertThat(analysis.getAction()).contains("SET GLOBAL log_bin_trust_function_creators = 1", "[mysqld]",
                "DELETE FROM flyway_schema_history WHERE success = 0");
    }

    @Test
    void anEarlierFailedMigrationNamesTheRowToDelete() {
        // the real thing on H2: V2 refused (its DDL-free failure leaves Flyway's failed row), then a second start
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:flyway-refused;DB_CLOSE_DELAY=-1");
        Flyway flyway = Flyway.configure().dataSource(db).locations("classpath:flyway-refused").load();
        FlywayException first = catchThrowableOfType(FlywayException.class, flyway::migrate);
        FlywayException second = catchThrowableOfType(FlywayException.class, flyway::migrate);

        assertThat(analyzer.analyze(first)).as("a plain SQL error keeps Spring Boot's report").isNull();
        assertThat(second).hasMessageContaining("Detected failed migration to version 2");
        FailureAnalysis analysis = analyzer.analyze(second);
        assertThat(analysis.getDescription()).contains("V2", "flyway_schema_history");
        assertThat(analysis.getAction()).contains("DELETE FROM flyway_schema_history WHERE version = '2' AND success = 0");
    }

    @Test
    void otherFailuresKeepSpringBootsReport() {
        assertThat(analyzer.analyze(new FlywayException("Unable to obtain connection from database"))).isNull();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aNodeStartedOnSuchADatabaseSaysWhatToDo(CapturedOutput output) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:flyway-refused-node;DB_CLOSE_DELAY=-1");
        db.setUser("sa");
        Flyway flyway = Flyway.configure().dataSource(db).locations("classpath:flyway-refused").load();
        catchThrowableOfType(FlywayException.class, flyway::migrate);

        // arguments, not builder properties: those rank below application.yml's datasource
        String[] args = {"--server.port=0", "--spring.datasource.url=jdbc:h2:mem:flyway-refused-node;DB_CLOSE_DELAY=-1",
                "--spring.flyway.locations=classpath:flyway-refused", "--camunda.bpm.process-engine-name=flyway-refused-node",
                "--camunda.bpm.job-execution.enabled=false"};

        assertThatThrownBy(() -> new SpringApplicationBuilder(GradFlowApplication.class).run(args).close())
                .hasStackTraceContaining("Detected failed migration to version 2");
        assertThat(output).contains("APPLICATION FAILED TO START",
                "DELETE FROM flyway_schema_history WHERE version = '2' AND success = 0");
    }
}
