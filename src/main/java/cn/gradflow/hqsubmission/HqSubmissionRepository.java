package cn.gradflow.hqsubmission;

import cn.gradflow.common.SchoolClock;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Lists for HQ, their items and each city's answers. */
@Repository
class HqSubmissionRepository {

    record Item(long applicationId, String studentNo, String studentName, String cityCode, String cityName,
                String learningCenter, boolean continuing) {
    }

    record Answer(String cityCode, String decision, String corrections, String userId) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    HqSubmissionRepository(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    long create(String batchCode, String branchCode, String processInstanceId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO hq_submission (batch_code, branch_code, process_instance_id, issue_no, state, created_at)
                        VALUES (?, ?, ?, 0, 'CONFIRMING', ?)""")
                .params(batchCode, branchCode, processInstanceId, clock.timestamp()).update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Puts every case of the branch now waiting for HQ and on no open list onto this list (cases
     * already on it stay); excluded cases stay off. Returns the new issue number.
     */
    int reissue(long submissionId, String batchCode, String branchCode, List<String> excludedStudentNos) {
        jdbc.sql("""
                        INSERT INTO hq_submission_item (submission_id, application_id, student_no, city_code)
                        SELECT ?, a.id, a.student_no, c.city_code
                        FROM application a
                        JOIN student_chain c ON c.student_no = a.student_no
                        WHERE a.batch_code = ? AND a.state = 'AWAITING_HQ' AND c.branch_code = ?
                          AND NOT EXISTS (SELECT 1 FROM hq_submission_item i JOIN hq_submission h ON h.id = i.submission_id
                                          WHERE i.application_id = a.id AND h.state = 'CONFIRMING')""")
                .params(submissionId, batchCode, branchCode).update();
        for (String studentNo : excludedStudentNos) {
            jdbc.sql("UPDATE hq_submission_item SET excluded = TRUE WHERE submission_id = ? AND student_no = ?")
                    .params(submissionId, studentNo).update();
        }
        jdbc.sql("UPDATE hq_submission SET issue_no = issue_no + 1 WHERE id = ?").param(submissionId).update();
        return jdbc.sql("SELECT issue_no FROM hq_submission WHERE id = ?").param(submissionId).query(Integer.class).single();
    }

    private static final String ITEMS = """
            SELECT i.application_id, i.student_no, s.name, i.city_code, city.name, lc.name, s.continuing
            FROM hq_submission_item i
            JOIN application a ON a.id = i.application_id
            JOIN student s ON s.student_no = i.student_no
            JOIN unit lc ON lc.code = s.unit_code
            LEFT JOIN unit city ON city.code = i.city_code
            WHERE i.submission_id = ? AND i.excluded = FALSE
            """;

    List<Item> items(long submissionId) {
        return items(ITEMS + " ORDER BY i.city_code, i.student_no", submissionId);
    }

    void answer(long submissionId, int issueNo, String cityCode, String decision, String corrections, String userId) {
        jdbc.sql("""
                        INSERT INTO hq_submission_confirmation (submission_id, issue_no, city_code, decision, corrections, user_id, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(submissionId, issueNo, cityCode, decision, corrections, userId, clock.timestamp()).update();
    }

    List<Answer> answers(long submissionId, int issueNo) {
        return jdbc.sql("""
                        SELECT city_code, decision, corrections, user_id FROM hq_submission_confirmation
                        WHERE submission_id = ? AND issue_no = ? ORDER BY city_code""")
                .params(submissionId, issueNo)
                .query((rs, n) -> new Answer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    int issueNo(long submissionId) {
        return jdbc.sql("SELECT issue_no FROM hq_submission WHERE id = ?").param(submissionId).query(Integer.class).single();
    }

    void markEmpty(long submissionId) {
        jdbc.sql("UPDATE hq_submission SET state = 'EMPTY' WHERE id = ?").param(submissionId).update();
    }

    void markSubmitted(long submissionId, LocalDateTime turnaroundDue) {
        jdbc.sql("UPDATE hq_submission SET state = 'SUBMITTED', submitted_at = ?, turnaround_due = ? WHERE id = ?")
                .params(clock.timestamp(), Timestamp.valueOf(turnaroundDue), submissionId).update();
    }

    /** Cases of the list still waiting for HQ's decision. */
    List<Item> stillAtHq(long submissionId) {
        return items(ITEMS + " AND a.state = 'HQ_REVIEW' ORDER BY i.student_no", submissionId);
    }

    private List<Item> items(String sql, long submissionId) {
        return jdbc.sql(sql).param(submissionId)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7)))
                .list();
    }

}
