package cn.gradflow.exports;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A JdbcClient whose queries stream their rows instead of loading the whole result. MySQL Connector/J
 * buffers every row of a result unless the fetch size is {@link Integer#MIN_VALUE} (row by row; the mysql
 * profile's URL has no useCursorFetch), and it then raises the server's net_write_timeout to its
 * netTimeoutForStreamingResults (600 s) for the query, so a slow download does not cut the stream. H2 and the
 * MariaDB driver take a positive fetch size (H2 keeps a large result on disk beyond its memory row limit);
 * H2 refuses a negative one. While a MySQL stream is open its connection runs nothing else: row handlers
 * must not query.
 */
final class StreamingJdbc {

    static final int FETCH_SIZE = 500;

    private StreamingJdbc() {
    }

    static JdbcClient client(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(fetchSize(dataSource));
        return JdbcClient.create(template);
    }

    static int fetchSize(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return fetchSizeFor(connection.getMetaData().getDriverName());
        } catch (SQLException e) {
            throw new IllegalStateException("数据库连接失败，无法确定导出读取方式", e);
        }
    }

    static int fetchSizeFor(String driverName) {
        return driverName != null && driverName.startsWith("MySQL Connector") ? Integer.MIN_VALUE : FETCH_SIZE;
    }
}
