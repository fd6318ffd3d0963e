package cn.gradflow.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements the application sends, by kind and table ({@code SELECT ACT_RU_TASK}): each execution and
 * each row added to a JDBC batch is one. Wraps the application's DataSource; for the benchmark's statement counts
 * (issue 13), never for timing.
 */
public final class SqlCounter {

    private static final Pattern TABLE = Pattern.compile(
            "^\\s*(select|insert|update|delete)\\b.*?\\b(?:from|into|update)\\s+([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    /** The statements' texts, whitespace collapsed, to list what one case sends (issue 13: what is repeated). */
    private static final Map<String, LongAdder> TEXTS = new ConcurrentHashMap<>();
    /** Off while a wrapped DataSource is timed (BareEngineOutsideBenchmarkTest): labelling a statement costs microseconds. */
    static volatile boolean counting = true;
    private static final java.util.concurrent.atomic.AtomicInteger TRACED = new java.util.concurrent.atomic.AtomicInteger();

    private SqlCounter() {
    }

    public static void reset() {
        COUNTS.clear();
        TEXTS.clear();
    }

    /** Statement texts since the last reset, most first. */
    public static Map<String, Long> texts() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        TEXTS.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
        return sorted;
    }

    public static long total() {
        return COUNTS.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Kind and table to count, most first. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        COUNTS.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
        return sorted;
    }

    static void count(String sql) {
        if (!counting) {
            return;
        }
        COUNTS.computeIfAbsent(label(sql), k -> new LongAdder()).increment();
        // -Dsqlcounter.trace='SELECT ACT_HI_PROCINST': who sends a statement (the first three, with their stacks)
        String trace = System.getProperty("sqlcounter.trace");
        if (trace != null && label(sql).equals(trace) && TRACED.incrementAndGet() <= 3) {
            new Throwable("TRACE " + sql).printStackTrace(System.out);
        }
        TEXTS.computeIfAbsent(sql.strip().replaceAll("\\s+", " "), k -> new LongAdder()).increment();
    }

    static String label(String sql) {
        String trimmed = sql.strip();
        // the update statement names its table right after the keyword
        Matcher m = TABLE.matcher(trimmed);
        if (m.find()) {
            String kind = m.group(1).toUpperCase(Locale.ROOT);
            String table = m.group(2).toUpperCase(Locale.ROOT);
            return kind + " " + table;
        }
        String[] words = trimmed.split("\\s+", 3);
        if (words.length > 1 && words[0].equalsIgnoreCase("update")) {
            return "UPDATE " + words[1].toUpperCase(Locale.ROOT);
        }
        String first = words[0].toUpperCase(Locale.ROOT);
        return first.isEmpty() ? "?" : first;
    }

    /** Import into a test class that wants its statements counted. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Wiring {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource ds && !(bean instanceof Counting) ? new Counting(ds) : bean;
                }
            };
        }
    }

    static final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return iface.isInstance(this) ? (T) this : super.unwrap(iface);
        }
    }

    private static Connection connection(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("prepareStatement")) {
                return statement((PreparedStatement) result, (String) args[0], PreparedStatement.class);
            }
            if (method.getName().equals("createStatement")) {
                return statement((Statement) result, null, Statement.class);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static <S extends Statement> S statement(S target, String sql, Class<S> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch") || name.startsWith("execute") && !name.equals("executeBatch")
                    && !name.equals("executeLargeBatch")) {
                String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
                if (text != null) {
                    count(text);
                }
            }
            return invoke(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(SqlCounter.class.getClassLoader(),
                type == PreparedStatement.class ? new Class<?>[] {PreparedStatement.class} : new Class<?>[] {Statement.class}, handler));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
