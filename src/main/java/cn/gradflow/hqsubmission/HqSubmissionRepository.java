package cn.gradflow.hqsubmission;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.gradflow.common.FanOut;
import cn.gradflow.common.SchoolClock;

/** Lists for HQ, their items and each city's answers. Every list read is counted or paged in SQL. */
@Repository
class HqSubmissionRepository {

    record Item(long applicationId, String studentNo, String studentName, String cityCode, String cityName,
                String learningCenter, boolean continuing, String delivery) {

        String line() {
            return "- " + studentNo + " " + studentName + "（" + learningCenter + "）" + (continuing ? "［专科续读本科，单独上报］" : "");
        }
    }

    record CityCount(String cityCode, String cityName, long students) {
    }

    record Answer(String cityCode, String decision, String corrections, String userId) {
    }

    record Submission(long id, String batchCode, String branchCode, String state, int issueNo) {
    }

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    HqSubmissionRepository(JdbcClient jdbc, SchoolClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long create(String batchCode, String branchCode, String processInstanceId) {
        // the branch's lock before the row that references it: the foreign key would take a shared lock on the
        // branch's row first, and two nodes upgrading theirs in reissue deadlocked on MariaDB (TwoNodesTest, once)
        lockBranch(branchCode);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO hq_submission (batch_code, branch_code, process_instance_id, issue_no, state, created_at)
                        VALUES (?, ?, ?, 0, 'CONFIRMING', ?)""")
                .params(batchCode, branchCode, processInstanceId, clock.timestamp()).update(keys, "id");
        return keys.getKey().longValue();
    }

    java.util.Optional<Submission> findByProcessInstance(String processInstanceId) {
        return jdbc.sql("SELECT id, batch_code, branch_code, state, issue_no FROM hq_submission WHERE process_instance_id = ?")
                .param(processInstanceId)
                .query((rs, n) -> new Submission(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .optional();
    }

    java.util.Optional<Submission> find(long submissionId) {
        return jdbc.sql("SELECT id, batch_code, branch_code, state, issue_no FROM hq_submission WHERE id = ?")
                .param(submissionId)
                .query((rs, n) -> new Submission(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .optional();
    }

    /** The cases of the branch a new list would hold: waiting for HQ and on no open list (as {@link #reissue} picks them). */
    long countWaiting(String batchCode, String branchCode) {
        return jdbc.sql("SELECT COUNT(*) " + WAITING).params(batchCode, branchCode).query(Long.class).single();
    }

    private static final String WAITING = """
            FROM application a
            JOIN student_chain c ON c.student_no = a.student_no
            WHERE a.batch_code = ? AND a.state = 'AWAITING_HQ' AND c.branch_code = ?
              AND NOT EXISTS (SELECT 1 FROM hq_submission_item i JOIN hq_submission h ON h.id = i.submission_id
                              WHERE i.application_id = a.id AND h.state = 'CONFIRMING')""";

    /**
     * Puts every case of the branch now waiting for HQ and on no open list onto this list (cases
     * already on it stay); excluded cases stay off. Returns the new issue number.
     */
    /** The branch's row, locked until commit: lists of one branch are started and compiled one at a time. */
    void lockBranch(String branchCode) {
        jdbc.sql("SELECT code FROM unit WHERE code = ? FOR UPDATE").param(branchCode).query(String.class).single();
    }

    int reissue(long submissionId, String batchCode, String branchCode, List<String> excludedStudentNos) {
        // Issue 13: lists of one branch are compiled one at a time (the branch's row locked until commit). Two
        // lists started at once — two nodes, two clicks — both found the same cases on no open list and both
        // took them; now the later one waits and finds them on the first list.
        lockBranch(branchCode);
        jdbc.sql("""
                        INSERT INTO hq_submission_item (submission_id, application_id, student_no, city_code)
                        SELECT ?, a.id, a.student_no, c.city_code
                        """ + WAITING)
                .params(submissionId, batchCode, branchCode).update();
        if (!excludedStudentNos.isEmpty()) {
            jdbc.sql("UPDATE hq_submission_item SET excluded = TRUE WHERE submission_id = :id AND student_no IN (:nos)")
                    .param("id", submissionId).param("nos", excludedStudentNos).update();
        }
        jdbc.sql("UPDATE hq_submission SET issue_no = issue_no + 1 WHERE id = ?").param(submissionId).update();
        return issueNo(submissionId);
    }

    private static final String ITEMS = """
            SELECT i.application_id, i.student_no, s.name, i.city_code, city.name, lc.name, s.continuing, i.delivery
            FROM hq_submission_item i
            JOIN application a ON a.id = i.application_id
            JOIN student s ON s.student_no = i.student_no
            JOIN unit lc ON lc.code = s.unit_code
            LEFT JOIN unit city ON city.code = i.city_code
            WHERE i.submission_id = :id AND i.excluded = FALSE
            """;

    /** How many students the list holds (of one city, where given). */
    long count(long submissionId, String cityCode) {
        return jdbc.sql("SELECT COUNT(*) FROM hq_submission_item i WHERE i.submission_id = :id AND i.excluded = FALSE"
                        + (cityCode == null ? "" : " AND i.city_code = :city"))
                .param("id", submissionId).params(cityParam(cityCode)).query(Long.class).single();
    }

    /** Students per city (a college's centres report without a city: code null). */
    List<CityCount> countsByCity(long submissionId) {
        return jdbc.sql("""
                        SELECT i.city_code, MAX(city.name), COUNT(*) FROM hq_submission_item i
                        LEFT JOIN unit city ON city.code = i.city_code
                        WHERE i.submission_id = ? AND i.excluded = FALSE
                        GROUP BY i.city_code ORDER BY i.city_code""")
                .param(submissionId)
                .query((rs, n) -> new CityCount(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** Continuing students (专科续读本科) on the list: reported separately (R-BA-08). */
    long continuingCount(long submissionId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM hq_submission_item i JOIN student s ON s.student_no = i.student_no
                        WHERE i.submission_id = ? AND i.excluded = FALSE AND s.continuing = TRUE""")
                .param(submissionId).query(Long.class).single();
    }

    /** One page of the list (of one city, where given), by city then student number. */
    List<Item> page(long submissionId, String cityCode, int offset, int limit) {
        return jdbc.sql(ITEMS + (cityCode == null ? "" : " AND i.city_code = :city")
                        + " ORDER BY i.city_code, i.student_no LIMIT :limit OFFSET :offset")
                .param("id", submissionId).params(cityParam(cityCode)).param("limit", limit).param("offset", offset)
                .query(HqSubmissionRepository::item).list();
    }

    /** The students of one chunk of the list when it is sent to HQ, in a fixed order. */
    List<String> chunk(long submissionId, int chunk) {
        return jdbc.sql("""
                        SELECT student_no FROM hq_submission_item WHERE submission_id = ? AND excluded = FALSE
                        ORDER BY student_no LIMIT ? OFFSET ?""")
                .params(submissionId, FanOut.CHUNK_SIZE, chunk * FanOut.CHUNK_SIZE).query(String.class).list();
    }

    void markDelivery(long submissionId, String studentNo, String delivery) {
        jdbc.sql("UPDATE hq_submission_item SET delivery = ? WHERE submission_id = ? AND student_no = ?")
                .params(delivery, submissionId, studentNo).update();
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

    /** How many cases of the list still wait for HQ's decision, and the first of them. */
    long countStillAtHq(long submissionId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM hq_submission_item i JOIN application a ON a.id = i.application_id
                        WHERE i.submission_id = ? AND i.excluded = FALSE AND a.state = 'HQ_REVIEW'""")
                .param(submissionId).query(Long.class).single();
    }

    List<Item> stillAtHq(long submissionId, int limit) {
        return jdbc.sql(ITEMS + " AND a.state = 'HQ_REVIEW' ORDER BY i.student_no LIMIT :limit")
                .param("id", submissionId).param("limit", limit).query(HqSubmissionRepository::item).list();
    }

    private static java.util.Map<String, Object> cityParam(String cityCode) {
        return cityCode == null ? java.util.Map.of() : java.util.Map.of("city", cityCode);
    }

    private static Item item(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getString(8));
    }
}
