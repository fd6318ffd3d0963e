package cn.gradflow.selfstudy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.checks.Finding;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.selfstudy.SelfStudyProcess.State;

/** GradFlow's records of self-study graduation registration (V60): candidates, sessions, cases and their rows. */
@Repository
public class SelfStudyRepository {

    public record Office(String code, String name, String tier, String parentCode) {
    }

    public record CourseLine(String courseCode, String courseName, int score, String examSession) {
    }

    public record CaseRow(long id, String sessionCode, String candidateNo, String processInstanceId, State state,
                          String priorDegreeKind, String priorDegreeNo, boolean priorDegreeVerified, boolean certificatePending,
                          String processingLocation, String characterAssessment, String assessmentUnit) {
    }

    public record CaseEvent(String step, String ruleId, String code, String message, String evidence, String actor,
                            java.time.LocalDateTime recordedAt) {
    }

    public record StoredDocument(String kind, String fileName, String contentType, int sizeBytes, String uploadedBy) {
    }

    private static final String CANDIDATE_COLUMNS = """
            candidate_no, name, sex, id_number, non_mainland_id, birth_date, level, major_code, major_name,
            examining_university, city_office, user_id, record_change_pending, fresh_graduate, foreign_prior_degree,
            identity_changed, elective_credits_earned, elective_credits_required, practice_major, practice_university,
            violation_postponed_until, already_certified, phone""";

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    SelfStudyRepository(JdbcClient jdbc, SchoolClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Office> office(String code) {
        return jdbc.sql("SELECT code, name, tier, parent_code FROM ss_office WHERE code = ?").param(code)
                .query((rs, n) -> new Office(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
    }

    public List<Office> offices() {
        return jdbc.sql("SELECT code, name, tier, parent_code FROM ss_office ORDER BY code")
                .query((rs, n) -> new Office(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    public Optional<SelfStudySession> session(String code) {
        return jdbc.sql("""
                        SELECT code, name, province_office, prerequisites_due, prior_degree_due, apply_opens, apply_closes,
                            onsite_opens, onsite_closes, fresh_certificate_due, certificates_from
                        FROM ss_session WHERE code = ?""").param(code)
                .query((rs, n) -> new SelfStudySession(rs.getString(1), rs.getString(2), rs.getString(3), ts(rs, 4), ts(rs, 5),
                        ts(rs, 6), ts(rs, 7), ts(rs, 8), ts(rs, 9), ts(rs, 10), ts(rs, 11)))
                .optional();
    }

    public Optional<SelfStudyCandidate> candidate(String candidateNo) {
        return jdbc.sql("SELECT " + CANDIDATE_COLUMNS + " FROM ss_candidate WHERE candidate_no = ?").param(candidateNo)
                .query(SelfStudyRepository::candidate).optional();
    }

    public Optional<SelfStudyCandidate> candidateOfUser(String userId) {
        return jdbc.sql("SELECT " + CANDIDATE_COLUMNS + " FROM ss_candidate WHERE user_id = ?").param(userId)
                .query(SelfStudyRepository::candidate).optional();
    }

    private static SelfStudyCandidate candidate(ResultSet rs, int n) throws SQLException {
        java.sql.Date postponed = rs.getDate(21);
        return new SelfStudyCandidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15), rs.getBoolean(16), rs.getInt(17),
                rs.getInt(18), rs.getString(19), rs.getString(20), postponed == null ? null : postponed.toLocalDate(),
                rs.getBoolean(22), rs.getString(23));
    }

    public List<CourseLine> grades(String candidateNo) {
        return jdbc.sql("SELECT course_code, course_name, score, exam_session FROM ss_grade WHERE candidate_no = ? ORDER BY course_code")
                .param(candidateNo).query((rs, n) -> new CourseLine(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
                .list();
    }

    /** The major's courses of a kind (REQUIRED, BACHELOR_EXTRA) the candidate has no pass (≥ 60) for, as 代码 名称. */
    public List<String> missingCourses(String candidateNo, String majorCode, String kind) {
        return jdbc.sql("""
                        SELECT m.course_code, m.course_name FROM ss_major_course m
                        WHERE m.major_code = ? AND m.kind = ? AND NOT EXISTS (
                            SELECT 1 FROM ss_grade g WHERE g.candidate_no = ? AND g.course_code = m.course_code AND g.score >= 60)
                        ORDER BY m.course_code""")
                .params(majorCode, kind, candidateNo).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
    }

    public void clearRecordChangePending(String candidateNo) {
        jdbc.sql("UPDATE ss_candidate SET record_change_pending = FALSE WHERE candidate_no = ?").param(candidateNo).update();
    }

    /** 基本信息维护: the candidate's own contact and background data. */
    public void updateBasicData(String candidateNo, String nativePlace, String ethnicity, String lastEducation, String occupation,
                                String employer, String phone) {
        jdbc.sql("""
                        UPDATE ss_candidate SET native_place = COALESCE(?, native_place), ethnicity = COALESCE(?, ethnicity),
                            last_education = COALESCE(?, last_education), occupation = COALESCE(?, occupation),
                            employer = COALESCE(?, employer), phone = COALESCE(?, phone)
                        WHERE candidate_no = ?""")
                .params(nativePlace, ethnicity, lastEducation, occupation, employer, phone, candidateNo).update();
    }

    /** The data error reported on 确认信息: the record is corrected before the next session, the case ends. */
    public void requestRecordCorrection(String candidateNo, String session, String description) {
        jdbc.sql("INSERT INTO ss_record_correction (candidate_no, session_code, description, requested_at) VALUES (?, ?, ?, ?)")
                .params(candidateNo, session, description, clock.timestamp()).update();
        jdbc.sql("UPDATE ss_candidate SET record_change_pending = TRUE WHERE candidate_no = ?").param(candidateNo).update();
    }

    public int openRecordCorrections(String candidateNo) {
        return jdbc.sql("SELECT COUNT(*) FROM ss_record_correction WHERE candidate_no = ? AND done_at IS NULL")
                .param(candidateNo).query(Integer.class).single();
    }

    // --- cases

    public long insertCase(String session, String candidateNo) {
        Timestamp now = clock.timestamp();
        jdbc.sql("INSERT INTO ss_case (session_code, candidate_no, state, started_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(session, candidateNo, State.STARTED.name(), now, now).update();
        return jdbc.sql("SELECT id FROM ss_case WHERE session_code = ? AND candidate_no = ?").params(session, candidateNo)
                .query(Long.class).single();
    }

    public void setProcessInstance(long caseId, String processInstanceId) {
        jdbc.sql("UPDATE ss_case SET process_instance_id = ? WHERE id = ?").params(processInstanceId, caseId).update();
    }

    private static final String CASE_COLUMNS = """
            id, session_code, candidate_no, process_instance_id, state, prior_degree_kind, prior_degree_no,
            prior_degree_verified, certificate_pending, processing_location, character_assessment, assessment_unit""";

    private static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
        return new CaseRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), State.valueOf(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9), rs.getString(10), rs.getString(11),
                rs.getString(12));
    }

    public Optional<CaseRow> findCase(String session, String candidateNo) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM ss_case WHERE session_code = ? AND candidate_no = ?")
                .params(session, candidateNo).query(SelfStudyRepository::caseRow).optional();
    }

    public CaseRow requireCase(long id) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM ss_case WHERE id = ?").param(id).query(SelfStudyRepository::caseRow)
                .single();
    }

    /** A session's cases an office sees: the city's own candidates, or every case for the province. */
    public List<CaseRow> casesOf(String session, String cityOffice) {
        String columns = "c." + CASE_COLUMNS.strip().replaceAll(",\\s*", ", c.");
        String sql = "SELECT " + columns + " FROM ss_case c JOIN ss_candidate d ON d.candidate_no = c.candidate_no"
                + " WHERE c.session_code = ?" + (cityOffice == null ? "" : " AND d.city_office = ?") + " ORDER BY c.candidate_no";
        return (cityOffice == null ? jdbc.sql(sql).params(session) : jdbc.sql(sql).params(session, cityOffice))
                .query(SelfStudyRepository::caseRow).list();
    }

    public void state(long caseId, State state) {
        jdbc.sql("UPDATE ss_case SET state = ?, updated_at = ? WHERE id = ?").params(state.name(), clock.timestamp(), caseId).update();
    }

    public void priorDegree(long caseId, String kind, String number, boolean verified, boolean certificatePending) {
        jdbc.sql("""
                        UPDATE ss_case SET prior_degree_kind = ?, prior_degree_no = ?, prior_degree_verified = ?,
                            certificate_pending = ?, updated_at = ? WHERE id = ?""")
                .params(kind, number, verified, certificatePending, clock.timestamp(), caseId).update();
    }

    public void priorDegreeVerified(long caseId, boolean verified) {
        jdbc.sql("UPDATE ss_case SET prior_degree_verified = ?, updated_at = ? WHERE id = ?")
                .params(verified, clock.timestamp(), caseId).update();
    }

    public void certificateFilled(long caseId) {
        jdbc.sql("UPDATE ss_case SET certificate_pending = FALSE, updated_at = ? WHERE id = ?").params(clock.timestamp(), caseId).update();
    }

    public void processingLocation(long caseId, String location) {
        jdbc.sql("UPDATE ss_case SET processing_location = ?, updated_at = ? WHERE id = ?")
                .params(location, clock.timestamp(), caseId).update();
    }

    public void characterAssessment(long caseId, String assessment, String unit) {
        jdbc.sql("UPDATE ss_case SET character_assessment = ?, assessment_unit = ?, updated_at = ? WHERE id = ?")
                .params(assessment, unit, clock.timestamp(), caseId).update();
    }

    public void event(long caseId, String step, String code, String message, String evidence, String actor) {
        jdbc.sql("""
                        INSERT INTO ss_case_event (case_id, step, rule_id, code, message, evidence, actor, recorded_at)
                        VALUES (?, ?, NULL, ?, ?, ?, ?, ?)""")
                .params(caseId, step, code, cut(message, 500), cut(evidence, 1000), actor, clock.timestamp()).update();
    }

    public void finding(long caseId, String step, Finding f, String actor) {
        jdbc.sql("""
                        INSERT INTO ss_case_event (case_id, step, rule_id, code, message, evidence, actor, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, step, f.rule(), f.code(), cut(f.message(), 500), cut(f.evidence(), 1000), actor, clock.timestamp())
                .update();
    }

    public List<CaseEvent> events(long caseId) {
        return jdbc.sql("SELECT step, rule_id, code, message, evidence, actor, recorded_at FROM ss_case_event WHERE case_id = ? ORDER BY id")
                .param(caseId).query((rs, n) -> new CaseEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toLocalDateTime())).list();
    }

    // --- documents

    public void replaceDocument(long caseId, String kind, String fileName, String contentType, byte[] content, String sha256,
                                String user) {
        jdbc.sql("DELETE FROM ss_document WHERE case_id = ? AND kind = ?").params(caseId, kind).update();
        jdbc.sql("""
                        INSERT INTO ss_document (case_id, kind, file_name, content_type, content, size_bytes, sha256, uploaded_by,
                            uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, kind, fileName, contentType, content, content.length, sha256, user, clock.timestamp()).update();
    }

    public List<StoredDocument> documents(long caseId) {
        return jdbc.sql("SELECT kind, file_name, content_type, size_bytes, uploaded_by FROM ss_document WHERE case_id = ? ORDER BY kind")
                .param(caseId).query((rs, n) -> new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5))).list();
    }

    public Optional<byte[]> documentContent(long caseId, String kind) {
        return jdbc.sql("SELECT content FROM ss_document WHERE case_id = ? AND kind = ?").params(caseId, kind)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    private static java.time.LocalDateTime ts(ResultSet rs, int i) throws SQLException {
        return rs.getTimestamp(i).toLocalDateTime();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
