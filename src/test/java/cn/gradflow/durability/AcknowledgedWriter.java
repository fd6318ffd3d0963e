package cn.gradflow.durability;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The child JVM of {@link AcknowledgedCommitsSurviveKillTest}: opens the database exactly as the app's
 * {@code application.yml} says (its {@code spring.datasource}, bound the way Spring Boot binds it, into a Hikari
 * pool), relative to the working directory it was started in, and issues numbers the way registration numbers are
 * issued — a sequence row advanced and the number recorded in one transaction. It prints
 * {@code ACKNOWLEDGED <number>} only after {@code commit()} returned: what an HTTP 2xx after the commit means to a
 * client. It writes until it is killed (or its parent stops reading, or a minute has passed).
 */
public final class AcknowledgedWriter {

    static final String READY = "READY";
    static final String ACKNOWLEDGED = "ACKNOWLEDGED ";
    private static final Duration LIFETIME = Duration.ofMinutes(1);

    private AcknowledgedWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (HikariDataSource pool = appDataSource().initializeDataSourceBuilder().type(HikariDataSource.class).build();
             Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS probe_sequence (id INT PRIMARY KEY, last_value INT NOT NULL)");
                s.execute("INSERT INTO probe_sequence (id, last_value) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM probe_sequence)");
                s.execute("CREATE TABLE IF NOT EXISTS probe_number (number INT PRIMARY KEY)");
            }
            c.commit();
            System.out.println(READY);
            System.out.flush();
            long stopAt = System.nanoTime() + LIFETIME.toNanos();
            while (System.nanoTime() < stopAt && !System.out.checkError()) {
                int number = issue(c);
                c.commit();
                System.out.println(ACKNOWLEDGED + number);
                System.out.flush();
            }
        }
    }

    private static int issue(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE probe_sequence SET last_value = last_value + 1 WHERE id = 1");
            try (ResultSet rs = s.executeQuery("SELECT last_value FROM probe_sequence WHERE id = 1")) {
                rs.next();
                int number = rs.getInt(1);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO probe_number (number) VALUES (?)")) {
                    insert.setInt(1, number);
                    insert.executeUpdate();
                }
                return number;
            }
        }
    }

    /** {@code spring.datasource} of the app's own {@code application.yml}, as Spring Boot binds it. */
    static DataSourceProperties appDataSource() throws IOException {
        // the file alone: a SPRING_DATASOURCE_URL on the build machine must not stand in for what the file says
        MutablePropertySources yaml = new MutablePropertySources();
        List<PropertySource<?>> documents = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"));
        documents.forEach(yaml::addLast);
        DataSourceProperties properties = new Binder(ConfigurationPropertySources.from(yaml),
                new PropertySourcesPlaceholdersResolver(yaml))
                .bind("spring.datasource", DataSourceProperties.class)
                .orElseThrow(() -> new IllegalStateException("application.yml has no spring.datasource"));
        try {
            properties.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
