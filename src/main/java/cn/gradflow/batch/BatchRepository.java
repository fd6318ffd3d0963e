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
                .query((rs, n) -> batch(rs))
                .optional();
    }

    private static final String CALENDAR_COLUMNS = """
            batch_code, branch_code, scope_from_term, scope_to_term, exemption_cutoff,
            first_round_open, first_round_close, second_round_open, second_round_close,
            upgrade_phase_open, upgrade_phase_close, regular_phase_open, regular_phase_close,
            makeup_phase_open, makeup_phase_close, city_review_due, branch_review_due, hq_review_due,
            grade_recheck_deadline, coop_material_deadline, statistics_due, expiry_cleanup_date, reminder_days,
            continuing_audit_due, second_round_photo_due""";

    /** The calendar's columns of {@code batch_calendar c} in a join. */
    private static final String CALENDAR_COLUMNS_OF_C = java.util.Arrays.stream(CALENDAR_COLUMNS.split(","))
            .map(c -> "c." + c.strip()).collect(java.util.stream.Collectors.joining(", "));

    public Optional<BatchCalendar> findCalendar(String batchCode, String branchCode) {
        return jdbc.sql("SELECT " + CALENDAR_COLUMNS + " FROM batch_calendar WHERE batch_code = ? AND branch_code = ?")
                .param(batchCode).param(branchCode)
                .query((rs, n) -> calendar(rs, 0))
                .optional();
    }

    /** A batch and one branch's calendar for it (empty: no calendar). */
    public record BatchAndCalendar(Batch batch, Optional<BatchCalendar> calendar) {
    }

    /**
     * The batch and the branch's calendar for it in one query (issue 13: the initial audit and the check before HQ read
     * both, one round trip instead of two); empty when there is no such batch.
     */
    public Optional<BatchAndCalendar> findBatchAndCalendar(String batchCode, String branchCode) {
        return jdbc.sql("SELECT b.code, b.name, b.grade_cutoff, b.certificate_issue_date, " + CALENDAR_COLUMNS_OF_C
                        + " FROM batch b LEFT JOIN batch_calendar c ON c.batch_code = b.code AND c.branch_code = ? WHERE b.code = ?")
                .param(branchCode).param(batchCode)
                .query((rs, n) -> new BatchAndCalendar(batch(rs), rs.getString(5) == null ? Optional.empty() : Optional.of(calendar(rs, 4))))
                .optional();
    }

    private static Batch batch(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Batch(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate());
    }

    /** A calendar row whose first column is column {@code o + 1}. */
    private static BatchCalendar calendar(java.sql.ResultSet rs, int o) throws java.sql.SQLException {
        return new BatchCalendar(rs.getString(o + 1), rs.getString(o + 2), term(rs, o + 3),
                term(rs, o + 4), day(rs, o + 5), window(rs, o + 6), window(rs, o + 8), window(rs, o + 10),
                window(rs, o + 12), window(rs, o + 14), day(rs, o + 16), day(rs, o + 17), day(rs, o + 18), day(rs, o + 19),
                day(rs, o + 20), day(rs, o + 21), day(rs, o + 22), rs.getInt(o + 23), day(rs, o + 24), day(rs, o + 25));
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
