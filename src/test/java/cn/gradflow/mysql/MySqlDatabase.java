package cn.gradflow.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MySQL/MariaDB server the integration tests run against, from MYSQL_TEST_URL (default: the
 * gradflow_test database that .ci/run creates on 127.0.0.1:3306). Each run starts from an empty
 * database. Without a server the tests are skipped, unless -Dgradflow.mysql.required=true (CI).
 */
public final class MySqlDatabase {

    static final String HOST_URL = env("MYSQL_TEST_HOST_URL", "jdbc:mysql://127.0.0.1:3306/");
    static final String DATABASE = env("MYSQL_TEST_DATABASE", "gradflow_test");
    public static final String USER = env("MYSQL_TEST_USER", "gradflow");
    public static final String PASSWORD = env("MYSQL_TEST_PASSWORD", "gradflow");
    public static final String URL = HOST_URL + DATABASE
            + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8&connectionTimeZone=LOCAL";

    private static Boolean available;

    private MySqlDatabase() {
    }

    /** Recreates the test database once per JVM; false where no server answers and none is required. */
    public static synchronized boolean recreate() {
        if (available != null) {
            return available;
        }
        try (Connection c = DriverManager.getConnection(HOST_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            available = true;
        } catch (SQLException e) {
            if (Boolean.getBoolean("gradflow.mysql.required")) {
                throw new IllegalStateException("MySQL tests are required but " + HOST_URL + " refused: " + e.getMessage(), e);
            }
            available = false;
        }
        return available;
    }

    /**
     * Drops and creates the test database again, whoever used it before: for a test that must start from an
     * empty database although another class of the same run already filled it (their contexts are closed).
     */
    public static synchronized void empty() {
        if (!recreate()) {
            throw new IllegalStateException("no MySQL server at " + HOST_URL);
        }
        try (Connection c = DriverManager.getConnection(HOST_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("recreating " + DATABASE + " failed: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
