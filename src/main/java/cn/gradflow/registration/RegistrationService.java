package cn.gradflow.registration;

import cn.gradflow.common.SchoolClock;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.roster.Level;

/**
 * Issues registration numbers. The sequence row is locked by its UPDATE until the engine's
 * transaction commits, so concurrent issues serialise per year and level and a rolled-back issue
 * leaves no gap; the primary key on {@code registration} is the last guard.
 */
@Service
public class RegistrationService {

    private final JdbcClient jdbc;
    private final SchoolClock clock;
    private final TransactionTemplate ownTx;

    RegistrationService(JdbcClient jdbc, SchoolClock clock, PlatformTransactionManager transactions) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.ownTx = new TransactionTemplate(transactions);
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The application's number, issued now or earlier: issued once, never reissued or voided. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String issue(long applicationId, Level level, LocalDate certificateIssueDate) {
        Optional<String> existing = findFor(applicationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        int year = certificateIssueDate.getYear();
        String number = RegistrationNumber.format(year, level, nextSequence(year, level));
        jdbc.sql("""
                        INSERT INTO registration (registration_no, application_id, certificate_issue_date, issued_at)
                        VALUES (?, ?, ?, ?)""")
                .params(number, applicationId, java.sql.Date.valueOf(certificateIssueDate),
                        clock.timestamp())
                .update();
        return number;
    }

    public Optional<String> findFor(long applicationId) {
        return jdbc.sql("SELECT registration_no FROM registration WHERE application_id = ?")
                .param(applicationId).query(String.class).optional();
    }

    private int nextSequence(int year, Level level) {
        String digit = String.valueOf(level.registrationDigit());
        ensureSequenceRow(year, digit);
        int updated = jdbc.sql("""
                        UPDATE registration_sequence SET last_value = last_value + 1
                        WHERE certificate_year = ? AND level_digit = ?""")
                .params(year, digit).update();
        if (updated != 1) {
            throw new IllegalStateException("无法分配电子注册号序号：" + year + "/" + digit);
        }
        return jdbc.sql("SELECT last_value FROM registration_sequence WHERE certificate_year = ? AND level_digit = ?")
                .params(year, digit).query(Integer.class).single();
    }

    /**
     * The year's first issue creates its row in a transaction of its own, committed at once (issue 13). Created
     * inside the issuing transaction, two first issues at once (two job executors, two nodes) deadlocked on
     * MariaDB: the one refused as a duplicate kept a shared lock on the new row and then wanted it exclusively
     * behind a third issue's update; the job failed and waited for its retry. Now the issuing transaction only
     * updates the row, and concurrent issues queue on it.
     */
    private void ensureSequenceRow(int year, String digit) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM registration_sequence WHERE certificate_year = ? AND level_digit = ?")
                .params(year, digit).query(Integer.class).single() > 0;
        if (exists) {
            return;
        }
        try {
            ownTx.executeWithoutResult(s -> jdbc.sql(
                            "INSERT INTO registration_sequence (certificate_year, level_digit, last_value) VALUES (?, ?, 0)")
                    .params(year, digit).update());
        } catch (DuplicateKeyException concurrentFirstIssue) {
            // another issue created it first: committed, so the update below finds it
        }
    }
}
