package cn.gradflow.batch;

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

    public Optional<BatchCalendar> findCalendar(String batchCode, String branchCode) {
        return jdbc.sql("""
                        SELECT batch_code, branch_code, scope_from_term, scope_to_term, exemption_cutoff,
                               first_round_open, first_round_close, second_round_open, second_round_close,
                               city_review_due, branch_review_due, hq_review_due
                        FROM batch_calendar WHERE batch_code = ? AND branch_code = ?""")
                .param(batchCode).param(branchCode)
                .query((rs, n) -> new BatchCalendar(rs.getString(1), rs.getString(2), Term.parse(rs.getString(3)),
                        Term.parse(rs.getString(4)), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(),
                        rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate(), rs.getDate(9).toLocalDate(),
                        rs.getDate(10).toLocalDate(), rs.getDate(11).toLocalDate(), rs.getDate(12).toLocalDate()))
                .optional();
    }

    public void saveBatch(Batch batch) {
        jdbc.sql("INSERT INTO batch (code, name, grade_cutoff, certificate_issue_date) VALUES (?, ?, ?, ?)")
                .params(batch.code(), batch.name(), batch.gradeCutoff(), batch.certificateIssueDate()).update();
    }

    public void saveCalendar(BatchCalendar c) {
        jdbc.sql("""
                        INSERT INTO batch_calendar (batch_code, branch_code, scope_from_term, scope_to_term, exemption_cutoff,
                            first_round_open, first_round_close, second_round_open, second_round_close,
                            city_review_due, branch_review_due, hq_review_due)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.batchCode(), c.branchCode(), c.scopeFrom().code(), c.scopeTo().code(), c.exemptionCutoff(),
                        c.firstRoundOpen(), c.firstRoundClose(), c.secondRoundOpen(), c.secondRoundClose(),
                        c.cityReviewDue(), c.branchReviewDue(), c.hqReviewDue())
                .update();
    }
}
