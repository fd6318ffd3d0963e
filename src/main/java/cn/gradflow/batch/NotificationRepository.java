package cn.gradflow.batch;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.gradflow.common.SchoolClock;

/** Notices and reminders to units; a notice that names students keeps them as rows (notification_student). */
@Repository
public class NotificationRepository {

    public record Notification(long id, String unitCode, String batchCode, String kind, String message, int studentCount,
                               LocalDateTime createdAt) {
    }

    public record ListedStudent(String studentNo, String name, String unitCode, String enrolmentTerm) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    NotificationRepository(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public void add(String unitCode, String batchCode, String kind, String message) {
        insert(unitCode, batchCode, kind, message);
    }

    /**
     * A notice naming students: {@code studentsSql} selects their numbers (named parameters from
     * {@code params}); they are copied in the database, however many.
     */
    public long addListed(String unitCode, String batchCode, String kind, String message, String studentsSql,
                          Map<String, Object> params) {
        long id = insert(unitCode, batchCode, kind, message);
        int count = jdbc.sql("INSERT INTO notification_student (notification_id, student_no) SELECT :notificationId, x.student_no FROM ("
                        + studentsSql + ") x")
                .params(params).param("notificationId", id).update();
        jdbc.sql("UPDATE notification SET student_count = ? WHERE id = ?").params(count, id).update();
        return id;
    }

    private long insert(String unitCode, String batchCode, String kind, String message) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notification (unit_code, batch_code, kind, message, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(unitCode, batchCode, kind, message, clock.timestamp()).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The newest first, for the given units. */
    public List<Notification> forUnits(Collection<String> unitCodes, int limit) {
        if (unitCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE unit_code IN (:units) "
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("units", unitCodes).param("limit", limit)
                .query(NotificationRepository::map).list();
    }

    public Optional<Notification> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = ?").param(id)
                .query(NotificationRepository::map).optional();
    }

    /** A page of the students a notice names, by student number. */
    public List<ListedStudent> students(long notificationId, int offset, int limit) {
        return jdbc.sql("""
                        SELECT s.student_no, s.name, s.unit_code, s.enrolment_term FROM notification_student n
                        JOIN student s ON s.student_no = n.student_no
                        WHERE n.notification_id = ? ORDER BY s.student_no LIMIT ? OFFSET ?""")
                .params(notificationId, limit, offset)
                .query((rs, n) -> new ListedStudent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private static final String COLUMNS = "id, unit_code, batch_code, kind, message, student_count, created_at";

    private static Notification map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Notification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getTimestamp(7).toLocalDateTime());
    }
}
