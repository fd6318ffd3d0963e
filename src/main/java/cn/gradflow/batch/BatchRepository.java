package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.roster.Term;

@Repository
public class BatchRepository {

    private final JdbcClient jdbc;

    BatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Batch> findBatch(String code) {
        return jdbc.sql("SELECT code, name, grade_cutoff, certificate_issue_date FROM batch WHERE code = ?")
                .param(code)
                .query((rs, n) -> new Batch(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate()))
                .optional();
    }

    private static final String CALENDAR_COLUMNS = """
            batch_code, branch_code, scope_from_term, scope_to_term, exemption_cutoff,
            first_round_open, first_round_close, second_round_open, second_round_close,
            upgrade_phase_open, upgrade_phase_close, regular_phase_open, regular_phase_close,
            makeup_phase_open, makeup_phase_close, city_review_due, branch_review_due, hq_review_due,
            grade_recheck_deadline, coop_material_deadline, statistics_due, expiry_cleanup_date, reminder_days,
            continuing_audit_due, second_round_photo_due""";

    public Optional<BatchCalendar> findCalendar(String batchCode, String branchCode) {
        return jdbc.sql("SELECT " + CALENDAR_COLUMNS + " FROM batch_calendar WHERE batch_code = ? AND branch_code = ?")
                .param(batchCode).param(branchCode)
                .query((rs, n) -> new BatchCalendar(rs.getString(1), rs.getString(2), term(rs, 3),
                        term(rs, 4), day(rs, 5), window(rs, 6), window(rs, 8), window(rs, 10),
                        window(rs, 12), window(rs, 14), day(rs, 16), day(rs, 17), day(rs, 18), day(rs, 19), day(rs, 20),
                        day(rs, 21), day(rs, 22), rs.getInt(23), day(rs, 24), day(rs, 25)))
                .optional();
    }

    /** Inserts or replaces a branch's calendar for a batch. */
    public void saveCalendar(BatchCalendar c) {
        jdbc.sql("DELETE FROM batch_calendar WHERE batch_code = ? AND branch_code = ?")
                .params(c.batchCode(), c.branchCode()).update();
        jdbc.sql("INSERT INTO batch_calendar (" + CALENDAR_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.batchCode(), c.branchCode(), code(c.scopeFrom()), code(c.scopeTo()), c.exemptionCutoff(),
                        open(c.firstRound()), close(c.firstRound()), open(c.secondRound()), close(c.secondRound()),
                        open(c.upgradePhase()), close(c.upgradePhase()), open(c.regularPhase()), close(c.regularPhase()),
                        open(c.makeupPhase()), close(c.makeupPhase()), c.cityReviewDue(), c.branchReviewDue(),
                        c.hqReviewDue(), c.gradeRecheckDeadline(), c.coopMaterialDeadline(), c.statisticsDue(),
                        c.expiryCleanupDate(), c.reminderDays(), c.continuingAuditDue(), c.secondRoundPhotoDue())
                .update();
    }

    /** A city's narrower window for its centres (R-BA-03), if it set one. */
    public Optional<BatchCalendar.Window> findCityWindow(String batchCode, String cityCode, Round round) {
        return jdbc.sql("""
                        SELECT window_open, window_close FROM city_window
                        WHERE batch_code = ? AND city_code = ? AND application_round = ?""")
                .params(batchCode, cityCode, round.name())
                .query((rs, n) -> new BatchCalendar.Window(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()))
                .optional();
    }

    public void saveCityWindow(String batchCode, String cityCode, Round round, BatchCalendar.Window window) {
        jdbc.sql("DELETE FROM city_window WHERE batch_code = ? AND city_code = ? AND application_round = ?")
                .params(batchCode, cityCode, round.name()).update();
        jdbc.sql("INSERT INTO city_window (batch_code, city_code, application_round, window_open, window_close) VALUES (?, ?, ?, ?, ?)")
                .params(batchCode, cityCode, round.name(), window.open(), window.close()).update();
    }

    /** An open side of the scope (R-BA-02) is NULL. */
    private static Term term(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        String code = rs.getString(column);
        return code == null ? null : Term.parse(code);
    }

    private static String code(Term term) {
        return term == null ? null : term.code();
    }

    private static LocalDate day(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static BatchCalendar.Window window(java.sql.ResultSet rs, int openColumn) throws java.sql.SQLException {
        LocalDate open = day(rs, openColumn);
        LocalDate close = day(rs, openColumn + 1);
        return open == null || close == null ? null : new BatchCalendar.Window(open, close);
    }

    private static LocalDate open(BatchCalendar.Window w) {
        return w == null ? null : w.open();
    }

    private static LocalDate close(BatchCalendar.Window w) {
        return w == null ? null : w.close();
    }

    public void saveBatch(Batch batch) {
        jdbc.sql("INSERT INTO batch (code, name, grade_cutoff, certificate_issue_date) VALUES (?, ?, ?, ?)")
                .params(batch.code(), batch.name(), batch.gradeCutoff(), batch.certificateIssueDate()).update();
    }

}
