package cn.gradflow.admission;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.admission.AdmissionReviewProcess.Outcome;
import cn.gradflow.common.SchoolClock;

/** {@code admission_case} and its steps (V62). */
@Repository
public class AdmissionCaseRepository {

    public record AdmissionCase(long id, String studentNo, Kind kind, boolean open, String state, Outcome outcome,
                                String reason, String photoSha256, boolean correctedPhoto, String processInstanceId,
                                String startedBy, LocalDateTime startedAt, LocalDateTime closedAt) {
    }

    public record CaseStep(String step, String decision, String reason, String actor, LocalDateTime decidedAt) {
    }

    private static final String COLUMNS = "id, student_no, kind, open_kind, state, outcome, reason, photo_sha256, "
            + "pending_photo IS NOT NULL, process_instance_id, started_by, started_at, closed_at";

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    AdmissionCaseRepository(JdbcClient jdbc, SchoolClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new open case; the unique (student, open kind) refuses a second open one of the kind. */
    long insert(String studentNo, Kind kind, String reason, String startedBy) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO admission_case (student_no, kind, open_kind, state, reason, started_by, started_at) "
                        + "VALUES (?, ?, ?, 'STARTED', ?, ?, ?)")
                .params(studentNo, kind.name(), kind.name(), reason, startedBy, clock.timestamp()).update(keys, "id");
        return keys.getKey().longValue();
    }

    void attachProcess(long id, String processInstanceId) {
        jdbc.sql("UPDATE admission_case SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    public Optional<AdmissionCase> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admission_case WHERE id = ?").param(id)
                .query(AdmissionCaseRepository::map).optional();
    }

    public List<AdmissionCase> forStudent(String studentNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admission_case WHERE student_no = ? ORDER BY id").param(studentNo)
                .query(AdmissionCaseRepository::map).list();
    }

    boolean hasOpen(String studentNo, Kind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM admission_case WHERE student_no = ? AND open_kind = ?")
                .params(studentNo, kind.name()).query(Integer.class).single() > 0;
    }

    void moveTo(long id, String state) {
        jdbc.sql("UPDATE admission_case SET state = ? WHERE id = ?").params(state, id).update();
    }

    void rememberComparedPhoto(long id, String sha256) {
        jdbc.sql("UPDATE admission_case SET photo_sha256 = ? WHERE id = ?").params(sha256, id).update();
    }

    void close(long id, Outcome outcome) {
        jdbc.sql("UPDATE admission_case SET open_kind = NULL, state = 'CLOSED', outcome = ?, closed_at = ? WHERE id = ?")
                .params(outcome.name(), clock.timestamp(), id).update();
    }

    void storeCorrectedPhoto(long id, byte[] content) {
        jdbc.sql("UPDATE admission_case SET pending_photo = ? WHERE id = ?").params(content, id).update();
    }

    Optional<byte[]> correctedPhoto(long id) {
        return jdbc.sql("SELECT pending_photo FROM admission_case WHERE id = ? AND pending_photo IS NOT NULL").param(id)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    void clearCorrectedPhoto(long id) {
        jdbc.sql("UPDATE admission_case SET pending_photo = NULL WHERE id = ?").param(id).update();
    }

    void addStep(long caseId, String step, String decision, String reason, String actor) {
        jdbc.sql("INSERT INTO admission_case_step (case_id, step, decision, reason, actor, decided_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(caseId, step, decision, reason, actor, clock.timestamp()).update();
    }

    public List<CaseStep> steps(long caseId) {
        return jdbc.sql("SELECT step, decision, reason, actor, decided_at FROM admission_case_step WHERE case_id = ? ORDER BY id")
                .param(caseId)
                .query((rs, n) -> new CaseStep(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toLocalDateTime()))
                .list();
    }

    /** Whether a step of the case was decided so (the enrolment office chose 录取照片有误 once, say). */
    boolean hasStep(long caseId, String step, String decision) {
        return jdbc.sql("SELECT COUNT(*) FROM admission_case_step WHERE case_id = ? AND step = ? AND decision = ?")
                .params(caseId, step, decision).query(Integer.class).single() > 0;
    }

    private static AdmissionCase map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String outcome = rs.getString(6);
        java.sql.Timestamp closed = rs.getTimestamp(13);
        return new AdmissionCase(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(3)), rs.getString(4) != null,
                rs.getString(5), outcome == null ? null : Outcome.valueOf(outcome), rs.getString(7), rs.getString(8),
                rs.getBoolean(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toLocalDateTime(),
                closed == null ? null : closed.toLocalDateTime());
    }
}
