package cn.gradflow.application;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.batch.Round;
import cn.gradflow.registration.RegistrationNumber;
import cn.gradflow.registration.RegistrationService;
import cn.gradflow.roster.Level;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@GradFlowSpringTest
class RegistrationNumberUniquenessTest {

    @Autowired TestRoster roster;
    @Autowired RegistrationRace race;
    @Autowired RegistrationService registrations;
    @Autowired ApplicationRepository applications;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    @Test
    void fiftyCasesFinishingAtOnceGetFiftyDistinctWellFormedNumbers() throws Exception {
        roster.ensureBase();

        List<String> numbers = race.run(50, 8);

        assertThat(numbers).hasSize(50).allMatch(n -> RegistrationNumber.FORMAT.matcher(n).matches());
        assertThat(new HashSet<>(numbers)).hasSize(50);
    }

    /**
     * R-EL-07: should the sequence ever fall behind the numbers issued (a commit of the sequence lost while the
     * number was kept, a restore of one table), the primary key on registration refuses the number a second
     * time: the issue fails (an incident on the case) instead of handing another student a number already out.
     */
    @Test
    void aSequenceThatFellBehindCannotHandAnIssuedNumberToAnotherStudent() throws Exception {
        roster.ensureBase();
        String issued = race.run(1, 1).get(0);
        int year = Integer.parseInt(issued.substring(6, 10));
        String levelDigit = issued.substring(10, 11);
        String anotherStudent = roster.eligibleStudent(TestRoster.LC_A, "GSGL");

        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE registration_sequence SET last_value = last_value - 1 WHERE certificate_year = ? AND level_digit = ?")
                    .params(year, levelDigit).update();
            long application = applications.insert(TestRoster.BATCH, anotherStudent, Round.FIRST,
                    new CaseDue.Days(null, null, null, null));

            assertThatThrownBy(() -> registrations.issue(application, Level.BACHELOR, LocalDate.of(year, 1, 20)))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThat(registrations.findFor(application)).isEmpty();
            status.setRollbackOnly();
        });
    }
}
