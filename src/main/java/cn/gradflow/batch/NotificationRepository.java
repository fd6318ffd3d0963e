package cn.gradflow.batch;

import cn.gradflow.common.SchoolClock;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notices and reminders to units. */
@Repository
public class NotificationRepository {

    public record Notification(String unitCode, String batchCode, String kind, String message, LocalDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    NotificationRepository(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public void add(String unitCode, String batchCode, String kind, String message) {
        jdbc.sql("INSERT INTO notification (unit_code, batch_code, kind, message, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(unitCode, batchCode, kind, message, clock.timestamp()).update();
    }

    /** The newest first, for the given units. */
    public List<Notification> forUnits(Collection<String> unitCodes, int limit) {
        if (unitCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT unit_code, batch_code, kind, message, created_at FROM notification WHERE unit_code IN (:units) "
                        + "ORDER BY created_at DESC, id DESC")
                .param("units", unitCodes)
                .query((rs, n) -> new Notification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toLocalDateTime()))
                .list().stream().limit(limit).toList();
    }
}
