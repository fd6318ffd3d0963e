package cn.gradflow.registration;

import cn.gradflow.common.SchoolClock;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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

    RegistrationService(JdbcClient jdbc, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
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
        for (int attempt = 0; attempt < 2; attempt++) {
            int updated = jdbc.sql("""
                            UPDATE registration_sequence SET last_value = last_value + 1
                            WHERE certificate_year = ? AND level_digit = ?""")
                    .params(year, digit).update();
            if (updated == 1) {
                return jdbc.sql("SELECT last_value FROM registration_sequence WHERE certificate_year = ? AND level_digit = ?")
                        .params(year, digit).query(Integer.class).single();
            }
            try {
                jdbc.sql("INSERT INTO registration_sequence (certificate_year, level_digit, last_value) VALUES (?, ?, 1)")
                        .params(year, digit).update();
                return 1;
            } catch (DuplicateKeyException concurrentFirstIssue) {
                // another transaction created the row first: take the next value from it
            }
        }
        throw new IllegalStateException("无法分配电子注册号序号：" + year + "/" + digit);
    }
}
